using Datasette.Gen.Configuration.Model;
using Datasette.Gen.Runtime.Data;
using Microsoft.Data.Sqlite;

namespace Datasette.Gen.Runtime.Internal;

/// <summary>
/// The metadata_* tables of the internal database (internal-database spec §4): values come back
/// exactly as stored at the level asked for, with no merging across levels; writes are upserts.
/// </summary>
internal sealed class MetadataStore
{
    private static readonly Level InstanceLevel = new(
        "select key, value from metadata_instance order by rowid",
        "insert or replace into metadata_instance (key, value) values (:key, :value)");

    private static readonly Level DatabaseLevel = new(
        "select key, value from metadata_databases where database_name = :db order by rowid",
        "insert or replace into metadata_databases (database_name, key, value) values (:db, :key, :value)");

    private static readonly Level ResourceLevel = new(
        "select key, value from metadata_resources where database_name = :db and resource_name = :resource order by rowid",
        "insert or replace into metadata_resources (database_name, resource_name, key, value) values (:db, :resource, :key, :value)");

    private static readonly Level ColumnLevel = new(
        "select key, value from metadata_columns where database_name = :db and resource_name = :resource and column_name = :column order by rowid",
        "insert or replace into metadata_columns (database_name, resource_name, column_name, key, value) values (:db, :resource, :column, :key, :value)");

    /// <summary>How many (level, database, resource) reads one version keeps: names come from requests, so the set is bounded.</summary>
    internal const int MaxKeptReads = 1024;

    private readonly Database _internal;

    private KeptReads? _kept;

    public MetadataStore(Database internalDatabase) => _internal = internalDatabase;

    /// <summary>Upserts metadata rows (from the configuration or a metadata file) in one transaction.</summary>
    public Task WriteAsync(IEnumerable<MetadataItem> items) => _internal.WriteAsync(c =>
    {
        using var transaction = c.Connection.BeginTransaction();
        foreach (var item in items)
        {
            Upsert(c.Connection, item.Database, item.Resource, item.Column, item.Key, item.Value);
        }
        transaction.Commit();
        return 0;
    });

    /// <summary>Upserts one value at the level the non-null names select.</summary>
    public Task SetAsync(string? database, string? resource, string? column, string key, string? value) =>
        _internal.WriteInTransactionAsync(c => Upsert(c.Connection, database, resource, column, key, value));

    /// <summary>The values at one level, key → value in insertion order: instance (no database), database, resource or column.</summary>
    public IReadOnlyDictionary<string, string?> Values(string? database = null, string? resource = null, string? column = null) => _internal.Read(c =>
    {
        using var reader = Select(c.Connection, LevelOf(database, resource, column).Select, database, resource, column);
        var values = new Dictionary<string, string?>(StringComparer.Ordinal);
        while (reader.Read())
        {
            values[reader.GetString(0)] = reader.IsDBNull(1) ? null : reader.GetString(1);
        }
        return (IReadOnlyDictionary<string, string?>)values;
    });

    /// <summary>Instance-level pairs in insertion order, a missing value as "".</summary>
    public IReadOnlyList<KeyValuePair<string, string>> Instance() => Pairs(InstanceLevel.Select, null, null);

    public IReadOnlyList<KeyValuePair<string, string>> ForDatabase(string database) => Pairs(DatabaseLevel.Select, database, null);

    public IReadOnlyList<KeyValuePair<string, string>> ForResource(string database, string resource) => Pairs(ResourceLevel.Select, database, resource);

    /// <summary>Column descriptions of a table or view (metadata_columns rows with key "description").</summary>
    public IReadOnlyList<KeyValuePair<string, string>> ColumnDescriptions(string database, string resource) =>
        Pairs(ColumnDescriptionsSql, database, resource);

    private const string ColumnDescriptionsSql =
        "select column_name, value from metadata_columns where database_name = :db and resource_name = :resource and key = 'description' order by rowid";

    private static Level LevelOf(string? database, string? resource, string? column) => (database, resource, column) switch
    {
        (null, _, _) => InstanceLevel,
        (_, null, _) => DatabaseLevel,
        (_, _, null) => ResourceLevel,
        _ => ColumnLevel,
    };

    private static int Upsert(SqliteConnection connection, string? database, string? resource, string? column, string key, string? value)
    {
        using var command = connection.CreateCommand();
        command.CommandText = LevelOf(database, resource, column).Upsert;
        Bind(command, database, resource, column);
        command.Parameters.AddWithValue(":key", key);
        command.Parameters.AddWithValue(":value", (object?)value ?? DBNull.Value);
        return command.ExecuteNonQuery();
    }

    /// <summary>
    /// Every page reads its metadata (title, description, source links, column descriptions): the reads are kept under
    /// the internal database's content version, which every write through it moves (and which is null while one is
    /// under way, when nothing is kept). The version is read first, so a read is never kept under a newer name than
    /// the data it saw.
    /// </summary>
    private IReadOnlyList<KeyValuePair<string, string>> Pairs(string sql, string? database, string? resource)
    {
        var version = _internal.ContentVersion();
        if (version is null)
        {
            return ReadPairs(sql, database, resource);
        }
        var kept = Volatile.Read(ref _kept);
        if (kept is null || kept.Version != version)
        {
            kept = new KeptReads(version);
            Volatile.Write(ref _kept, kept);
        }
        var key = (sql, database, resource);
        if (kept.Reads.TryGetValue(key, out var pairs))
        {
            return pairs;
        }
        pairs = ReadPairs(sql, database, resource);
        if (kept.Reads.Count < MaxKeptReads)
        {
            kept.Reads.TryAdd(key, pairs);
        }
        return pairs;
    }

    private sealed record KeptReads(string Version)
    {
        public System.Collections.Concurrent.ConcurrentDictionary<(string Sql, string? Database, string? Resource), IReadOnlyList<KeyValuePair<string, string>>> Reads { get; } = new(ReadKeyComparer.Instance);
    }

    /// <summary>
    /// The SQL of a read is one of this class's constant strings: compared and hashed by reference, not by its text
    /// (every page asks several times, and hashing the statement each time showed in profiles).
    /// </summary>
    private sealed class ReadKeyComparer : IEqualityComparer<(string Sql, string? Database, string? Resource)>
    {
        public static readonly ReadKeyComparer Instance = new();

        public bool Equals((string Sql, string? Database, string? Resource) x, (string Sql, string? Database, string? Resource) y) =>
            ReferenceEquals(x.Sql, y.Sql) && string.Equals(x.Database, y.Database, StringComparison.Ordinal) && string.Equals(x.Resource, y.Resource, StringComparison.Ordinal);

        public int GetHashCode((string Sql, string? Database, string? Resource) key) =>
            HashCode.Combine(System.Runtime.CompilerServices.RuntimeHelpers.GetHashCode(key.Sql), key.Database, key.Resource);
    }

    private IReadOnlyList<KeyValuePair<string, string>> ReadPairs(string sql, string? database, string? resource) => _internal.Read(c =>
    {
        using var reader = Select(c.Connection, sql, database, resource, null);
        var pairs = new List<KeyValuePair<string, string>>();
        while (reader.Read())
        {
            pairs.Add(new(reader.GetString(0), reader.IsDBNull(1) ? "" : reader.GetString(1)));
        }
        return (IReadOnlyList<KeyValuePair<string, string>>)pairs;
    });

    /// <summary>Runs a (key, value) select; its prepared command is kept with the connection, as every page reads these.</summary>
    private static SqliteDataReader Select(SqliteConnection connection, string sql, string? database, string? resource, string? column)
    {
        var command = StatementCache.Command(connection, sql);
        Bind(command, database, resource, column);
        return command.ExecuteReader();
    }

    /// <summary>Binds the names a level's statement uses: a null name means a level above, whose statement has no such parameter.</summary>
    private static void Bind(SqliteCommand command, string? database, string? resource, string? column)
    {
        if (database is not null)
        {
            command.Parameters.AddWithValue(":db", database);
        }
        if (resource is not null)
        {
            command.Parameters.AddWithValue(":resource", resource);
        }
        if (column is not null)
        {
            command.Parameters.AddWithValue(":column", column);
        }
    }

    /// <summary>One metadata level's statements: read its rows, upsert one.</summary>
    private sealed record Level(string Select, string Upsert);
}
