using System;
using System.Collections.Generic;
using System.Threading.Tasks;
using Datasette.Gen.Configuration.Model;
using Datasette.Gen.Runtime.Data;
using Datasette.Gen.Runtime.Internal;
using Datasette.Gen.Runtime.Permissions;

namespace Datasette.Gen.Runtime;

/// <summary>
/// The running instance: configuration, attached databases in order, the internal database
/// and the permission checker. The plugin-facing API grows on this class.
/// </summary>
public sealed class Datasette : IAsyncDisposable
{
    /// <summary>The Datasette release whose behaviour this runtime reproduces.</summary>
    public const string CompatibleVersion = "1.0a37";

    private readonly List<Database> _databases = new();

    public Datasette(DatasetteConfig config, InternalDatabase internalDatabase)
    {
        Config = config;
        Internal = internalDatabase;
        Permissions = new PermissionChecker(config.Settings);
        Urls = new DatasetteUrls(this);
    }

    public DatasetteConfig Config { get; }

    public Settings Settings => Config.Settings;

    public InternalDatabase Internal { get; }

    public PermissionChecker Permissions { get; }

    /// <summary><c>datasette.urls</c>: links that honour base_url.</summary>
    public DatasetteUrls Urls { get; }

    public IReadOnlyList<Database> Databases => _databases;

    /// <summary>
    /// Attaches a database under <paramref name="name"/> (default: derived from its file),
    /// adding _2, _3… when the name is taken, as Datasette does. Returns the database.
    /// </summary>
    public Database AddDatabase(Database database, string? name = null, string? route = null)
    {
        var wanted = name ?? (database.Path is not null ? Database.SuggestName(database.Path) : database.MemoryName ?? "db");
        var unique = wanted;
        for (var suffix = 2; GetDatabase(unique) is not null; suffix++)
        {
            unique = $"{wanted}_{suffix}";
        }
        database.Name = unique;
        database.Route = route ?? unique;
        if (unique == "_memory")
        {
            _databases.Insert(0, database);
        }
        else
        {
            _databases.Add(database);
        }
        return database;
    }

    public Database? GetDatabase(string name) => _databases.Find(d => d.Name == name);

    public Database? DatabaseByRoute(string route) => _databases.Find(d => d.Route == route);

    public Task RefreshCatalogAsync(bool force = false) => Internal.RefreshCatalogAsync(_databases, force);

    public async ValueTask DisposeAsync()
    {
        foreach (var database in _databases)
        {
            await database.DisposeAsync().ConfigureAwait(false);
        }
        await Internal.DisposeAsync().ConfigureAwait(false);
    }
}
