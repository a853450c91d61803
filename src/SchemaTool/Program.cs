using Datasette.Gen.SchemaTool;

// datasette-gen-schema -o SNAPSHOT [-c datasette.yaml] DATABASE...
// datasette-gen-schema --inspect INSPECT DATABASE...   (hashes and counts of the databases to embed)
if (args.Length > 2 && args[0] == "--inspect")
{
    return Datasette.Gen.Runtime.Hosting.InspectCommand.Run(["--inspect-file", args[1], .. args[2..]]);
}
var output = (string?)null;
var config = (string?)null;
var databases = new List<string>();
for (var i = 0; i < args.Length; i++)
{
    switch (args[i])
    {
        case "-o" when i + 1 < args.Length:
            output = args[++i];
            break;
        case "-c" when i + 1 < args.Length:
            config = args[++i];
            break;
        default:
            databases.Add(args[i]);
            break;
    }
}
if (output is null || databases.Count == 0)
{
    Console.Error.WriteLine("Usage: datasette-gen-schema -o SNAPSHOT [-c datasette.yaml] DATABASE...\n       datasette-gen-schema --inspect INSPECT DATABASE...");
    return 2;
}
return await BuildSnapshot.RunAsync(databases, config, output, Console.Error);
