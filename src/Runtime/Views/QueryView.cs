using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Linq;
using System.Threading.Tasks;
using Datasette.Gen.Runtime.Data;
using Datasette.Gen.Runtime.Http;
using Datasette.Gen.Runtime.Internal;
using Datasette.Gen.Runtime.Json;
using Datasette.Gen.Runtime.Sql;

namespace Datasette.Gen.Runtime.Views;

/// <summary>
/// SQL queries: arbitrary read-only SQL at <c>/{db}/-/query.json?sql=</c> and stored queries
/// at <c>/{db}/{name}.json</c>. Parameters are bound as strings from the query string.
/// </summary>
public static class QueryView
{
    public static Task ArbitraryAsync(DatasetteRequest request, Datasette datasette)
    {
        var database = Resolve.Database(request, datasette);
        EnsureFormat(request.Format);
        if (!request.Allowed("execute-sql", database.Name))
        {
            throw DatasetteHttpException.Forbidden("execute-sql");
        }
        var sql = request.Args.Get("sql");
        if (string.IsNullOrEmpty(sql))
        {
            throw DatasetteHttpException.BadRequest("?sql= is required");
        }
        var parameters = new Dictionary<string, object?>();
        foreach (var name in ValidatedSql.Parameters(database, sql))
        {
            if (!name.StartsWith('_'))
            {
                parameters[name] = request.Args.Get(name) ?? "";
            }
        }
        return RunAsync(request, datasette, database, sql, parameters, storedQuery: null);
    }

    public static Task StoredAsync(DatasetteRequest request, Datasette datasette, Database database, StoredQuery query)
    {
        EnsureFormat(request.Format);
        if (!request.Allowed("view-query", database.Name, query.Name))
        {
            throw DatasetteHttpException.Forbidden("You do not have permission to view this query");
        }
        var names = query.Parameters.Count > 0 ? query.Parameters.ToList() : NamedParameters.Extract(query.Sql);
        var parameters = new Dictionary<string, object?>();
        foreach (var name in names)
        {
            parameters[name] = name.StartsWith('_') ? MagicParameters.Resolve(request, name) : request.Args.Get(name) ?? "";
        }
        if (query.IsWrite)
        {
            return SendAsync(request, datasette, database, query.Sql, parameters, query, writeRows: null);
        }
        return RunAsync(request, datasette, database, query.Sql, parameters, query);
    }

    public static Task ParametersAsync(DatasetteRequest request, Datasette datasette)
    {
        var database = Resolve.Database(request, datasette);
        foreach (var pair in request.Args.Pairs)
        {
            if (pair.Key != "sql")
            {
                throw DatasetteHttpException.BadRequest("Invalid keys: " + string.Join(", ", request.Args.Pairs.Select(p => p.Key).Where(k => k != "sql").Distinct()));
            }
        }
        if (!request.Allowed("execute-sql", database.Name))
        {
            throw DatasetteHttpException.Forbidden("Permission denied: need execute-sql");
        }
        var names = NamedParameters.Extract(request.Args.Get("sql") ?? "");
        if (names.Any(n => n.StartsWith('_')))
        {
            throw DatasetteHttpException.BadRequest("Magic parameters are not allowed");
        }
        request.Context.Response.Headers.ContentSecurityPolicy = "frame-ancestors 'none'";
        request.Context.Response.Headers.XFrameOptions = "DENY";
        using var body = new JsonBody();
        body.Writer.WriteStartObject();
        body.Writer.WriteBoolean("ok", true);
        body.Writer.WriteString("unstable", Urls.UnstableNote);
        body.Writer.WriteStringArray("parameters", names);
        body.Writer.WriteEndObject();
        return body.SendAsync(request.Context);
    }

    public static Task DefinitionAsync(DatasetteRequest request, Datasette datasette)
    {
        var database = Resolve.Database(request, datasette);
        var name = request.Route("query") ?? "";
        var query = datasette.Internal.GetQuery(database.Name, name);
        if (query is null || !request.Allowed("view-query", database.Name, name))
        {
            throw DatasetteHttpException.NotFound($"Query not found: {name}");
        }
        using var body = new JsonBody();
        body.Writer.WriteStartObject();
        body.Writer.WriteBoolean("ok", true);
        body.Writer.WriteString("unstable", Urls.UnstableNote);
        body.Writer.WritePropertyName("query");
        query.WriteJson(body.Writer, isPrivateForActor: null);
        body.Writer.WriteEndObject();
        return body.SendAsync(request.Context);
    }

    private static async Task RunAsync(DatasetteRequest request, Datasette datasette, Database database, string sql, Dictionary<string, object?> parameters, StoredQuery? storedQuery)
    {
        var timeLimit = TimeLimit(request, datasette);
        if (request.Format == "csv")
        {
            await QueryCsv.SendAsync(request, datasette, database, sql, parameters, storedQuery, timeLimit).ConfigureAwait(false);
            return;
        }
        if (request.Format == "blob")
        {
            await BlobView.QueryAsync(request, database, sql, parameters, timeLimit).ConfigureAwait(false);
            return;
        }
        var shape = RowShapes.Parse(request.Args.Get("_shape"));
        if (shape == RowShape.Object)
        {
            throw DatasetteHttpException.BadRequest("_shape=object is only available on tables");
        }
        var extras = Extras.Parse(request.Args, Extras.Query);
        var jsonColumns = new HashSet<string>(request.Args.GetAll("_json"), StringComparer.Ordinal);
        using var rows = new JsonBody();
        var (result, columns) = QueryRunner.Run(database, sql, parameters, timeLimit, reader =>
        {
            var names = RowJson.ColumnNames(reader);
            var options = new RowJsonOptions(names, shape, IsTruthy(request.Args.Get("_json_infinity")), jsonColumns);
            return (RowJson.Write(rows.Writer, reader, options, datasette.Settings.MaxReturnedRows), names);
        });
        await SendAsync(request, datasette, database, sql, parameters, storedQuery, (rows, result, columns, extras, shape)).ConfigureAwait(false);
    }

    private static Task SendAsync(DatasetteRequest request, Datasette datasette, Database database, string sql, Dictionary<string, object?> parameters,
        StoredQuery? storedQuery, (JsonBody Rows, RowJsonResult Result, List<string> Columns, HashSet<string> Extras, RowShape Shape)? writeRows)
    {
        if (storedQuery is not null)
        {
            Caching.Apply(request, datasette);
        }
        var shape = writeRows?.Shape ?? RowShape.Objects;
        if (shape.IsBare() && writeRows is { } bare)
        {
            return NdJson.SendOrJsonAsync(request, bare.Rows);
        }
        using var body = new JsonBody();
        var writer = body.Writer;
        writer.WriteStartObject();
        writer.WriteBoolean("ok", true);
        writer.WritePropertyName("rows");
        if (writeRows is { } written)
        {
            writer.WriteRawValue(written.Rows.WrittenMemory.Span, skipInputValidation: true);
        }
        else
        {
            writer.WriteStartArray();
            writer.WriteEndArray();
        }
        var extras = writeRows?.Extras ?? new HashSet<string>();
        if (extras.Contains("columns"))
        {
            writer.WriteStringArray("columns", writeRows?.Columns ?? new List<string>());
        }
        if (extras.Contains("render_cell"))
        {
            writer.WriteStartArray("render_cell");
            for (var i = 0; i < (writeRows?.Result.Count ?? 0); i++)
            {
                writer.WriteStartObject();
                writer.WriteEndObject();
            }
            writer.WriteEndArray();
        }
        if (extras.Contains("debug"))
        {
            writer.WriteStartObject("debug");
            writer.WriteString("database", database.Name);
            writer.WriteString("stored_query", storedQuery?.Name);
            writer.WriteEndObject();
        }
        if (extras.Contains("database"))
        {
            writer.WriteString("database", database.Name);
        }
        if (extras.Contains("database_color"))
        {
            writer.WriteString("database_color", database.Color);
        }
        if (extras.Contains("private"))
        {
            writer.WriteBoolean("private", false);
        }
        if (extras.Contains("query"))
        {
            writer.WriteStartObject("query");
            writer.WriteString("sql", sql);
            writer.WriteStartObject("params");
            foreach (var (name, value) in parameters)
            {
                if (!name.StartsWith('_'))
                {
                    writer.WriteString(name, value?.ToString());
                }
            }
            writer.WriteEndObject();
            writer.WriteEndObject();
        }
        if (extras.Contains("metadata"))
        {
            writer.WritePropertyName("metadata");
            if (storedQuery is not null)
            {
                storedQuery.WriteJson(writer, isPrivateForActor: null, includeSource: false);
            }
            else
            {
                writer.WriteStartObject();
                foreach (var (key, value) in datasette.Internal.DatabaseMetadata(database.Name))
                {
                    writer.WriteString(key, value);
                }
                writer.WriteEndObject();
            }
        }
        if (extras.Contains("request"))
        {
            RequestExtra.Write(writer, request);
        }
        if (extras.Contains("extras"))
        {
            Extras.WriteCatalogue(writer, request, Extras.Query, extras);
        }
        writer.WriteBoolean("truncated", writeRows?.Result.HasMore ?? false);
        writer.WriteEndObject();
        return request.Format is null
            ? HtmlPages.SendJsonAsync(request, storedQuery is null ? $"{database.Name}: {sql}" : $"{database.Name}: {storedQuery.Title ?? storedQuery.Name}", body)
            : body.SendAsync(request.Context);
    }

    internal static int TimeLimit(DatasetteRequest request, Datasette datasette)
    {
        var limit = datasette.Settings.SqlTimeLimitMs;
        var requested = request.Args.Get("_timelimit");
        if (requested is not null)
        {
            if (!int.TryParse(requested, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var value))
            {
                throw DatasetteHttpException.BadRequest("_timelimit must be an integer");
            }
            limit = Math.Min(limit, value);
        }
        return limit;
    }

    internal static bool IsTruthy(string? value) => value is not null && (value.Equals("on", StringComparison.OrdinalIgnoreCase) || value.Equals("true", StringComparison.OrdinalIgnoreCase) || value == "1");

    private static void EnsureFormat(string? format)
    {
        if (format is not (null or "json" or "csv" or "blob"))
        {
            throw DatasetteHttpException.NotFound($"Invalid format: {format}");
        }
    }
}
