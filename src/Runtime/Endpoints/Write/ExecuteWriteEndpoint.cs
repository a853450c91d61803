using System.Buffers;
using System.Text.Json;
using Datasette.Gen.Runtime.Data;
using Datasette.Gen.Runtime.Errors;
using Datasette.Gen.Runtime.Http;
using Datasette.Gen.Runtime.Json;
using Datasette.Gen.Runtime.Sql;
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

    public static Task HandleAsync(DatasetteRequest request, Datasette datasette) =>
        WriteResponses.RunAsync(request, () => ExecuteAsync(request, datasette));

    private sealed record Outcome(IReadOnlyList<SqlOperation> Analysis, long RowCount, byte[] Rows, bool Truncated);

    private static async Task ExecuteAsync(DatasetteRequest request, Datasette datasette)
    {
        var route = request.Route("database") ?? "";
        var database = datasette.DatabaseByRoute(route) ?? throw new DatabaseNotFoundException(route);
        BlockFraming(request);
        if (!request.Allowed("execute-write-sql", database.Name))
        {
            throw WriteApiException.Forbidden("Permission denied: need execute-write-sql");
        }
        WriteTable.EnsureMutable(database);
        var (sql, provided) = await ExecuteWritePayload.ReadAsync(request).ConfigureAwait(false);
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
            return Run(connector, sql, parameters, timeLimitMs, analysis);
        }).ConfigureAwait(false);

        if (outcome.Analysis.Any(op => op.Operation is "create" or "alter" or "drop"))
        {
            database.InvalidateSchema();
        }
        var message = outcome.RowCount == -1 ? "Query executed" : $"Query executed, {outcome.RowCount} row{(outcome.RowCount == 1 ? "" : "s")} affected";
        await WriteResponses.OkAsync(request, 200, writer =>
        {
            writer.WriteString("message", message);
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
        var sql = request.Args.Get("sql") ?? "";
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

    // Datasette forbids framing every answer of this endpoint (clickjacking a write form).
    private static void BlockFraming(DatasetteRequest request)
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

    private static Outcome Run(SqliteConnector connector, string sql, Dictionary<string, object> parameters, int timeLimitMs, IReadOnlyList<SqlOperation> analysis)
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
            using (var reader = command.ExecuteReader())
            using (var writer = new Utf8JsonWriter(buffer, JsonBody.WriterOptions))
            {
                if (reader.FieldCount > 0)
                {
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
            return new Outcome(analysis, rowCount, buffer.WrittenSpan.ToArray(), truncated);
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
