using System.Globalization;
using System.Text;
using Datasette.Gen.Configuration.Model;
using Datasette.Gen.Configuration.UrlEncoding;
using Datasette.Gen.Runtime.Data;
using Datasette.Gen.Runtime.Http;
using Datasette.Gen.Runtime.Permissions;
using Microsoft.Data.Sqlite;

namespace Datasette.Gen.Runtime.Internal;

/// <summary>
/// The queries table of the internal database (internal-database spec §6): stored queries saved
/// from the configuration, read back one at a time, listed and counted.
/// </summary>
internal sealed class StoredQueryStore
{
    private const string ListColumns =
        "select database_name, name, sql, title, description, description_html, options, parameters, is_write, is_private, is_trusted, source, owner_id, " +
        "lower(coalesce(nullif(title, ''), name)) as sort_key";

    private readonly Database _internal;

    public StoredQueryStore(Database internalDatabase) => _internal = internalDatabase;

    /// <summary>Replaces every config-sourced stored query with the configuration's.</summary>
    public Task SaveConfigQueriesAsync(DatasetteConfig config) => _internal.WriteAsync(c =>
    {
        using var transaction = c.Connection.BeginTransaction();
        c.Connection.Execute("delete from queries where source = 'config'");
        foreach (var database in config.Databases)
        {
            foreach (var query in database.Queries)
            {
                StoredQueryRow.Insert(c.Connection, new StoredQuery(database.Name, query.Name, query.Sql)
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

    /// <summary>Saves a new query; false (nothing written) when its database already has one of that name.</summary>
    public Task<bool> AddAsync(StoredQuery query) => _internal.WriteInTransactionAsync(c => StoredQueryRow.InsertNew(c.Connection, query));

    /// <summary>
    /// Applies <paramref name="change"/> to the query as it is when the writer reaches it, so two
    /// updates of different fields never undo each other; false when the query is gone by then.
    /// </summary>
    public Task<bool> UpdateAsync(string database, string name, Func<StoredQuery, StoredQuery> change) => _internal.WriteInTransactionAsync(c =>
    {
        using var command = c.Connection.CreateCommand();
        command.CommandText = ListColumns + " from queries where database_name = :db and name = :name";
        command.Parameters.AddWithValue(":db", database);
        command.Parameters.AddWithValue(":name", name);
        StoredQuery current;
        using (var reader = command.ExecuteReader())
        {
            if (!reader.Read())
            {
                return false;
            }
            current = StoredQueryRow.Read(reader);
        }
        return StoredQueryRow.Update(c.Connection, change(current) with { Database = database, Name = name });
    });

    /// <summary>Deletes the query; false when there was none.</summary>
    public Task<bool> RemoveAsync(string database, string name) => _internal.WriteInTransactionAsync(c =>
    {
        using var command = c.Connection.CreateCommand();
        command.CommandText = "delete from queries where database_name = :db and name = :name";
        command.Parameters.AddWithValue(":db", database);
        command.Parameters.AddWithValue(":name", name);
        return command.ExecuteNonQuery() == 1;
    });

    public StoredQuery? Get(string database, string name)
    {
        var found = List(database, QueryFilter.None with { Name = name }, limit: 1, cursor: null);
        return found.Queries.Count == 1 ? found.Queries[0] : null;
    }

    /// <summary>
    /// Stored queries ordered as Datasette orders them: by database (when listing all), then
    /// lower(title or name), then name; keyset-paginated with a tilde-encoded cursor. With
    /// <paramref name="allowed"/>, only the queries it lists.
    /// </summary>
    public QueryPage List(string? database, QueryFilter filter, int limit, string? cursor, ResourcesSql? allowed = null)
    {
        var parameters = new Dictionary<string, object?>();
        var sql = Select(ListColumns, actorPrivate: true, database, filter, allowed, parameters, tailRoom: 160);
        var parts = cursor?.Split(',');
        if (parts is not null && parts.Length == (database is null ? 3 : 2))
        {
            var decoded = Array.ConvertAll(parts, TildeEncoding.Decode);
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
        var rows = _internal.Read(c =>
        {
            using var reader = Command(c.Connection, sql.ToString(), parameters).ExecuteReader();
            var list = new List<(StoredQuery Query, string SortKey)>();
            while (reader.Read())
            {
                var query = StoredQueryRow.Read(reader);
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
                ? $"{TildeEncoding.Encode(last.Query.Database)},{TildeEncoding.Encode(last.SortKey)},{TildeEncoding.Encode(last.Query.Name)}"
                : $"{TildeEncoding.Encode(last.SortKey)},{TildeEncoding.Encode(last.Query.Name)}";
        }
        return new QueryPage(rows.ConvertAll(r => r.Query), next);
    }

    /// <summary>How many queries <see cref="List"/> would return over all its pages.</summary>
    public int Count(string? database, QueryFilter filter, ResourcesSql? allowed = null)
    {
        var parameters = new Dictionary<string, object?>();
        var sql = Select("select count(*)", actorPrivate: false, database, filter, allowed, parameters, tailRoom: 0).ToString();
        return _internal.Read(c => Convert.ToInt32(Command(c.Connection, sql, parameters).ExecuteScalar(), CultureInfo.InvariantCulture));
    }

    /// <summary>
    /// The select over queries with every filter applied. With <paramref name="allowed"/> (the
    /// view-query listing for an actor) only the queries it lists are kept and, when it has
    /// is_private and <paramref name="actorPrivate"/> asks, that is selected as a 15th column. Its
    /// parameters keep their own names, which never collide with the filters' (Datasette's owner_id
    /// filter overwrote the actor id the listing bound). <paramref name="tailRoom"/>: how much the caller appends.
    /// </summary>
    private static StringBuilder Select(string columns, bool actorPrivate, string? database, QueryFilter filter, ResourcesSql? allowed, Dictionary<string, object?> parameters, int tailRoom)
    {
        // Room for the from clause, a database filter and what the caller appends, so the builder rarely grows.
        var sql = new StringBuilder(columns.Length + 64 + tailRoom + (allowed is null ? 0 : allowed.Sql.Length + 256));
        if (allowed is null)
        {
            sql.Append(columns).Append(" from queries where 1 = 1");
        }
        else
        {
            // Joined once (materialised), with its columns renamed so none clashes with the queries table's.
            sql.Append("with allowed(").Append(allowed.IncludesIsPrivate ? "a_parent, a_child, a_reason, a_is_private" : "a_parent, a_child, a_reason")
                .Append(") as materialized (\n").Append(allowed.Sql).Append("\n)\n")
                .Append(columns)
                .Append(actorPrivate && allowed.IncludesIsPrivate ? ", allowed.a_is_private as actor_private" : "")
                .Append(" from queries join allowed on allowed.a_parent = queries.database_name and allowed.a_child = queries.name where 1 = 1");
            foreach (var (name, value) in allowed.Params)
            {
                parameters[name] = value;
            }
        }
        if (database is not null)
        {
            sql.Append(" and database_name = :database");
            parameters["database"] = database;
        }
        filter.AppendWhere(sql, parameters);
        return sql;
    }

    private static SqliteCommand Command(SqliteConnection connection, string sql, Dictionary<string, object?> parameters)
    {
        var command = StatementCache.Command(connection, sql);
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(":" + name, value ?? DBNull.Value);
        }
        return command;
    }
}
