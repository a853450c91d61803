using Datasette.Gen.App;
using Datasette.Gen.Runtime.Hosting;

// Datasette.Gen.Generated.Deployment is generated from ../datasette.yaml at build time.
return await DatasetteHost.RunAsync(args, new Deployment(
    Datasette.Gen.Generated.Deployment.Config,
    Datasette.Gen.Generated.Deployment.Metadata,
    [DemoDatabase.Load()])
{
    Permissions = Datasette.Gen.Generated.Deployment.Permissions,
    Actions = Datasette.Gen.Generated.Deployment.Actions,
    Plugins = Datasette.Gen.Generated.Deployment.Plugins,
    OpenApi = Datasette.Gen.Generated.Deployment.OpenApi,
});
