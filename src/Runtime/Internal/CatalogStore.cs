using Datasette.Gen.Runtime.Data;
using Microsoft.Data.Sqlite;

namespace Datasette.Gen.Runtime.Internal;

/// <summary>
/// The catalog_* tables of the internal database: the schema of every attached database, which
/// the permission SQL and resource listings join against (internal-database spec §3).
/// </summary>
internal sealed class CatalogStore
{
    private static readonly string[] PerTable = { "catalog_columns", "catalog_foreign_keys", "catalog_indexes", "catalog_views", "catalog_tables" };

    private readonly Database _internal;
    private long _lastRefreshStarted = long.MinValue;
    private int _refreshing;

    public CatalogStore(Database internalDatabase) => _internal = internalDatabase;

    /// <summary>
    /// Re-reads the catalog of every database whose schema_version changed and drops databases no
    /// longer attached. Unforced calls are throttled to one a second and skipped while another
    /// refresh runs.
    /// </summary>
    public async Task RefreshAsync(IReadOnlyList<Database> databases, bool force = false)
    {
        var now = Environment.TickCount64;
        if (!force && now - Interlocked.Read(ref _lastRefreshStarted) < 1000)
        {
            return;
        }
        if (Interlocked.CompareExchange(ref _refreshing, 1, 0) != 0)
        {
            return;
        }
        try
        {
            Interlocked.Exchange(ref _lastRefreshStarted, now);
            var known = _internal.Read(c => ReadSchemaVersions(c.Connection));
            var attached = new HashSet<string>();
            foreach (var database in databases)
            {
                attached.Add(database.Name);
                // Re-check schema_version now: the schema cache may be up to a second old, and a
                // forced refresh (after a schema-changing write) must see the change.
                database.InvalidateSchema();
                var schema = database.Schema;
                if (known.TryGetValue(database.Name, out var version) && version == schema.Version)
                {
                    continue;
                }
                await _internal.WriteAsync(c => WriteCatalog(c.Connection, database, schema)).ConfigureAwait(false);
            }
            foreach (var stale in known.Keys)
            {
                if (!attached.Contains(stale))
                {
                    await _internal.WriteAsync(c => DeleteCatalog(c.Connection, stale)).ConfigureAwait(false);
                }
            }
        }
        finally
        {
            Interlocked.Exchange(ref _refreshing, 0);
        }
    }

    private static Dictionary<string, long> ReadSchemaVersions(SqliteConnection connection)
    {
        var versions = new Dictionary<string, long>();
        using var command = connection.CreateCommand();
        command.CommandText = "select database_name, schema_version from catalog_databases";
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            versions[reader.GetString(0)] = reader.IsDBNull(1) ? -1 : reader.GetInt64(1);
        }
        return versions;
    }

    private static int WriteCatalog(SqliteConnection connection, Database database, DatabaseSchema schema)
    {
        using var transaction = connection.BeginTransaction();
        DeleteRows(connection, transaction, database.Name, includeDatabase: false);
        Run(connection, transaction, "insert or replace into catalog_databases (database_name, path, is_memory, schema_version) values (:db, :path, :memory, :version)",
            (":db", database.Name), (":path", database.Path), (":memory", database.IsMemory ? 1 : 0), (":version", schema.Version));
        foreach (var item in schema.Objects)
        {
            if (item.IsView)
            {
                Run(connection, transaction, "insert into catalog_views (database_name, view_name, rootpage, sql) values (:db, :name, :rootpage, :sql)",
                    (":db", database.Name), (":name", item.Name), (":rootpage", item.RootPage), (":sql", item.Sql));
                continue;
            }
            Run(connection, transaction, "insert into catalog_tables (database_name, table_name, rootpage, sql) values (:db, :name, :rootpage, :sql)",
                (":db", database.Name), (":name", item.Name), (":rootpage", item.RootPage), (":sql", item.Sql));
            foreach (var column in item.Columns)
            {
                Run(connection, transaction, "insert or replace into catalog_columns (database_name, table_name, cid, name, type, \"notnull\", default_value, is_pk, hidden) values (:db, :table, :cid, :name, :type, :notnull, :default, :pk, :hidden)",
                    (":db", database.Name), (":table", item.Name), (":cid", column.Cid), (":name", column.Name), (":type", column.Type),
                    (":notnull", column.NotNull ? 1 : 0), (":default", column.DefaultValue), (":pk", column.PrimaryKeyPosition), (":hidden", column.Hidden));
            }
            foreach (var index in item.Indexes)
            {
                Run(connection, transaction, "insert or replace into catalog_indexes (database_name, table_name, seq, name, \"unique\", origin, partial) values (:db, :table, :seq, :name, :unique, :origin, :partial)",
                    (":db", database.Name), (":table", item.Name), (":seq", index.Seq), (":name", index.Name), (":unique", index.Unique ? 1 : 0), (":origin", index.Origin), (":partial", index.Partial ? 1 : 0));
            }
            foreach (var key in item.RawForeignKeys)
            {
                Run(connection, transaction, "insert or replace into catalog_foreign_keys (database_name, table_name, id, seq, \"table\", \"from\", \"to\", on_update, on_delete, match) values (:db, :table, :id, :seq, :other, :from, :to, :on_update, :on_delete, :match)",
                    (":db", database.Name), (":table", item.Name), (":id", key.Id), (":seq", key.Seq), (":other", key.Table), (":from", key.From), (":to", key.To),
                    (":on_update", key.OnUpdate), (":on_delete", key.OnDelete), (":match", key.Match));
            }
        }
        transaction.Commit();
        return 0;
    }

    private static int DeleteCatalog(SqliteConnection connection, string database)
    {
        using var transaction = connection.BeginTransaction();
        DeleteRows(connection, transaction, database, includeDatabase: true);
        transaction.Commit();
        return 0;
    }

    private static void DeleteRows(SqliteConnection connection, SqliteTransaction transaction, string database, bool includeDatabase)
    {
        foreach (var table in PerTable)
        {
            Run(connection, transaction, $"delete from {table} where database_name = :db", (":db", database));
        }
        if (includeDatabase)
        {
            Run(connection, transaction, "delete from catalog_databases where database_name = :db", (":db", database));
        }
    }

    /// <summary>Runs a catalog statement; its prepared command is reused, one row after another.</summary>
    private static void Run(SqliteConnection connection, SqliteTransaction transaction, string sql, params (string Name, object? Value)[] parameters)
    {
        var command = StatementCache.Command(connection, sql);
        command.Transaction = transaction;
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name, value ?? DBNull.Value);
        }
        command.ExecuteNonQuery();
    }
}
