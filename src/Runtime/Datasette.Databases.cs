using Datasette.Gen.Runtime.Data;

namespace Datasette.Gen.Runtime;

public sealed partial class Datasette
{
    private readonly object _databasesLock = new();
    private volatile DatabaseCollection _databaseList = DatabaseCollection.Empty;

    /// <summary>
    /// Every attached database in order, whatever the permissions (never the internal one);
    /// also indexed by name. A snapshot: later adds and removes make a new collection.
    /// </summary>
    public DatabaseCollection Databases => _databaseList;

    /// <summary>
    /// Attaches <paramref name="database"/> as <paramref name="name"/> (default: its suggested name,
    /// <see cref="Database.SuggestedName"/>), adding _2, _3… when the name is taken — explicit names
    /// too, as Datasette does — and serves it at <paramref name="route"/> (default: the name) from
    /// the next request on. Returns the database; use its <see cref="Database.Name"/>.
    /// </summary>
    public Database AddDatabase(Database database, string? name = null, string? route = null)
    {
        lock (_databasesLock)
        {
            var wanted = name ?? database.SuggestedName;
            var unique = wanted;
            for (var suffix = 2; _databaseList.ContainsKey(unique); suffix++)
            {
                unique = $"{wanted}_{suffix}";
            }
            database.MaxConcurrentReads = Settings.NumSqlThreads;
            database.MaxValueBytes = Settings.MaxValueMb * 1024L * 1024L;
            database.StartHashing();
            database.Name = unique;
            database.Route = route ?? unique;
            database.Preparer = Plugins.PrepareConnection.Count > 0 ? PrepareConnection : null;
            database.WriteInterception = WriteInterception;
            database.NoLock = Options.NoLock;
            database.TrustedSetup = Options.CrossDb || Options.SqliteExtensions is { Count: > 0 } ? SetUpConnection : null;
            _databaseList = _databaseList.Add(database, first: unique == "_memory");
            return database;
        }
    }

    /// <summary>
    /// Attaches the shared in-memory database <paramref name="memoryName"/> (created when first
    /// opened, shared by every instance in this process), served at <c>/{name}</c>.
    /// </summary>
    public Database AddMemoryDatabase(string memoryName, string? name = null, string? route = null) =>
        AddDatabase(new Database(DatabaseKind.NamedMemory, memoryName: memoryName, cacheSizeKb: Settings.CacheSizeKb), name, route);

    /// <summary>
    /// Detaches and closes the database named <paramref name="name"/> (<see cref="KeyNotFoundException"/>
    /// when none is); its catalog rows go at the next catalog refresh, and using it afterwards throws
    /// <see cref="DatabaseClosedException"/>.
    /// </summary>
    public void RemoveDatabase(string name)
    {
        Database database;
        lock (_databasesLock)
        {
            if (!_databaseList.TryGetValue(name, out database))
            {
                throw new KeyNotFoundException(name);
            }
            _databaseList = _databaseList.Remove(database);
        }
        database.DisposeAsync().AsTask().GetAwaiter().GetResult();
    }

    /// <summary>
    /// The database whose route is <paramref name="route"/> when one is given, else the one named
    /// <paramref name="name"/>, else the first; <see cref="KeyNotFoundException"/> when there is none.
    /// </summary>
    public Database GetDatabase(string? name = null, string? route = null)
    {
        var databases = _databaseList;
        if (route is not null)
        {
            return DatabaseByRoute(route) ?? throw new KeyNotFoundException(route);
        }
        if (name is null)
        {
            return databases.Count > 0 ? databases[0] : throw new KeyNotFoundException("No databases are attached");
        }
        return databases[name];
    }

    /// <summary>The database named <paramref name="name"/>, or null.</summary>
    public Database? TryGetDatabase(string name) => _databaseList.TryGetValue(name, out var database) ? database : null;

    /// <summary>The first database whose route is <paramref name="route"/> (how URLs find databases), or null.</summary>
    public Database? DatabaseByRoute(string route)
    {
        foreach (var database in _databaseList)
        {
            if (database.Route == route)
            {
                return database;
            }
        }
        return null;
    }

    /// <summary>The private internal database: catalog, metadata, column types, stored queries and plugins' own tables.</summary>
    public Database GetInternalDatabase() => Internal.Database;

    /// <summary>Re-reads the catalog of changed databases and drops removed ones (throttled to once a second unless forced).</summary>
    public Task RefreshCatalogAsync(bool force = false) => Internal.Catalog.RefreshAsync(_databaseList, force);

    /// <summary>SQLite's default SQLITE_LIMIT_ATTACHED: --crossdb attaches no more than this.</summary>
    internal const int CrossDbLimit = 10;

    /// <summary>Datasette's _prepare_connection before plugins: extensions in every data connection, --crossdb's attachments in _memory's.</summary>
    private void SetUpConnection(Microsoft.Data.Sqlite.SqliteConnection connection, Database database)
    {
        foreach (var extension in Options.SqliteExtensions ?? Array.Empty<string>())
        {
            var (path, entryPoint) = SqliteExtension.Split(extension);
            connection.LoadExtension(path, entryPoint);
        }
        if (Options.CrossDb && database.Name == "_memory")
        {
            foreach (var (name, uri) in _databaseList.Where(d => d.AttachUri is not null).Take(CrossDbLimit).Select(d => (d.Name, d.AttachUri!)))
            {
                using var attach = connection.CreateCommand();
                attach.CommandText = $"ATTACH DATABASE $uri AS \"{name.Replace("\"", "\"\"", StringComparison.Ordinal)}\"";
                attach.Parameters.AddWithValue("$uri", uri);
                attach.ExecuteNonQuery();
            }
        }
    }

    private void PrepareConnection(Microsoft.Data.Sqlite.SqliteConnection connection, Database database)
    {
        foreach (var hook in Plugins.PrepareConnection)
        {
            hook.Invoke(connection, database, this);
        }
    }
}
