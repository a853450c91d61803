using System.Globalization;
using Datasette.Gen.Runtime.Data;
using Microsoft.Data.Sqlite;

namespace Datasette.Gen.Runtime.Internal;

/// <summary>
/// Datasette's private database: opened and migrated here, its tables served by one store each
/// (catalog, metadata, stored queries, column types). A temporary file (WAL) by default, so
/// readers never wait for the writer; deleted when the instance closes.
/// </summary>
internal sealed class InternalDatabase : IAsyncDisposable
{
    private readonly bool _temporary;

    private InternalDatabase(Database database, bool temporary)
    {
        Database = database;
        _temporary = temporary;
        Catalog = new CatalogStore(database);
        Metadata = new MetadataStore(database);
        Queries = new StoredQueryStore(database);
        ColumnTypes = new ColumnTypeStore(database);
    }

    /// <summary>The connection plugins reach through <c>get_internal_database()</c>; its write generation marks catalog changes.</summary>
    public Database Database { get; }

    /// <summary>The catalog_* tables: the schema of every attached database.</summary>
    internal CatalogStore Catalog { get; }

    /// <summary>The metadata_* tables.</summary>
    internal MetadataStore Metadata { get; }

    /// <summary>The queries table.</summary>
    internal StoredQueryStore Queries { get; }

    /// <summary>The column_types table.</summary>
    internal ColumnTypeStore ColumnTypes { get; }

    /// <summary>Opens (creating if needed) the internal database at <paramref name="path"/>, or a temporary file.</summary>
    public static async Task<InternalDatabase> OpenAsync(string? path)
    {
        var temporary = path is null;
        path ??= System.IO.Path.Combine(System.IO.Path.GetTempPath(), $"datasette_temp_{Guid.NewGuid():N}.db");
        var database = new Database(DatabaseKind.ReadWriteFile, path) { Name = "__INTERNAL__", Route = "__INTERNAL__", WrittenOnlyHere = true };
        await database.WriteAsync(c =>
        {
            c.Connection.Execute("PRAGMA journal_mode=wal");
            if (temporary)
            {
                // A temporary catalog is rebuilt at every start: durability buys nothing, fsyncs cost start-up time.
                c.Connection.Execute("PRAGMA synchronous=OFF");
            }
            Migrate(c.Connection);
            return 0;
        }).ConfigureAwait(false);
        return new InternalDatabase(database, temporary);
    }

    /// <summary>Creates the tables and records the migration in the sqlite-utils ledger, in one transaction.</summary>
    private static void Migrate(SqliteConnection connection)
    {
        using var transaction = connection.BeginTransaction();
        connection.Execute(InternalSchema.Migrations);
        connection.Execute(InternalSchema.Tables);
        using var ledger = connection.CreateCommand();
        ledger.CommandText = "insert or ignore into _sqlite_migrations (migration_set, name, applied_at) values (:set, :name, :at)";
        ledger.Parameters.AddWithValue(":set", InternalSchema.MigrationSet);
        ledger.Parameters.AddWithValue(":name", InternalSchema.InitialMigration);
        ledger.Parameters.AddWithValue(":at", DateTime.UtcNow.ToString("yyyy-MM-dd HH:mm:ss.ffffff+00:00", CultureInfo.InvariantCulture));
        ledger.ExecuteNonQuery();
        transaction.Commit();
    }

    public async ValueTask DisposeAsync()
    {
        await Database.DisposeAsync().ConfigureAwait(false);
        if (_temporary && Database.Path is { } path)
        {
            foreach (var file in new[] { path, path + "-wal", path + "-shm" })
            {
                try
                {
                    File.Delete(file);
                }
                catch (IOException)
                {
                    // Best effort: a temp file left behind is harmless.
                }
            }
        }
    }
}
