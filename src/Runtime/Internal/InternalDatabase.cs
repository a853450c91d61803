using System;
using System.Collections.Generic;
using System.IO;
using System.Text;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using Datasette.Gen.Configuration.Model;
using Datasette.Gen.Runtime.Data;
using Microsoft.Data.Sqlite;

namespace Datasette.Gen.Runtime.Internal;

/// <summary>
/// Datasette's private database: the schema catalog of attached databases, metadata, column
/// types and stored queries. A temporary file (WAL) by default, so readers never wait for
/// the writer; deleted when the instance closes.
/// </summary>
public sealed partial class InternalDatabase : IAsyncDisposable
{
    private readonly bool _temporary;
    private long _lastRefreshStarted = long.MinValue;
    private int _refreshing;

    private InternalDatabase(Database database, bool temporary)
    {
        Database = database;
        _temporary = temporary;
    }

    public Database Database { get; }

    /// <summary>Opens (creating if needed) the internal database at <paramref name="path"/>, or a temporary file.</summary>
    public static async Task<InternalDatabase> OpenAsync(string? path)
    {
        var temporary = path is null;
        path ??= System.IO.Path.Combine(System.IO.Path.GetTempPath(), $"datasette_temp_{Guid.NewGuid():N}.db");
        var database = new Database(DatabaseKind.ReadWriteFile, path) { Name = "__INTERNAL__", Route = "__INTERNAL__" };
        var internalDatabase = new InternalDatabase(database, temporary);
        await database.WriteAsync(c =>
        {
            c.Connection.Execute("PRAGMA journal_mode=wal");
            if (temporary)
            {
                // A temporary catalog is rebuilt at every start: durability buys nothing, fsyncs cost start-up time.
                c.Connection.Execute("PRAGMA synchronous=OFF");
            }
            using var transaction = c.Connection.BeginTransaction();
            c.Connection.Execute(InternalSchema.Migrations);
            c.Connection.Execute(InternalSchema.Tables);
            using var ledger = c.Connection.CreateCommand();
            ledger.CommandText = "insert or ignore into _sqlite_migrations (migration_set, name, applied_at) values (:set, :name, :at)";
            ledger.Parameters.AddWithValue(":set", InternalSchema.MigrationSet);
            ledger.Parameters.AddWithValue(":name", InternalSchema.InitialMigration);
            ledger.Parameters.AddWithValue(":at", DateTime.UtcNow.ToString("yyyy-MM-dd HH:mm:ss.ffffff+00:00", System.Globalization.CultureInfo.InvariantCulture));
            ledger.ExecuteNonQuery();
            transaction.Commit();
            return 0;
        }).ConfigureAwait(false);
        return internalDatabase;
    }

    /// <summary>
    /// Re-reads the catalog of every database whose schema_version changed. Unforced calls
    /// are throttled to one a second and skipped while another refresh runs.
    /// </summary>
    public async Task RefreshCatalogAsync(IReadOnlyList<Database> databases, bool force = false)
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
            var known = Database.Read(c => ReadSchemaVersions(c.Connection));
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
                await Database.WriteAsync(c => WriteCatalog(c.Connection, database, schema)).ConfigureAwait(false);
            }
            foreach (var stale in known.Keys)
            {
                if (!attached.Contains(stale))
                {
                    await Database.WriteAsync(c => DeleteCatalog(c.Connection, stale)).ConfigureAwait(false);
                }
            }
        }
        finally
        {
            Interlocked.Exchange(ref _refreshing, 0);
        }
    }

    /// <summary>Upserts metadata rows (instance, database, resource and column level).</summary>
    public Task WriteMetadataAsync(IEnumerable<MetadataItem> items) => Database.WriteAsync(c =>
    {
        using var transaction = c.Connection.BeginTransaction();
        foreach (var item in items)
        {
            using var command = c.Connection.CreateCommand();
            command.CommandText = item switch
            {
                { Database: null } => "insert or replace into metadata_instance (key, value) values (:key, :value)",
                { Resource: null } => "insert or replace into metadata_databases (database_name, key, value) values (:db, :key, :value)",
                { Column: null } => "insert or replace into metadata_resources (database_name, resource_name, key, value) values (:db, :resource, :key, :value)",
                _ => "insert or replace into metadata_columns (database_name, resource_name, column_name, key, value) values (:db, :resource, :column, :key, :value)",
            };
            command.Parameters.AddWithValue(":db", (object?)item.Database ?? DBNull.Value);
            command.Parameters.AddWithValue(":resource", (object?)item.Resource ?? DBNull.Value);
            command.Parameters.AddWithValue(":column", (object?)item.Column ?? DBNull.Value);
            command.Parameters.AddWithValue(":key", item.Key);
            command.Parameters.AddWithValue(":value", item.Value);
            command.ExecuteNonQuery();
        }
        transaction.Commit();
        return 0;
    });

    public IReadOnlyList<KeyValuePair<string, string>> InstanceMetadata() =>
        ReadPairs("select key, value from metadata_instance order by rowid", null, null);

    public IReadOnlyList<KeyValuePair<string, string>> DatabaseMetadata(string database) =>
        ReadPairs("select key, value from metadata_databases where database_name = :db order by rowid", database, null);

    public IReadOnlyList<KeyValuePair<string, string>> ResourceMetadata(string database, string resource) =>
        ReadPairs("select key, value from metadata_resources where database_name = :db and resource_name = :resource order by rowid", database, resource);

    /// <summary>Column descriptions of a table or view (metadata_columns rows with key "description").</summary>
    public IReadOnlyList<KeyValuePair<string, string>> ColumnDescriptions(string database, string resource) =>
        ReadPairs("select column_name, value from metadata_columns where database_name = :db and resource_name = :resource and key = 'description' order by rowid", database, resource);

    /// <summary>Replaces every config-sourced stored query with the configuration's.</summary>
    public Task SaveConfigQueriesAsync(DatasetteConfig config) => Database.WriteAsync(c =>
    {
        using var transaction = c.Connection.BeginTransaction();
        c.Connection.Execute("delete from queries where source = 'config'");
        foreach (var database in config.Databases)
        {
            foreach (var query in database.Queries)
            {
                Insert(c.Connection, new StoredQuery(database.Name, query.Name, query.Sql)
                {
                    Title = query.Title,
                    Description = query.Description,
                    DescriptionHtml = query.DescriptionHtml,
                    HideSql = query.HideSql,
                    Fragment = query.Fragment,
                    Parameters = query.Params?.ToArray() ?? Array.Empty<string>(),
                    IsWrite = query.IsWrite,
                    IsTrusted = query.IsTrusted,
                    Source = "config",
                    OnSuccessMessage = query.OnSuccessMessage,
                    OnSuccessMessageSql = query.OnSuccessMessageSql,
                    OnSuccessRedirect = query.OnSuccessRedirect,
                    OnErrorMessage = query.OnErrorMessage,
                    OnErrorRedirect = query.OnErrorRedirect,
                });
            }
        }
        transaction.Commit();
        return 0;
    });

    public StoredQuery? GetQuery(string database, string name)
    {
        var found = ListQueries(database, QueryFilter.None with { Name = name }, limit: 1, cursor: null);
        return found.Queries.Count == 1 ? found.Queries[0] : null;
    }

    /// <summary>
    /// Stored queries ordered as Datasette orders them: by database (when listing all), then
    /// lower(title or name), then name; keyset-paginated with a tilde-encoded cursor.
    /// </summary>
    public QueryPage ListQueries(string? database, QueryFilter filter, int limit, string? cursor, Permissions.ResourcesSql? allowed = null)
    {
        var sql = new StringBuilder(
            "select database_name, name, sql, title, description, description_html, options, parameters, is_write, is_private, is_trusted, source, owner_id, " +
            "lower(coalesce(nullif(title, ''), name)) as sort_key from queries where 1 = 1");
        var parameters = new Dictionary<string, object?>();
        AllowedOnly(sql, parameters, allowed);
        if (database is not null)
        {
            sql.Append(" and database_name = :database");
            parameters["database"] = database;
        }
        filter.AppendWhere(sql, parameters);
        var parts = cursor?.Split(',');
        if (parts is not null && parts.Length == (database is null ? 3 : 2))
        {
            var decoded = Array.ConvertAll(parts, Http.Tilde.Decode);
            if (database is null)
            {
                sql.Append(" and (database_name > :c0 or (database_name = :c0 and (sort_key > :c1 or (sort_key = :c1 and name > :c2))))");
                parameters["c2"] = decoded[2];
            }
            else
            {
                sql.Append(" and (sort_key > :c0 or (sort_key = :c0 and name > :c1))");
            }
            parameters["c0"] = decoded[0];
            parameters["c1"] = decoded[1];
        }
        sql.Append(database is null ? " order by database_name, sort_key, name" : " order by sort_key, name");
        sql.Append(" limit :limit");
        parameters["limit"] = limit + 1;
        var rows = Database.Read(c =>
        {
            var command = StatementCache.Command(c.Connection, sql.ToString());
            foreach (var (name, value) in parameters)
            {
                command.Parameters.AddWithValue(":" + name, value ?? DBNull.Value);
            }
            using var reader = command.ExecuteReader();
            var list = new List<(StoredQuery Query, string SortKey)>();
            while (reader.Read())
            {
                var query = ReadQuery(reader);
                if (allowed is not null && reader.FieldCount > 14)
                {
                    query = query with { ActorPrivate = !reader.IsDBNull(14) && reader.GetInt64(14) != 0 };
                }
                list.Add((query, reader.GetString(13)));
            }
            return list;
        });
        string? next = null;
        if (rows.Count > limit)
        {
            rows.RemoveAt(rows.Count - 1);
            var last = rows[^1];
            next = database is null
                ? $"{Http.Tilde.Encode(last.Query.Database)},{Http.Tilde.Encode(last.SortKey)},{Http.Tilde.Encode(last.Query.Name)}"
                : $"{Http.Tilde.Encode(last.SortKey)},{Http.Tilde.Encode(last.Query.Name)}";
        }
        return new QueryPage(rows.ConvertAll(r => r.Query), next);
    }

    public int CountQueries(string? database, QueryFilter filter, Permissions.ResourcesSql? allowed = null) => Database.Read(c =>
    {
        var sql = new StringBuilder("select count(*) from queries where 1 = 1");
        var parameters = new Dictionary<string, object?>();
        AllowedOnly(sql, parameters, allowed);
        if (database is not null)
        {
            sql.Append(" and database_name = :database");
            parameters["database"] = database;
        }
        filter.AppendWhere(sql, parameters);
        var command = StatementCache.Command(c.Connection, sql.ToString());
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(":" + name, value ?? DBNull.Value);
        }
        return Convert.ToInt32(command.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture);
    });

    /// <summary>
    /// Keeps only the queries in <paramref name="allowed"/> (the view-query listing for an actor)
    /// and, when it has is_private, selects it as a 15th column. Its parameters keep their own
    /// names, which never collide with the filters' (Datasette's owner_id filter overwrote the
    /// actor id the listing bound).
    /// </summary>
    private static void AllowedOnly(StringBuilder sql, Dictionary<string, object?> parameters, Permissions.ResourcesSql? allowed)
    {
        if (allowed is null)
        {
            return;
        }
        var select = sql.ToString();
        var from = select.IndexOf(" from queries where 1 = 1", StringComparison.Ordinal);
        var columns = allowed.IncludesIsPrivate ? "a_parent, a_child, a_reason, a_is_private" : "a_parent, a_child, a_reason";
        var privateColumn = allowed.IncludesIsPrivate && !select.StartsWith("select count(*)", StringComparison.Ordinal) ? ", allowed.a_is_private as actor_private" : "";
        // Joined once (materialised), with its columns renamed so none clashes with the queries table's.
        sql.Clear()
            .Append("with allowed(").Append(columns).Append(") as materialized (\n").Append(allowed.Sql).Append("\n)\n")
            .Append(select, 0, from)
            .Append(privateColumn)
            .Append(" from queries join allowed on allowed.a_parent = queries.database_name and allowed.a_child = queries.name where 1 = 1")
            .Append(select, from + " from queries where 1 = 1".Length, select.Length - from - " from queries where 1 = 1".Length);
        foreach (var (name, value) in allowed.Params)
        {
            parameters[name] = value;
        }
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

    private static StoredQuery ReadQuery(SqliteDataReader reader)
    {
        using var options = JsonDocument.Parse(reader.GetString(6));
        string? Option(string name) => options.RootElement.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
        var parameters = new List<string>();
        using (var list = JsonDocument.Parse(reader.GetString(7)))
        {
            foreach (var item in list.RootElement.EnumerateArray())
            {
                parameters.Add(item.GetString() ?? "");
            }
        }
        return new StoredQuery(reader.GetString(0), reader.GetString(1), reader.GetString(2))
        {
            Title = reader.IsDBNull(3) ? null : reader.GetString(3),
            Description = reader.IsDBNull(4) ? null : reader.GetString(4),
            DescriptionHtml = reader.IsDBNull(5) ? null : reader.GetString(5),
            HideSql = options.RootElement.TryGetProperty("hide_sql", out var hide) && hide.ValueKind == JsonValueKind.True,
            Fragment = Option("fragment"),
            Parameters = parameters,
            IsWrite = reader.GetInt64(8) != 0,
            IsPrivate = reader.GetInt64(9) != 0,
            IsTrusted = reader.GetInt64(10) != 0,
            Source = reader.GetString(11),
            OwnerId = reader.IsDBNull(12) ? null : reader.GetString(12),
            OnSuccessMessage = Option("on_success_message"),
            OnSuccessMessageSql = Option("on_success_message_sql"),
            OnSuccessRedirect = Option("on_success_redirect"),
            OnErrorMessage = Option("on_error_message"),
            OnErrorRedirect = Option("on_error_redirect"),
        };
    }

    private static void Insert(SqliteConnection connection, StoredQuery query)
    {
        using var command = connection.CreateCommand();
        command.CommandText = """
            insert or replace into queries (database_name, name, sql, title, description, description_html, options, parameters,
                is_write, is_private, is_trusted, source, owner_id)
            values (:db, :name, :sql, :title, :description, :description_html, :options, :parameters,
                :is_write, :is_private, :is_trusted, :source, :owner_id)
            """;
        command.Parameters.AddWithValue(":db", query.Database);
        command.Parameters.AddWithValue(":name", query.Name);
        command.Parameters.AddWithValue(":sql", query.Sql);
        command.Parameters.AddWithValue(":title", (object?)query.Title ?? DBNull.Value);
        command.Parameters.AddWithValue(":description", (object?)query.Description ?? DBNull.Value);
        command.Parameters.AddWithValue(":description_html", (object?)query.DescriptionHtml ?? DBNull.Value);
        command.Parameters.AddWithValue(":options", OptionsJson(query));
        command.Parameters.AddWithValue(":parameters", ListJson(query.Parameters));
        command.Parameters.AddWithValue(":is_write", query.IsWrite ? 1 : 0);
        command.Parameters.AddWithValue(":is_private", query.IsPrivate ? 1 : 0);
        command.Parameters.AddWithValue(":is_trusted", query.IsTrusted ? 1 : 0);
        command.Parameters.AddWithValue(":source", query.Source);
        command.Parameters.AddWithValue(":owner_id", (object?)query.OwnerId ?? DBNull.Value);
        command.ExecuteNonQuery();
    }

    /// <summary>Only present options, keys sorted; hide_sql only when true.</summary>
    private static string OptionsJson(StoredQuery query)
    {
        var options = new SortedDictionary<string, string?>(StringComparer.Ordinal)
        {
            ["fragment"] = query.Fragment,
            ["hide_sql"] = query.HideSql ? "true" : null,
            ["on_error_message"] = query.OnErrorMessage,
            ["on_error_redirect"] = query.OnErrorRedirect,
            ["on_success_message"] = query.OnSuccessMessage,
            ["on_success_message_sql"] = query.OnSuccessMessageSql,
            ["on_success_redirect"] = query.OnSuccessRedirect,
        };
        using var stream = new MemoryStream();
        using (var writer = new Utf8JsonWriter(stream))
        {
            writer.WriteStartObject();
            foreach (var (key, value) in options)
            {
                if (key == "hide_sql" && value is not null)
                {
                    writer.WriteBoolean(key, true);
                }
                else if (value is not null)
                {
                    writer.WriteString(key, value);
                }
            }
            writer.WriteEndObject();
        }
        return Encoding.UTF8.GetString(stream.ToArray());
    }

    private static string ListJson(IReadOnlyList<string> items)
    {
        using var stream = new MemoryStream();
        using (var writer = new Utf8JsonWriter(stream))
        {
            writer.WriteStartArray();
            foreach (var item in items)
            {
                writer.WriteStringValue(item);
            }
            writer.WriteEndArray();
        }
        return Encoding.UTF8.GetString(stream.ToArray());
    }

    private IReadOnlyList<KeyValuePair<string, string>> ReadPairs(string sql, string? database, string? resource) => Database.Read(c =>
    {
        using var command = c.Connection.CreateCommand();
        command.CommandText = sql;
        command.Parameters.AddWithValue(":db", (object?)database ?? DBNull.Value);
        command.Parameters.AddWithValue(":resource", (object?)resource ?? DBNull.Value);
        using var reader = command.ExecuteReader();
        var pairs = new List<KeyValuePair<string, string>>();
        while (reader.Read())
        {
            pairs.Add(new(reader.GetString(0), reader.IsDBNull(1) ? "" : reader.GetString(1)));
        }
        return pairs;
    });

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
        foreach (var table in new[] { "catalog_columns", "catalog_foreign_keys", "catalog_indexes", "catalog_views", "catalog_tables" })
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

/// <summary>One page of stored queries and the cursor of the next, if any.</summary>
public sealed record QueryPage(IReadOnlyList<StoredQuery> Queries, string? Next);
