using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Threading.Tasks;
using Datasette.Gen.Configuration.Schema;
using Datasette.Gen.Runtime.Internal;

namespace Datasette.Gen.Runtime.Hosting;

/// <summary>
/// <c>datasette-gen schema-snapshot [serve options] [FILES] [-o PATH] [--check]</c>: attaches the
/// databases exactly as <c>serve</c> would and writes (or, with --check, verifies) the schema
/// snapshot that the source generator checks datasette.yaml against.
/// </summary>
public static class SchemaSnapshotCommand
{
    public const string Name = "schema-snapshot";

    public const string Usage = """
        Usage: datasette-gen schema-snapshot [OPTIONS] [FILES]...

          Write the schema snapshot the build checks datasette.yaml against: tables, views,
          columns, keys and FTS tables of the databases `serve` would attach with the same
          arguments (the deployment's own databases when no FILES are given), and whether SQLite
          can prepare each stored query.

        Options:
          -o, --output PATH  Snapshot file to write (default datasette.schema.json)
          --check            Compare with the file instead; exit 1 naming what changed
          -i, -m, -c, -s, --memory, --create  as for serve
          --help             Show this message and exit
        """;

    public static async Task<int> RunAsync(IReadOnlyList<string> args, Deployment deployment, TextWriter? output = null)
    {
        output ??= Console.Out;
        var path = SchemaSnapshot.FileName;
        var check = false;
        var serveArgs = new List<string>();
        for (var i = 0; i < args.Count; i++)
        {
            switch (args[i])
            {
                case "--help":
                    output.WriteLine(Usage);
                    return 0;
                case "--check":
                    check = true;
                    break;
                case "-o" or "--output":
                    path = i + 1 < args.Count ? args[++i] : throw new CommandLineException($"Option '{args[i]}' requires an argument.");
                    break;
                default:
                    serveArgs.Add(args[i]);
                    break;
            }
        }
        var snapshot = await BuildAsync(deployment, CommandLine.ParseServe(serveArgs)).ConfigureAwait(false);
        return check ? Check(snapshot, path, output) : Write(snapshot, path, output);
    }

    /// <summary>The snapshot of the databases <c>serve</c> would attach with <paramref name="options"/>.</summary>
    public static async Task<SchemaSnapshot> BuildAsync(Deployment deployment, ServeOptions options)
    {
        DatasetteHost.UseStaticSqlite();
        var loaded = ConfigurationLoader.Load(deployment, options);
        var internalDatabase = await InternalDatabase.OpenAsync(null).ConfigureAwait(false);
        await using var datasette = new Datasette(loaded.Config, internalDatabase);
        DatasetteHost.AttachDatabases(datasette, deployment, options);
        return SchemaSnapshotBuilder.Build(datasette);
    }

    private static int Write(SchemaSnapshot snapshot, string path, TextWriter output)
    {
        File.WriteAllText(path, SchemaSnapshotJson.Write(snapshot));
        output.WriteLine($"Wrote {path}: {Summary(snapshot)}");
        return 0;
    }

    private static int Check(SchemaSnapshot fresh, string path, TextWriter output)
    {
        if (!File.Exists(path))
        {
            throw new CommandLineException($"{path} does not exist; create it with `datasette-gen schema-snapshot -o {path}`", 1);
        }
        var document = SchemaSnapshotJson.Read(path, File.ReadAllText(path));
        if (document.Snapshot is not { } existing)
        {
            throw new CommandLineException(string.Join(Environment.NewLine, document.Diagnostics.Select(d => d.ToString())), 1);
        }
        var changes = SchemaSnapshotDiff.Describe(existing, fresh);
        if (changes.Count > 0)
        {
            throw new CommandLineException(
                $"{path} is stale; run `datasette-gen schema-snapshot` with the same arguments and commit the result:"
                + string.Concat(changes.Select(c => Environment.NewLine + "  " + c)),
                1);
        }
        output.WriteLine($"{path} is up to date: {Summary(fresh)}");
        return 0;
    }

    private static string Summary(SchemaSnapshot snapshot) =>
        $"{snapshot.Databases.Count} database(s), {snapshot.Databases.Sum(d => d.Tables.Count)} table(s) and view(s), "
        + $"{snapshot.Databases.Sum(d => d.Queries.Count)} stored query check(s)";
}
