using System.Buffers;
using System.Text.Json;
using Datasette.Gen.Runtime.Data;
using Datasette.Gen.Runtime.Errors;
using Datasette.Gen.Runtime.Http;
using Datasette.Gen.Runtime.Json;
using Datasette.Gen.Runtime.Sql;
using Microsoft.AspNetCore.Http;
using Microsoft.Data.Sqlite;

namespace Datasette.Gen.Runtime.Endpoints.Write;

/// <summary>
/// <c>POST /{db}/-/execute-write</c> (write-api spec §9): one statement of the caller's SQL, allowed
/// only if every operation SQLite reports while compiling it is permitted to the actor. Analysis,
/// the decision and the execution all happen in the request's own savepoint on the writer, so the
/// statement checked is the statement run, against the same schema.
/// </summary>
internal static class ExecuteWriteEndpoint
{
    /// <summary>RETURNING rows shown at most; more makes <c>truncated</c> true and <c>rowcount</c> −1.</summary>
    private const int ReturningLimit = 10;

    private const string ReadOnlyRefusal = "Use /-/query for read-only SQL; this endpoint only executes writes";

    /// <summary>GET shows the page; a POST answers JSON to JSON clients and the page with its result to a form.</summary>
    public static Task HandleAsync(DatasetteRequest request, Datasette datasette)
    {
        if (HttpMethods.IsGet(request.Method) || HttpMethods.IsHead(request.Method))
        {
            return ExecuteWritePage.GetAsync(request, datasette);
        }
        return WriteResponses.RunAsync(request, () => ExecuteAsync(request, datasette));
    }

    /// <summary>What running the statement did; <see cref="Columns"/> is null when it returned no result set.</summary>
    internal sealed record Outcome(IReadOnlyList<SqlOperation> Analysis, long RowCount, byte[] Rows, bool Truncated, IReadOnlyList<string>? Columns, string? InsertedRowPath)
    {
        public string Message => RowCount == -1 ? "Query executed" : $"Query executed, {RowCount} row{(RowCount == 1 ? "" : "s")} affected";
    }

    private static async Task ExecuteAsync(DatasetteRequest request, Datasette datasette)
    {
        var database = MutableDatabaseFor(request, datasette);
        var body = await ExecuteWritePayload.ReadAsync(request).ConfigureAwait(false);
        // Datasette's rule: a JSON body, an exact JSON Accept header or a _json form field asks for JSON.
        if (!body.IsJson && request.Header("Accept") != "application/json" && !body.JsonField)
        {
            await ExecuteWritePage.PostAsync(request, datasette, database, body.Sql, body.Params).ConfigureAwait(false);
            return;
        }
        var outcome = await RunAsync(request, datasette, database, ExecuteWritePayload.RequireSql(body.Sql), body.Params).ConfigureAwait(false);
        await WriteResponses.OkAsync(request, 200, writer =>
        {
            writer.WriteString("message", outcome.Message);
            writer.WriteNumber("rowcount", outcome.RowCount);
            writer.WritePropertyName("rows");
            writer.WriteRawValue(outcome.Rows, skipInputValidation: true);
            writer.WriteBoolean("truncated", outcome.Truncated);
            writer.WriteStartArray("analysis");
            foreach (var op in outcome.Analysis.Where(op => !WriteSqlPermissions.Decide(op).Ignore))
            {
                WriteAnalysisRow(writer, op);
            }
            writer.WriteEndArray();
        }).ConfigureAwait(false);
    }

    /// <summary>The database of the route, when the actor may write SQL to it and it is mutable (403 JSON refusals otherwise).</summary>
    internal static Database MutableDatabaseFor(DatasetteRequest request, Datasette datasette)
    {
        var route = request.Route("database") ?? "";
        var database = datasette.DatabaseByRoute(route) ?? throw new DatabaseNotFoundException(route);
        BlockFraming(request);
        if (!request.Allowed("execute-write-sql", database.Name))
        {
            throw WriteApiException.Forbidden("Permission denied: need execute-write-sql");
        }
        WriteTable.EnsureMutable(database);
        return database;
    }

    /// <summary>Checks and runs one statement (write-api spec §9 steps 5–10); refusals are <see cref="WriteApiException"/>s.</summary>
    internal static async Task<Outcome> RunAsync(DatasetteRequest request, Datasette datasette, Database database, string sql, IReadOnlyDictionary<string, object?> provided)
    {
        var names = ParameterNames(sql);
        var unknown = provided.Keys.Where(k => !names.Contains(k)).Order(StringComparer.Ordinal).ToList();
        if (unknown.Count > 0)
        {
            throw WriteApiException.BadRequest("Unknown parameters: " + string.Join(", ", unknown));
        }
        var parameters = names.ToDictionary(n => n, n => provided.TryGetValue(n, out var v) ? Bindable(n, v) : "");
        var timeLimitMs = datasette.Settings.SqlTimeLimitMs;

        var outcome = await database.WriteInTransactionAsync(connector =>
        {
            var analysis = Analyze(connector, sql, database.Name);
            if (!WriteSqlPermissions.IsWrite(analysis))
            {
                throw WriteApiException.BadRequest(ReadOnlyRefusal);
            }
            WriteSqlPermissions.Ensure(request, database.Name, analysis);
            return Run(connector, sql, parameters, timeLimitMs, analysis, database);
        }).ConfigureAwait(false);

        if (outcome.Analysis.Any(op => op.Operation is "create" or "alter" or "drop"))
        {
            database.InvalidateSchema();
        }
        return outcome;
    }

    /// <summary><c>GET /{db}/-/execute-write/analyze?sql=…</c> (unstable): what the statement would need, without running it.</summary>
    public static async Task AnalyzeAsync(DatasetteRequest request, Datasette datasette)
    {
        try
        {
            await AnalyzeCoreAsync(request, datasette).ConfigureAwait(false);
        }
        catch (WriteApiException refused) when (!request.Context.Response.HasStarted)
        {
            await WriteResponses.ErrorAsync(request, refused.Status, refused.Errors).ConfigureAwait(false);
        }
    }

    private static async Task AnalyzeCoreAsync(DatasetteRequest request, Datasette datasette)
    {
        var route = request.Route("database") ?? "";
        var database = datasette.DatabaseByRoute(route) ?? throw new DatabaseNotFoundException(route);
        BlockFraming(request);
        if (!request.Allowed("execute-write-sql", database.Name))
        {
            throw WriteApiException.Forbidden("Permission denied: need execute-write-sql");
        }
        var invalid = request.Args.Pairs.Select(p => p.Key).Where(k => k != "sql").Distinct().Order(StringComparer.Ordinal).ToList();
        if (invalid.Count > 0)
        {
            throw WriteApiException.BadRequest("Invalid keys: " + string.Join(", ", invalid));
        }
        var (names, rows, error, disabledReason) = Preview(request, database, request.Args.Get("sql") ?? "");
        using var body = new JsonBody();
        var writer = body.Writer;
        writer.WriteStartObject();
        writer.WriteBoolean("ok", error is null);
        writer.WriteStringArray("parameters", names);
        writer.WriteString("analysis_error", error);
        writer.WriteStartArray("analysis_rows");
        foreach (var (op, allowed) in rows)
        {
            WriteAnalysisRow(writer, op, allowed, withAllowed: true);
        }
        writer.WriteEndArray();
        writer.WriteBoolean("execute_disabled", disabledReason is not null);
        writer.WriteString("execute_disabled_reason", disabledReason);
        writer.WriteString("unstable", "This API is not part of Datasette's stable interface and may change at any time");
        writer.WriteEndObject();
        await body.SendAsync(request.Context, 200).ConfigureAwait(false);
    }

    /// <summary>What the page and the analyze endpoint show before running: parameters, each operation with its permission, why Execute is disabled.</summary>
    internal sealed record WritePreview(IReadOnlyList<string> Parameters, IReadOnlyList<(SqlOperation Op, bool? Allowed)> Rows, string? Error, string? DisabledReason);

    internal static WritePreview Preview(DatasetteRequest request, Database database, string sql)
    {
        IReadOnlyList<string> names = Array.Empty<string>();
        IReadOnlyList<(SqlOperation Op, bool? Allowed)> rows = Array.Empty<(SqlOperation, bool?)>();
        string? error = null;
        if (sql.Length > 0)
        {
            try
            {
                names = ParameterNames(sql);
                // Compiled on a read connection: nothing runs, and the writer is not held.
                // Datasette shows SQLite's message here without the "Could not analyze query" prefix.
                var analysis = database.Read(connector => WriteSqlAnalyzer.Analyze(connector, sql, database.Name));
                if (WriteSqlPermissions.IsWrite(analysis))
                {
                    rows = analysis.Where(op => !WriteSqlPermissions.Decide(op).Ignore)
                        .Select(op => (op, WriteSqlPermissions.AllowedFor(request, op, isWrite: true))).ToList();
                }
                else
                {
                    error = ReadOnlyRefusal;
                }
            }
            catch (Exception ex) when (ex is SqlErrorException or WriteApiException { Status: 400 })
            {
                error = ex.Message;
            }
        }
        var disabledReason = sql.Trim().Length == 0 ? "Enter writable SQL before executing."
            : error ?? (rows.Any(r => r.Allowed == false) ? "You do not have permission for every operation listed above." : null);
        return new WritePreview(names, rows, error, disabledReason);
    }

    // Datasette forbids framing every answer of this endpoint (clickjacking a write form).
    internal static void BlockFraming(DatasetteRequest request)
    {
        var headers = request.Context.Response.Headers;
        headers["X-Frame-Options"] = "DENY";
        headers["Content-Security-Policy"] = "frame-ancestors 'none'";
    }

    /// <summary>Named parameters of the SQL, in order; magic ones (<c>:_actor_id</c>…) are refused here.</summary>
    private static List<string> ParameterNames(string sql)
    {
        var names = NamedParameters.Extract(sql);
        if (names.Any(n => n.StartsWith('_')))
        {
            throw WriteApiException.BadRequest("Magic parameters are not allowed");
        }
        return names;
    }

    private static object Bindable(string name, object? value) => value switch
    {
        JsonMap => throw WriteApiException.BadRequest($"Error binding parameter :{name}: type 'dict' is not supported"),
        List<object?> => throw WriteApiException.BadRequest($"Error binding parameter :{name}: type 'list' is not supported"),
        _ => WriteValues.ToSqlite(value),
    };

    private static IReadOnlyList<SqlOperation> Analyze(SqliteConnector connector, string sql, string databaseName)
    {
        try
        {
            return WriteSqlAnalyzer.Analyze(connector, sql, databaseName);
        }
        catch (SqlErrorException ex)
        {
            throw WriteApiException.BadRequest("Could not analyze query: " + ex.Message);
        }
    }

    private static Outcome Run(SqliteConnector connector, string sql, Dictionary<string, object> parameters, int timeLimitMs, IReadOnlyList<SqlOperation> analysis, Database database)
    {
        using var command = connector.Connection.CreateCommand();
        command.CommandText = sql;
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(":" + name, value);
        }
        connector.StartTimeLimit(timeLimitMs);
        try
        {
            var buffer = new ArrayBufferWriter<byte>();
            bool truncated;
            List<string>? columns = null;
            using (var reader = command.ExecuteReader())
            using (var writer = new Utf8JsonWriter(buffer, JsonBody.WriterOptions))
            {
                if (reader.FieldCount > 0)
                {
                    columns = RowJson.ColumnNames(reader);
                    truncated = RowJson.Write(writer, reader, new RowJsonOptions(RowJson.ColumnNames(reader), RowShape.Objects), ReturningLimit).HasMore;
                }
                else
                {
                    writer.WriteStartArray();
                    writer.WriteEndArray();
                    truncated = false;
                }
            }
            long rowCount = truncated || !IsDml(sql) ? -1 : SQLitePCL.raw.sqlite3_changes(connector.Connection.Handle);
            var inserted = rowCount == 1 ? InsertedRow.PathOf(connector, database, analysis) : null;
            return new Outcome(analysis, rowCount, buffer.WrittenSpan.ToArray(), truncated, columns, inserted);
        }
        catch (SqliteException ex) when ((ex.SqliteErrorCode & 0xff) == SQLitePCL.raw.SQLITE_INTERRUPT)
        {
            throw WriteApiException.BadRequest(new QueryInterruptedException(sql).Message);
        }
        catch (SqliteException ex)
        {
            throw WriteApiException.BadRequest(connector.Explain(ex.SqliteErrorCode, WriteResponses.SqliteText(ex)));
        }
        finally
        {
            connector.ClearTimeLimit();
        }
    }

    /// <summary>
    /// Python's sqlite3 reports a rowcount only for statements that start (after space and
    /// comments) with INSERT, UPDATE, DELETE or REPLACE; otherwise −1, as Datasette shows.
    /// </summary>
    private static bool IsDml(string sql)
    {
        var i = 0;
        while (i < sql.Length)
        {
            if (char.IsWhiteSpace(sql[i]))
            {
                i++;
            }
            else if (string.CompareOrdinal(sql, i, "--", 0, 2) == 0)
            {
                var end = sql.IndexOf('\n', i);
                i = end < 0 ? sql.Length : end + 1;
            }
            else if (string.CompareOrdinal(sql, i, "/*", 0, 2) == 0)
            {
                var end = sql.IndexOf("*/", i + 2, StringComparison.Ordinal);
                i = end < 0 ? sql.Length : end + 2;
            }
            else
            {
                break;
            }
        }
        var rest = sql.AsSpan(i);
        return rest.StartsWith("insert", StringComparison.OrdinalIgnoreCase) || rest.StartsWith("update", StringComparison.OrdinalIgnoreCase)
            || rest.StartsWith("delete", StringComparison.OrdinalIgnoreCase) || rest.StartsWith("replace", StringComparison.OrdinalIgnoreCase);
    }

    internal static void WriteAnalysisRow(Utf8JsonWriter writer, SqlOperation op, bool? allowed = null, bool withAllowed = false)
    {
        writer.WriteStartObject();
        writer.WriteString("operation", op.Operation);
        writer.WriteString("database", op.Database);
        writer.WriteString("table", op.Table ?? op.Target);
        writer.WriteString("required_permission", string.Join(", ", WriteSqlPermissions.Decide(op).Requirements.Select(r => r.Action)));
        writer.WriteString("source", op.Source);
        if (withAllowed)
        {
            writer.WritePropertyName("allowed");
            if (allowed is { } value)
            {
                writer.WriteBooleanValue(value);
            }
            else
            {
                writer.WriteNullValue();
            }
        }
        writer.WriteEndObject();
    }
}
