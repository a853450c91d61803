using Datasette.Gen.Configuration.Schema;
using Datasette.Gen.Runtime.Internal;

namespace Datasette.Gen.Runtime.Hosting;

/// <summary>
/// <c>datasette-gen schema-snapshot [FILES] [serve's instance options] [-o PATH] [--check]</c>: attaches the
/// databases exactly as <c>serve</c> would and writes (or, with --check, verifies) the schema
/// snapshot that the source generator checks datasette.yaml against.
/// </summary>
internal static class SchemaSnapshotCommand
{
    public const string Name = "schema-snapshot";

    /// <summary>What the command line asks for: the snapshot of this instance, written to (or checked against) this file.</summary>
    internal sealed record Arguments(ServeOptions Serve, string Output, bool Check);

    internal static CommandSyntax<Arguments> Syntax { get; } = new(
        Name,
        "[FILES]...",
        """
        Write the schema snapshot the build checks datasette.yaml against.
        It records the tables, views, columns, keys and FTS tables of the databases `serve` would
        attach with the same arguments (the deployment's own databases when no FILES are given),
        and whether SQLite can prepare each stored query.
        """,
        CommandLine.InstanceOptions.Select(o => o.Within<Arguments>(a => a.Serve, (a, serve) => a with { Serve = serve }))
            .Prepend(new("--check", "", "Compare with the file instead; exit 1 naming what changed", (a, _) => a with { Check = true }))
            .Prepend(new("-o, --output", "PATH", $"Snapshot file to write (default {SchemaSnapshot.FileName})", (a, v) => a with { Output = v[0] })),
        (a, file) => a with { Serve = CommandLine.WithFile(a.Serve, file) });

    public static string Usage => Syntax.Usage;

    public static async Task<int> RunAsync(IReadOnlyList<string> args, Deployment deployment, TextWriter? output = null)
    {
        output ??= Console.Out;
        var (serve, path, check) = Syntax.Parse(args, new Arguments(new ServeOptions(), SchemaSnapshot.FileName, false));
        var snapshot = await BuildAsync(deployment, serve).ConfigureAwait(false);
        return check ? Check(snapshot, path, output) : Write(snapshot, path, output);
    }

    /// <summary>The snapshot of the databases <c>serve</c> would attach with <paramref name="options"/>.</summary>
    public static async Task<SchemaSnapshot> BuildAsync(Deployment deployment, ServeOptions options)
    {
        DatasetteHost.UseStaticSqlite();
        options = DatasetteHost.Resolve(options);
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
