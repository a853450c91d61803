using Datasette.Gen.Configuration;
using Datasette.Gen.Configuration.Binding;
using Datasette.Gen.Configuration.Model;
using Datasette.Gen.Configuration.Schema;
using Datasette.Gen.Configuration.Tree;
using Datasette.Gen.Runtime.Hosting;

namespace Datasette.Gen.SchemaTool;

/// <summary>
/// The snapshot of the declared databases, attached as <c>serve -i</c> attaches them (read-only, so
/// the build never writes to a database), with datasette.yaml's stored queries prepared.
/// </summary>
internal static class BuildSnapshot
{
    public static async Task<int> RunAsync(IReadOnlyList<string> databases, string? configPath, string output, TextWriter error)
    {
        try
        {
            var deployment = new Deployment(StoredQueriesOf(configPath), EquatableArray<MetadataItem>.Empty, Array.Empty<EmbeddedDatabase>());
            var snapshot = await SchemaSnapshotCommand.BuildAsync(deployment, new ServeOptions { ImmutableFiles = databases.ToList() }).ConfigureAwait(false);
            var text = SchemaSnapshotJson.Write(WithoutPluginFunctionErrors(snapshot));
            Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(output))!);
            // Rewritten only when it changes, so the compiler runs again only when the schema does.
            if (!File.Exists(output) || File.ReadAllText(output) != text)
            {
                File.WriteAllText(output, text);
            }
            return 0;
        }
        catch (CommandLineException ex)
        {
            error.WriteLine($"datasette-gen-schema: {ex.Message}");
            return 1;
        }
    }

    /// <summary>
    /// datasette.yaml bound only for its stored queries: its mistakes are the generator's to report, at
    /// their line, and plugin actions (unknown here) must not fail this step.
    /// </summary>
    private static DatasetteConfig StoredQueriesOf(string? configPath)
    {
        if (configPath is null)
        {
            return DatasetteConfig.Empty;
        }
        var document = ConfigReader.Read(configPath, File.ReadAllText(configPath));
        return ConfigBinder.Bind(document, null).Config;
    }

    /// <summary>
    /// Plugins register SQL functions at run time (PrepareConnection), and this tool runs none, so a
    /// stored query may name a function that only the deployment has: that is left to run time rather
    /// than failed here (DSG0034 still catches syntax errors and unknown tables and columns).
    /// </summary>
    private static SchemaSnapshot WithoutPluginFunctionErrors(SchemaSnapshot snapshot) =>
        new(snapshot.Databases.Select(d => d with
        {
            Queries = d.Queries.Select(q => q.Error is { } e && e.StartsWith("no such function: ", StringComparison.Ordinal) ? q with { Error = null } : q).ToEquatableArray(),
        }).ToEquatableArray());
}
