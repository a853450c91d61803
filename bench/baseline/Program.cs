// The benchmark's raw baseline: the practical upper bound for Datasette.Gen on the benchmark's
// paths. Same SQLite (static), same data access (Microsoft.Data.Sqlite), same SQL text as the
// runtime runs for each case, JSON written with Utf8JsonWriter straight from the reader into
// the response. Nothing is cached except open connections and the schema read at startup;
// every request runs its queries. It only understands what the benchmark asks:
//
//   /.json                          databases, tables and capped counts (cold-start probe)
//   /{db}/{table}.json              rows: column filters, _sort/_sort_desc, _next keyset, _facet
//   /{db}/{table}                   the same rows as a plain HTML table
//   /{db}/{table}/{pk}.json         one row by single-column primary key
//   /{db}/-/query.json?sql=         read-only SQL, at most max_returned_rows rows
//   POST /{db}/{table}/-/insert     {"rows": [...]}: one transaction per request on the single
//                                   write connection (WAL, synchronous=FULL, as the runtime's
//                                   durability), no group commit; databases given ?writable
//
// Usage: baseline --port N [--page-size 100] [--max-rows 1000] NAME=PATH[?immutable|?writable]...
using System;
using System.Buffers;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Net;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Threading.Tasks;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging;

SQLitePCL.raw.SetProvider(new SQLitePCL.SQLite3Provider_sqlite3());

var port = 8002;
var pageSize = 100;
var maxRows = 1000;
var databases = new Dictionary<string, Db>(StringComparer.Ordinal);
for (var i = 0; i < args.Length; i++)
{
    switch (args[i])
    {
        case "--port": port = int.Parse(args[++i], CultureInfo.InvariantCulture); break;
        case "--page-size": pageSize = int.Parse(args[++i], CultureInfo.InvariantCulture); break;
        case "--max-rows": maxRows = int.Parse(args[++i], CultureInfo.InvariantCulture); break;
        default:
            var eq = args[i].IndexOf('=');
            var spec = args[i][(eq + 1)..];
            var immutable = spec.EndsWith("?immutable", StringComparison.Ordinal);
            var writable = spec.EndsWith("?writable", StringComparison.Ordinal);
            var name = args[i][..eq];
            databases[name] = new Db(name, immutable || writable ? spec[..spec.IndexOf('?')] : spec, immutable, writable);
            break;
    }
}

var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { Args = Array.Empty<string>() });
builder.Logging.ClearProviders();
builder.WebHost.UseKestrel(k =>
{
    k.AddServerHeader = false;
    k.Listen(IPAddress.Loopback, port);
});
var app = builder.Build();
var handler = new Handler(databases, pageSize, maxRows);
app.Run(handler.HandleAsync);
await app.RunAsync().ConfigureAwait(false);
return 0;

/// <summary>Column and key facts read once at startup (the runtime caches its schema too).</summary>
internal sealed record Table(string Name, string[] Columns, string[] PrimaryKeys, Dictionary<string, (string Table, string Column)> ForeignKeys);

/// <summary>One database file: a bag of open read-only connections and its schema.</summary>
internal sealed class Db
{
    private readonly ConcurrentBag<SqliteConnection> _pool = new();
    private readonly string _connectionString;

    public Db(string name, string path, bool immutable, bool writable = false)
    {
        Name = name;
        var full = Path.GetFullPath(path);
        if (writable)
        {
            Writer = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = full, Mode = SqliteOpenMode.ReadWrite, Pooling = false }.ToString());
            Writer.Open();
            using var pragmas = Writer.CreateCommand();
            pragmas.CommandText = "PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL;";
            pragmas.ExecuteNonQuery();
        }
        _connectionString = new SqliteConnectionStringBuilder
        {
            DataSource = immutable ? $"file:{full}?immutable=1" : $"file:{full}?mode=ro",
            Mode = SqliteOpenMode.ReadOnly,
            Pooling = false,
        }.ToString();
        var connection = Rent();
        try
        {
            Tables = ReadSchema(connection);
        }
        finally
        {
            Return(connection);
        }
    }

    public string Name { get; }

    public Dictionary<string, Table> Tables { get; }

    /// <summary>The one write connection of a writable database (null otherwise), used under <see cref="WriteLock"/>.</summary>
    public SqliteConnection? Writer { get; }

    public System.Threading.SemaphoreSlim WriteLock { get; } = new(1, 1);

    public SqliteConnection Rent()
    {
        if (_pool.TryTake(out var connection))
        {
            return connection;
        }
        connection = new SqliteConnection(_connectionString);
        connection.Open();
        return connection;
    }

    public void Return(SqliteConnection connection) => _pool.Add(connection);

    private static Dictionary<string, Table> ReadSchema(SqliteConnection connection)
    {
        var names = new List<string>();
        using (var command = connection.CreateCommand())
        {
            command.CommandText = "select name from sqlite_master where type = 'table' order by name";
            using var reader = command.ExecuteReader();
            while (reader.Read())
            {
                names.Add(reader.GetString(0));
            }
        }
        var tables = new Dictionary<string, Table>(StringComparer.Ordinal);
        foreach (var name in names)
        {
            var columns = new List<string>();
            var keys = new List<(int Order, string Name)>();
            using (var command = connection.CreateCommand())
            {
                command.CommandText = "select name, pk from pragma_table_info(:t)";
                command.Parameters.AddWithValue(":t", name);
                using var reader = command.ExecuteReader();
                while (reader.Read())
                {
                    columns.Add(reader.GetString(0));
                    if (reader.GetInt32(1) > 0)
                    {
                        keys.Add((reader.GetInt32(1), reader.GetString(0)));
                    }
                }
            }
            var foreignKeys = new Dictionary<string, (string, string)>(StringComparer.Ordinal);
            using (var command = connection.CreateCommand())
            {
                command.CommandText = "select \"from\", \"table\", \"to\" from pragma_foreign_key_list(:t)";
                command.Parameters.AddWithValue(":t", name);
                using var reader = command.ExecuteReader();
                while (reader.Read())
                {
                    if (!reader.IsDBNull(2))
                    {
                        foreignKeys[reader.GetString(0)] = (reader.GetString(1), reader.GetString(2));
                    }
                }
            }
            tables[name] = new Table(name, columns.ToArray(), keys.OrderBy(k => k.Order).Select(k => k.Name).ToArray(), foreignKeys);
        }
        return tables;
    }
}

internal sealed class Handler(Dictionary<string, Db> databases, int pageSize, int maxRows)
{
    private static readonly JsonWriterOptions WriterOptions = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping, SkipValidation = true };
    private const int FacetSize = 30;

    public async Task HandleAsync(HttpContext context)
    {
        var path = context.Request.Path.Value ?? "/";
        var parts = path.Split('/', StringSplitOptions.RemoveEmptyEntries);
        var buffer = new ArrayBufferWriter<byte>(16384);
        string contentType = "application/json; charset=utf-8";
        var status = 200;
        try
        {
            if (path == "/.json")
            {
                Index(buffer);
            }
            else if (HttpMethods.IsPost(context.Request.Method))
            {
                if (parts.Length == 4 && parts[2] == "-" && parts[3] == "insert" && databases.TryGetValue(parts[0], out var writeDb)
                    && writeDb.Writer is not null && writeDb.Tables.TryGetValue(parts[1], out var writeTable))
                {
                    await InsertAsync(buffer, context, writeDb, writeTable).ConfigureAwait(false);
                    status = 201;
                }
                else
                {
                    status = 404;
                }
            }
            else if (parts.Length == 3 && parts[1] == "-" && parts[2] == "query.json" && databases.TryGetValue(parts[0], out var queryDb))
            {
                Query(buffer, queryDb, context.Request.Query["sql"].ToString());
            }
            else if (parts.Length == 2 && databases.TryGetValue(parts[0], out var db))
            {
                var json = parts[1].EndsWith(".json", StringComparison.Ordinal);
                var name = json ? parts[1][..^5] : parts[1];
                if (!db.Tables.TryGetValue(name, out var table) || table.PrimaryKeys.Length != 1)
                {
                    status = 404;
                }
                else
                {
                    if (!json)
                    {
                        contentType = "text/html; charset=utf-8";
                    }
                    TablePage(buffer, context, db, table, json);
                }
            }
            else if (parts.Length == 3 && parts[2].EndsWith(".json", StringComparison.Ordinal) && databases.TryGetValue(parts[0], out var rowDb)
                && rowDb.Tables.TryGetValue(parts[1], out var rowTable) && rowTable.PrimaryKeys.Length == 1)
            {
                status = Row(buffer, rowDb, rowTable, Tilde.Decode(parts[2][..^5])) ? 200 : 404;
            }
            else
            {
                status = 404;
            }
        }
        catch (SqliteException ex)
        {
            status = 400;
            buffer.Clear();
            using var writer = new Utf8JsonWriter(buffer, WriterOptions);
            writer.WriteStartObject();
            writer.WriteBoolean("ok", false);
            writer.WriteString("error", ex.Message);
            writer.WriteEndObject();
        }
        if (status == 404 && buffer.WrittenCount == 0)
        {
            buffer.Write("{\"ok\":false,\"error\":\"Not found\",\"status\":404}"u8);
        }
        var response = context.Response;
        response.StatusCode = status;
        response.ContentType = contentType;
        response.ContentLength = buffer.WrittenCount;
        await response.Body.WriteAsync(buffer.WrittenMemory).ConfigureAwait(false);
    }

    /// <summary>
    /// POST /{db}/{table}/-/insert with <c>{"rows": [{column: value, ...}, ...]}</c>: every row in one
    /// transaction (BEGIN IMMEDIATE … COMMIT, one fsync of the WAL with synchronous=FULL), requests
    /// one after another on the single write connection. Answers 201 <c>{"ok": true}</c>.
    /// </summary>
    private static async Task InsertAsync(ArrayBufferWriter<byte> buffer, HttpContext context, Db db, Table table)
    {
        using var body = new MemoryStream();
        await context.Request.Body.CopyToAsync(body).ConfigureAwait(false);
        using var document = JsonDocument.Parse(body.ToArray());
        var rows = document.RootElement.GetProperty("rows");
        await db.WriteLock.WaitAsync().ConfigureAwait(false);
        try
        {
            var writer = db.Writer!;
            using var transaction = writer.BeginTransaction(deferred: false);
            var statements = new Dictionary<string, SqliteCommand>(StringComparer.Ordinal);
            try
            {
                foreach (var row in rows.EnumerateArray())
                {
                    var columns = row.EnumerateObject().Select(p => p.Name).ToArray();
                    if (columns.Any(c => !table.Columns.Contains(c)))
                    {
                        throw new SqliteException("Unknown column", 1);
                    }
                    var key = string.Join("\u0001", columns);
                    if (!statements.TryGetValue(key, out var command))
                    {
                        command = writer.CreateCommand();
                        command.Transaction = transaction;
                        command.CommandText = $"insert into {Quote(table.Name)} ({string.Join(", ", columns.Select(Quote))}) values ({string.Join(", ", columns.Select((_, i) => ":p" + i))})";
                        for (var i = 0; i < columns.Length; i++)
                        {
                            command.Parameters.Add(new SqliteParameter(":p" + i, null));
                        }
                        command.Prepare();
                        statements[key] = command;
                    }
                    var index = 0;
                    foreach (var property in row.EnumerateObject())
                    {
                        command.Parameters[index++].Value = property.Value.ValueKind switch
                        {
                            JsonValueKind.String => property.Value.GetString(),
                            JsonValueKind.Number => property.Value.TryGetInt64(out var integer) ? integer : property.Value.GetDouble(),
                            JsonValueKind.True => 1L,
                            JsonValueKind.False => 0L,
                            JsonValueKind.Null => DBNull.Value,
                            _ => property.Value.GetRawText(),
                        };
                    }
                    command.ExecuteNonQuery();
                }
                transaction.Commit();
            }
            finally
            {
                foreach (var command in statements.Values)
                {
                    command.Dispose();
                }
            }
        }
        finally
        {
            db.WriteLock.Release();
        }
        buffer.Write("{\"ok\":true}"u8);
    }

    /// <summary>/.json: each database with its tables and their counts capped at 10,001, as the index takes them.</summary>
    private void Index(ArrayBufferWriter<byte> buffer)
    {
        using var writer = new Utf8JsonWriter(buffer, WriterOptions);
        writer.WriteStartObject();
        writer.WriteBoolean("ok", true);
        writer.WriteStartArray("databases");
        foreach (var db in databases.Values.OrderBy(d => d.Name, StringComparer.Ordinal))
        {
            writer.WriteStartObject();
            writer.WriteString("name", db.Name);
            writer.WriteStartArray("tables");
            var connection = db.Rent();
            try
            {
                foreach (var table in db.Tables.Values)
                {
                    using var command = connection.CreateCommand();
                    command.CommandText = $"select count(*) from (select * from {Quote(table.Name)} limit 10001)";
                    writer.WriteStartObject();
                    writer.WriteString("name", table.Name);
                    writer.WriteNumber("count", Convert.ToInt64(command.ExecuteScalar(), CultureInfo.InvariantCulture));
                    writer.WriteEndObject();
                }
            }
            finally
            {
                db.Return(connection);
            }
            writer.WriteEndArray();
            writer.WriteEndObject();
        }
        writer.WriteEndArray();
        writer.WriteEndObject();
    }

    /// <summary>/{db}/-/query.json?sql=: the statement as given, on a read-only connection.</summary>
    private void Query(ArrayBufferWriter<byte> buffer, Db db, string sql)
    {
        if (!sql.TrimStart().StartsWith("select", StringComparison.OrdinalIgnoreCase))
        {
            throw new SqliteException("Statement must be a SELECT", 1);
        }
        using var writer = new Utf8JsonWriter(buffer, WriterOptions);
        var connection = db.Rent();
        try
        {
            using var command = connection.CreateCommand();
            command.CommandText = sql;
            using var reader = command.ExecuteReader();
            writer.WriteStartObject();
            writer.WriteBoolean("ok", true);
            writer.WritePropertyName("rows");
            var names = Names(reader);
            var (_, more) = WriteRows(writer, reader, names, maxRows, -1, -1, out _, out _);
            writer.WriteBoolean("truncated", more);
            writer.WriteEndObject();
        }
        finally
        {
            db.Return(connection);
        }
    }

    /// <summary>/{db}/{table}/{pk}.json, with the runtime's <c>select * from t where "id"=:p0</c>.</summary>
    private static bool Row(ArrayBufferWriter<byte> buffer, Db db, Table table, string key)
    {
        var started = System.Diagnostics.Stopwatch.GetTimestamp();
        using var writer = new Utf8JsonWriter(buffer, WriterOptions);
        var connection = db.Rent();
        try
        {
            using var command = connection.CreateCommand();
            command.CommandText = $"select * from {Escape(table.Name)} where {Quote(table.PrimaryKeys[0])}=:p0";
            command.Parameters.AddWithValue(":p0", key);
            using var reader = command.ExecuteReader();
            writer.WriteStartObject();
            writer.WriteBoolean("ok", true);
            writer.WriteString("database", db.Name);
            writer.WriteString("table", table.Name);
            writer.WritePropertyName("rows");
            var (count, _) = WriteRows(writer, reader, Names(reader), 1, -1, -1, out _, out _);
            writer.WriteStartArray("primary_keys");
            writer.WriteStringValue(table.PrimaryKeys[0]);
            writer.WriteEndArray();
            writer.WriteStartArray("primary_key_values");
            writer.WriteStringValue(key);
            writer.WriteEndArray();
            writer.WriteNumber("query_ms", System.Diagnostics.Stopwatch.GetElapsedTime(started).TotalMilliseconds);
            writer.WriteBoolean("truncated", false);
            writer.WriteEndObject();
            return count > 0;
        }
        finally
        {
            db.Return(connection);
        }
    }

    /// <summary>
    /// A table page: <c>select cols from t where filters [and keyset] order by [sort,] pk limit page+1</c>,
    /// then Datasette's column-facet SQL for each _facet (with foreign-key labels), as JSON or HTML.
    /// </summary>
    private void TablePage(ArrayBufferWriter<byte> buffer, HttpContext context, Db db, Table table, bool json)
    {
        var query = context.Request.Query;
        var key = table.PrimaryKeys[0];
        var parameters = new List<(string Name, string Value)>();
        var where = new List<string>();
        foreach (var (name, values) in query.OrderBy(p => p.Key, StringComparer.Ordinal))
        {
            if (!name.StartsWith('_') && Array.IndexOf(table.Columns, name) >= 0)
            {
                foreach (var value in values.OrderBy(v => v, StringComparer.Ordinal))
                {
                    var parameter = "p" + parameters.Count;
                    parameters.Add((parameter, value ?? ""));
                    where.Add($"{Quote(name)} = :{parameter}");
                }
            }
        }
        var filterWhere = where.Count == 0 ? "" : " where " + string.Join(" and ", where);
        var filterParameters = parameters.ToList();
        string? sort = query["_sort"].ToString() is { Length: > 0 } ascending ? ascending : null;
        string? sortDesc = query["_sort_desc"].ToString() is { Length: > 0 } descending ? descending : null;
        var sortColumn = sort ?? sortDesc;
        if (sortColumn is not null && Array.IndexOf(table.Columns, sortColumn) < 0)
        {
            throw new SqliteException("Cannot sort table by " + sortColumn, 1);
        }
        if (query["_next"].ToString() is { Length: > 0 } next)
        {
            var tokens = next.Split(',').Select(Tilde.Decode).ToArray();
            if (sortColumn is null && tokens.Length == 1)
            {
                where.Add($"(({Quote(key)} > :p{parameters.Count}))");
                parameters.Add(("p" + parameters.Count, tokens[0]));
            }
            else if (sortColumn is not null && tokens.Length == 2)
            {
                var (value, pk) = ($":p{parameters.Count}", $":p{parameters.Count + 1}");
                parameters.Add(("p" + parameters.Count, tokens[0]));
                parameters.Add(("p" + parameters.Count, tokens[1]));
                var column = Quote(sortColumn);
                var keyset = $"(({Quote(key)} > {pk}))";
                where.Add(sortDesc is not null
                    ? $"({column} < {value} or {column} is null or ({column} = {value} and {keyset}))"
                    : $"({column} > {value} or ({column} = {value} and {keyset}))");
            }
        }
        var order = sortColumn is null ? $" order by {Escape(key)}"
            : sortColumn == key ? $" order by {Escape(key)}{(sortDesc is not null ? " desc" : "")}"
            : $" order by {Escape(sortColumn)}{(sortDesc is not null ? " desc" : "")}, {Escape(key)}";
        var sql = $"select {string.Join(", ", table.Columns.Select(Escape))} from {Escape(table.Name)}"
            + (where.Count == 0 ? "" : " where " + string.Join(" and ", where)) + order + $" limit {pageSize + 1}";

        var connection = db.Rent();
        try
        {
            if (!json)
            {
                Html(buffer, connection, db, table, sql, parameters, pageSize);
                return;
            }
            using var writer = new Utf8JsonWriter(buffer, WriterOptions);
            writer.WriteStartObject();
            writer.WriteBoolean("ok", true);
            string? lastKey;
            string? lastSort;
            bool more;
            using (var command = connection.CreateCommand())
            {
                command.CommandText = sql;
                foreach (var (name, value) in parameters)
                {
                    command.Parameters.AddWithValue(":" + name, value);
                }
                using var reader = command.ExecuteReader();
                writer.WritePropertyName("rows");
                var sortOrdinal = sortColumn is null ? -1 : Array.IndexOf(table.Columns, sortColumn);
                (_, more) = WriteRows(writer, reader, table.Columns, pageSize, Array.IndexOf(table.Columns, key), sortOrdinal, out lastKey, out lastSort);
            }
            string? nextToken = null;
            if (more)
            {
                nextToken = sortColumn is null ? Tilde.Encode(lastKey ?? "None") : (lastSort is null ? "$null" : Tilde.Encode(lastSort)) + "," + Tilde.Encode(lastKey ?? "None");
            }
            writer.WriteString("next", nextToken);
            writer.WriteString("next_url", nextToken is null ? null : Absolute(context, "_next", nextToken));
            var facets = query["_facet"];
            if (facets.Count > 0)
            {
                writer.WriteStartObject("facet_results");
                writer.WriteStartObject("results");
                foreach (var facet in facets)
                {
                    if (facet is not null && Array.IndexOf(table.Columns, facet) >= 0)
                    {
                        Facet(writer, connection, context, db, table, facet, filterWhere, filterParameters);
                    }
                }
                writer.WriteEndObject();
                writer.WriteStartArray("timed_out");
                writer.WriteEndArray();
                writer.WriteEndObject();
            }
            writer.WriteBoolean("truncated", false);
            writer.WriteEndObject();
        }
        finally
        {
            db.Return(connection);
        }
    }

    /// <summary>Datasette's ColumnFacet SQL and foreign-key label lookup.</summary>
    private static void Facet(Utf8JsonWriter writer, SqliteConnection connection, HttpContext context, Db db, Table table, string column,
        string filterWhere, List<(string Name, string Value)> parameters)
    {
        var values = new List<(object Value, long Count)>();
        using (var command = connection.CreateCommand())
        {
            var c = Quote(column);
            command.CommandText = $"select {c} as value, count(*) as count from (select * from {Escape(table.Name)}{filterWhere})"
                + $" where {c} is not null group by {c} order by count desc, value limit {FacetSize + 1}";
            foreach (var (name, value) in parameters)
            {
                command.Parameters.AddWithValue(":" + name, value);
            }
            using var reader = command.ExecuteReader();
            while (reader.Read())
            {
                values.Add((reader.GetValue(0), reader.GetInt64(1)));
            }
        }
        var labels = new Dictionary<string, string>(StringComparer.Ordinal);
        if (table.ForeignKeys.TryGetValue(column, out var fk) && db.Tables.TryGetValue(fk.Table, out var other) && LabelColumn(other) is { } label && values.Count > 0)
        {
            using var command = connection.CreateCommand();
            var names = values.Select((_, i) => ":v" + i).ToList();
            command.CommandText = $"select {Quote(fk.Column)}, {Quote(label)} from {Quote(fk.Table)} where {Quote(fk.Column)} in ({string.Join(", ", names)})";
            for (var i = 0; i < values.Count; i++)
            {
                command.Parameters.AddWithValue(names[i], values[i].Value);
            }
            using var reader = command.ExecuteReader();
            while (reader.Read())
            {
                labels[Convert.ToString(reader.GetValue(0), CultureInfo.InvariantCulture)!] = Convert.ToString(reader.GetValue(1), CultureInfo.InvariantCulture)!;
            }
        }
        writer.WriteStartObject(column);
        writer.WriteString("name", column);
        writer.WriteString("type", "column");
        writer.WriteBoolean("hideable", true);
        writer.WriteString("toggle_url", context.Request.Path.Value);
        writer.WriteStartArray("results");
        foreach (var (value, count) in values.Take(FacetSize))
        {
            var text = Convert.ToString(value, CultureInfo.InvariantCulture)!;
            writer.WriteStartObject();
            WriteScalar(writer, "value", value);
            if (labels.TryGetValue(text, out var labelText))
            {
                writer.WriteString("label", labelText);
            }
            else
            {
                WriteScalar(writer, "label", value);
            }
            writer.WriteNumber("count", count);
            writer.WriteString("toggle_url", Absolute(context, column, text));
            writer.WriteBoolean("selected", false);
            writer.WriteEndObject();
        }
        writer.WriteEndArray();
        writer.WriteBoolean("truncated", values.Count > FacetSize);
        writer.WriteEndObject();
    }

    private static string? LabelColumn(Table table)
    {
        var named = table.Columns.FirstOrDefault(c => c.Equals("name", StringComparison.OrdinalIgnoreCase) || c.Equals("title", StringComparison.OrdinalIgnoreCase));
        if (named is not null)
        {
            return named;
        }
        return table.Columns.Length == 2 && (table.Columns.Contains("id") || table.Columns.Contains("pk")) ? table.Columns.First(c => c is not "id" and not "pk") : null;
    }

    private static void Html(ArrayBufferWriter<byte> buffer, SqliteConnection connection, Db db, Table table, string sql, List<(string Name, string Value)> parameters, int limit)
    {
        var html = new StringBuilder(32768);
        var encoder = HtmlEncoder.Default;
        html.Append("<!DOCTYPE html>\n<html lang=\"en\">\n<head><meta charset=\"utf-8\"><title>")
            .Append(encoder.Encode(db.Name + ": " + table.Name)).Append("</title></head>\n<body>\n<h1>")
            .Append(encoder.Encode(table.Name)).Append("</h1>\n<table>\n<thead><tr>");
        foreach (var column in table.Columns)
        {
            html.Append("<th>").Append(encoder.Encode(column)).Append("</th>");
        }
        html.Append("</tr></thead>\n<tbody>\n");
        using (var command = connection.CreateCommand())
        {
            command.CommandText = sql;
            foreach (var (name, value) in parameters)
            {
                command.Parameters.AddWithValue(":" + name, value);
            }
            using var reader = command.ExecuteReader();
            var count = 0;
            while (reader.Read() && count++ < limit)
            {
                html.Append("<tr>");
                for (var i = 0; i < reader.FieldCount; i++)
                {
                    html.Append("<td>").Append(reader.IsDBNull(i) ? "&nbsp;" : encoder.Encode(Convert.ToString(reader.GetValue(i), CultureInfo.InvariantCulture)!)).Append("</td>");
                }
                html.Append("</tr>\n");
            }
        }
        html.Append("</tbody>\n</table>\n</body>\n</html>\n");
        var text = html.ToString();
        var span = buffer.GetSpan(Encoding.UTF8.GetMaxByteCount(text.Length));
        buffer.Advance(Encoding.UTF8.GetBytes(text, span));
    }

    /// <summary>Writes up to <paramref name="limit"/> rows as objects and says whether another followed.</summary>
    private static (int Count, bool More) WriteRows(Utf8JsonWriter writer, SqliteDataReader reader, IReadOnlyList<string> names, int limit,
        int keyOrdinal, int sortOrdinal, out string? lastKey, out string? lastSort)
    {
        var encoded = names.Select(n => JsonEncodedText.Encode(n, WriterOptions.Encoder)).ToArray();
        lastKey = null;
        lastSort = null;
        var count = 0;
        var more = false;
        writer.WriteStartArray();
        while (reader.Read())
        {
            if (count == limit)
            {
                more = true;
                break;
            }
            count++;
            writer.WriteStartObject();
            for (var i = 0; i < encoded.Length; i++)
            {
                writer.WritePropertyName(encoded[i]);
                WriteValue(writer, reader, i);
            }
            writer.WriteEndObject();
            if (keyOrdinal >= 0)
            {
                lastKey = Text(reader, keyOrdinal);
            }
            if (sortOrdinal >= 0)
            {
                lastSort = Text(reader, sortOrdinal);
            }
        }
        writer.WriteEndArray();
        return (count, more);
    }

    private static void WriteValue(Utf8JsonWriter writer, SqliteDataReader reader, int i)
    {
        if (reader.IsDBNull(i))
        {
            writer.WriteNullValue();
            return;
        }
        var type = reader.GetFieldType(i);
        if (type == typeof(long))
        {
            writer.WriteNumberValue(reader.GetInt64(i));
        }
        else if (type == typeof(double))
        {
            var value = reader.GetDouble(i);
            if (!double.IsFinite(value))
            {
                writer.WriteNullValue();
                return;
            }
            Span<byte> text = stackalloc byte[40];
            value.TryFormat(text, out var written, "R", CultureInfo.InvariantCulture);
            if (text[..written].IndexOfAny(".E"u8) < 0)
            {
                ".0"u8.CopyTo(text[written..]);
                written += 2;
            }
            writer.WriteRawValue(text[..written], skipInputValidation: true);
        }
        else if (type == typeof(byte[]))
        {
            writer.WriteStartObject();
            writer.WriteBoolean("$base64", true);
            writer.WriteBase64String("encoded", (byte[])reader.GetValue(i));
            writer.WriteEndObject();
        }
        else
        {
            writer.WriteStringValue(reader.GetString(i));
        }
    }

    private static void WriteScalar(Utf8JsonWriter writer, string name, object value)
    {
        switch (value)
        {
            case long number: writer.WriteNumber(name, number); break;
            case double real: writer.WriteNumber(name, real); break;
            default: writer.WriteString(name, Convert.ToString(value, CultureInfo.InvariantCulture)); break;
        }
    }

    /// <summary>The value as Python's str() renders it, for keyset tokens.</summary>
    private static string? Text(SqliteDataReader reader, int i)
    {
        if (reader.IsDBNull(i))
        {
            return null;
        }
        var type = reader.GetFieldType(i);
        if (type == typeof(double))
        {
            var text = reader.GetDouble(i).ToString("R", CultureInfo.InvariantCulture);
            return text.Contains('.') || text.Contains('E') ? text : text + ".0";
        }
        return type == typeof(long) ? reader.GetInt64(i).ToString(CultureInfo.InvariantCulture) : reader.GetString(i);
    }

    private static List<string> Names(SqliteDataReader reader)
    {
        var names = new List<string>(reader.FieldCount);
        for (var i = 0; i < reader.FieldCount; i++)
        {
            names.Add(reader.GetName(i));
        }
        return names;
    }

    /// <summary>The request's absolute URL with <paramref name="name"/> set to <paramref name="value"/>.</summary>
    private static string Absolute(HttpContext context, string name, string value)
    {
        var request = context.Request;
        var pairs = request.Query.Where(p => p.Key != name).SelectMany(p => p.Value.Select(v => Uri.EscapeDataString(p.Key) + "=" + Uri.EscapeDataString(v ?? "")))
            .Append(Uri.EscapeDataString(name) + "=" + Uri.EscapeDataString(value));
        return $"{request.Scheme}://{request.Host}{request.Path}?{string.Join("&", pairs)}";
    }

    /// <summary>A name as the runtime writes it in select lists: bare when it is a plain identifier.</summary>
    private static string Escape(string name) =>
        name.Length > 0 && !char.IsDigit(name[0]) && name.All(c => char.IsAsciiLetterOrDigit(c) || c == '_') && !Keywords.Contains(name) ? name : Quote(name);

    private static string Quote(string name) => "\"" + name.Replace("\"", "\"\"") + "\"";

    private static readonly HashSet<string> Keywords = new(StringComparer.OrdinalIgnoreCase) { "select", "from", "where", "order", "group", "table", "index", "values", "limit", "key" };
}

/// <summary>Datasette's tilde encoding of keyset tokens and row identifiers.</summary>
internal static class Tilde
{
    public static string Encode(string value)
    {
        var builder = new StringBuilder(value.Length);
        foreach (var b in Encoding.UTF8.GetBytes(value))
        {
            if (b is (>= (byte)'A' and <= (byte)'Z') or (>= (byte)'a' and <= (byte)'z') or (>= (byte)'0' and <= (byte)'9') or (byte)'_' or (byte)'-')
            {
                builder.Append((char)b);
            }
            else if (b == (byte)' ')
            {
                builder.Append('+');
            }
            else
            {
                builder.Append('~').Append(b.ToString("X2", CultureInfo.InvariantCulture));
            }
        }
        return builder.ToString();
    }

    public static string Decode(string value)
    {
        if (value.IndexOf('~') < 0 && value.IndexOf('+') < 0)
        {
            return value;
        }
        var output = new List<byte>(value.Length);
        var input = Encoding.UTF8.GetBytes(value);
        for (var i = 0; i < input.Length; i++)
        {
            if (input[i] == (byte)'~' && i + 2 < input.Length && Uri.IsHexDigit((char)input[i + 1]) && Uri.IsHexDigit((char)input[i + 2]))
            {
                output.Add(Convert.ToByte(Encoding.ASCII.GetString(input, i + 1, 2), 16));
                i += 2;
            }
            else
            {
                output.Add(input[i] == (byte)'+' ? (byte)' ' : input[i]);
            }
        }
        return Encoding.UTF8.GetString(output.ToArray());
    }
}
