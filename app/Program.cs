using Datasette.Gen.App;

// Datasette.Gen.Generated.Deployment is generated from ../datasette.yaml and the plugin classes at
// build time; the demo database, built into the executable, is served when no file is named.
return await Datasette.Gen.Generated.Deployment.RunAsync(args, DemoDatabase.Load());
