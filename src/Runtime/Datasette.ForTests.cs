using Datasette.Gen.Configuration;
using Datasette.Gen.Configuration.Binding;
using Datasette.Gen.Configuration.Model;
using Datasette.Gen.Configuration.Tree;
using Datasette.Gen.Runtime.Data;
using Datasette.Gen.Runtime.Internal;
using Datasette.Gen.Runtime.Plugins;

namespace Datasette.Gen.Runtime;

public sealed partial class Datasette
{
    /// <summary>
    /// A started instance for a plugin's tests, as Python tests construct <c>Datasette(...)</c>: no web
    /// server (send requests with <see cref="Client"/>), a temporary internal database, and
    /// <see cref="InvokeStartupAsync"/> already run. Dispose it when done.
    /// </summary>
    /// <param name="config">datasette.yaml (or JSON) text, checked as the build checks the file: an error is an <see cref="ArgumentException"/> listing the diagnostics.</param>
    /// <param name="plugins">The plugins under test, e.g. <c>new PluginRegistry().AddForbidden(...)</c>, or a generated <c>Deployment.Plugins</c>.</param>
    /// <param name="files">SQLite files to serve, mutable, named after their file names.</param>
    /// <param name="memoryDatabases">In-memory databases by name, each created by running its SQL script; private to this instance.</param>
    /// <param name="options">Other start-up options (secret, <c>--root</c>, <c>--cors</c>, plugin actions...); its plugins are replaced by <paramref name="plugins"/> when given.</param>
    /// <remarks>Without files or memory databases the instance serves <c>_memory</c>, as Datasette does.</remarks>
    public static async Task<Datasette> CreateForTestsAsync(
        string? config = null,
        PluginRegistry? plugins = null,
        IEnumerable<string>? files = null,
        IReadOnlyDictionary<string, string>? memoryDatabases = null,
        DatasetteOptions? options = null)
    {
        SqliteProvider.Use();
        options ??= new DatasetteOptions();
        if (plugins is not null)
        {
            options = options with { Plugins = plugins };
        }
        var (bound, metadata, _) = BindForTests(config, options.Actions);
        var internalDatabase = await InternalDatabase.OpenAsync(null).ConfigureAwait(false);
        var datasette = new Datasette(bound, internalDatabase, options);
        try
        {
            foreach (var file in files ?? Array.Empty<string>())
            {
                datasette.AddDatabase(new Database(DatabaseKind.MutableFile, Path.GetFullPath(file), cacheSizeKb: bound.Settings.CacheSizeKb));
            }
            foreach (var (name, sql) in memoryDatabases ?? new Dictionary<string, string>())
            {
                var database = new Database(DatabaseKind.NamedMemory, memoryName: $"{name}-{Guid.NewGuid():N}", cacheSizeKb: bound.Settings.CacheSizeKb);
                await database.WriteAsync(c =>
                {
                    c.Connection.Execute(sql);
                    return 0;
                }).ConfigureAwait(false);
                datasette.AddDatabase(database, name);
            }
            if (datasette.Databases.Count == 0)
            {
                datasette.AddDatabase(new Database(DatabaseKind.PrivateMemory), "_memory");
            }
            // What serving does before start-up: the configuration's metadata and stored queries go to the internal database.
            await datasette.Internal.Metadata.WriteAsync(metadata).ConfigureAwait(false);
            await datasette.Internal.Queries.SaveConfigQueriesAsync(bound).ConfigureAwait(false);
            await datasette.InvokeStartupAsync().ConfigureAwait(false);
            return datasette;
        }
        catch
        {
            await datasette.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    private static BindResult BindForTests(string? config, IReadOnlyList<ActionDefinition>? actions)
    {
        if (string.IsNullOrWhiteSpace(config))
        {
            return new BindResult(DatasetteConfig.Empty, EquatableArray<MetadataItem>.Empty, EquatableArray<Configuration.Diagnostics.ConfigDiagnostic>.Empty);
        }
        var result = ConfigBinder.Bind(ConfigReader.Read("datasette.yaml", config), null, actions?.Select(a => a.Name).ToList());
        var errors = result.Diagnostics.Where(d => d.IsError).Select(d => d.ToString()).ToList();
        return errors.Count == 0 ? result : throw new ArgumentException("The configuration has errors:\n" + string.Join("\n", errors), nameof(config));
    }
}
