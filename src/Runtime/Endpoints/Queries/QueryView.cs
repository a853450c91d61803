using System.Diagnostics;
using Datasette.Gen.Runtime.Data;
using Datasette.Gen.Runtime.Endpoints.Blobs;
using Datasette.Gen.Runtime.Endpoints.Pages;
using Datasette.Gen.Runtime.Endpoints.Renderers;
using Datasette.Gen.Runtime.Endpoints.Rows;
using Datasette.Gen.Runtime.Errors;
using Datasette.Gen.Runtime.Extras;
using Datasette.Gen.Runtime.Http;
using Datasette.Gen.Runtime.Internal;
using Datasette.Gen.Runtime.Json;
using Datasette.Gen.Runtime.Plugins;
using Datasette.Gen.Runtime.Sql;

namespace Datasette.Gen.Runtime.Endpoints.Queries;

/// <summary>
/// SQL queries: arbitrary read-only SQL at <c>/{db}/-/query.json?sql=</c> and stored queries
/// at <c>/{db}/{name}.json</c>. Parameters are bound as strings from the query string.
/// </summary>
internal static class QueryView
{
    public static Task ArbitraryAsync(DatasetteRequest request, Datasette datasette)
    {
        var database = datasette.ResolveDatabase(request);
        if (!request.Allowed("execute-sql", database.Name))
        {
            throw DatasetteHttpException.Forbidden("execute-sql");
        }
        var sql = request.Args.Get("sql");
        var parameters = new Dictionary<string, object?>();
        string? sqlError = null;
        if (!string.IsNullOrEmpty(sql))
        {
            try
            {
                foreach (var name in ValidatedSql.Parameters(database, sql))
                {
                    if (!name.StartsWith('_'))
                    {
                        parameters[name] = request.Args.Get(name) ?? "";
                    }
                }
            }
            catch (SqlErrorException error)
            {
                // SQLite refused to prepare it: Datasette meets this when it runs the query, and shows it as the page's error.
                sqlError = error.Message;
            }
        }
        return RunAsync(request, datasette, database, sql, parameters, storedQuery: null, sqlError);
    }

    public static async Task StoredAsync(DatasetteRequest request, Datasette datasette, Database database, StoredQuery query)
    {
        if (!request.Allowed("view-query", database.Name, query.Name))
        {
            throw DatasetteHttpException.Forbidden("You do not have permission to view this query");
        }
        // A user's query is that user's SQL: running it needs what running the SQL directly would.
        if (!query.IsTrusted && !query.IsWrite && !request.Allowed("execute-sql", database.Name))
        {
            throw DatasetteHttpException.Forbidden("execute-sql");
        }
        var names = query.Parameters.Count > 0 ? query.Parameters.ToList() : NamedParameters.Extract(query.Sql);
        var parameters = new Dictionary<string, object?>();
        foreach (var name in names)
        {
            parameters[name] = name.StartsWith('_') ? await MagicParameters.ResolveAsync(request, datasette, name).ConfigureAwait(false) : request.Args.Get(name) ?? "";
        }
        if (query.IsWrite)
        {
            if (request.Format is not (null or "json" or "csv" or "blob"))
            {
                throw DatasetteHttpException.InvalidFormat(request.Format);
            }
            await SendAsync(request, datasette, database, query.Sql, parameters, query, rows: null, ExtraSet.None, error: null).ConfigureAwait(false);
            return;
        }
        await RunAsync(request, datasette, database, query.Sql, parameters, query, sqlError: null).ConfigureAwait(false);
    }

    public static Task ParametersAsync(DatasetteRequest request, Datasette datasette)
    {
        var database = datasette.ResolveDatabase(request);
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
        var database = datasette.ResolveDatabase(request);
        var name = request.Route("query") ?? "";
        var query = datasette.Internal.Queries.Get(database.Name, name);
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

    /// <summary>
    /// A query's rows: <see cref="Json"/> as written for a data format (null for the HTML page), <see cref="Typed"/> as
    /// typed cells for the HTML page or the <c>render_cell</c> extra (else null), both from one reading.
    /// </summary>
    internal sealed record QueryRows(JsonBody? Json, RowJsonResult Result, List<string> Columns, List<PageCell[]>? Typed);

    /// <summary>
    /// Runs the query and answers in the requested format, in Datasette's order: the query runs
    /// first, and a SQL error it raises is the page's own error (<c>rows</c>, <c>truncated</c> and
    /// any extras kept, status 400, <c>_shape</c> ignored), not an exception.
    /// </summary>
    private static async Task RunAsync(DatasetteRequest request, Datasette datasette, Database database, string? sql, Dictionary<string, object?> parameters,
        StoredQuery? storedQuery, string? sqlError)
    {
        var timeLimit = request.SqlTimeLimitMs;
        var format = request.Format;
        if (format is not null && datasette.OutputRenderers.TryGetValue(format, out var renderer))
        {
            await RenderAsync(request, datasette, database, sql, parameters, storedQuery, sqlError, renderer).ConfigureAwait(false);
            return;
        }
        if (format is not (null or "json" or "csv" or "blob"))
        {
            if (!string.IsNullOrEmpty(sql) && sqlError is null)
            {
                // Datasette runs the query before it looks at the format, so a time-out still wins.
                RunDiscarding(database, sql, parameters, timeLimit, datasette.Settings.MaxReturnedRows);
            }
            throw DatasetteHttpException.InvalidFormat(format);
        }
        if (string.IsNullOrEmpty(sql))
        {
            if (format is null)
            {
                // The HTML page without a query is Datasette's empty SQL editor, not an error.
                await SendAsync(request, datasette, database, "", parameters, storedQuery, rows: null, ExtraSet.None, error: null).ConfigureAwait(false);
                return;
            }
            throw DatasetteHttpException.BadRequest("?sql= is required");
        }
        if (format == "csv")
        {
            if (sqlError is not null)
            {
                throw new SqlErrorException(sqlError);
            }
            await QueryCsv.SendAsync(request, datasette, database, sql, parameters, storedQuery, timeLimit).ConfigureAwait(false);
            return;
        }
        if (format == "blob")
        {
            await BlobView.QueryAsync(request, database, sql, parameters, timeLimit, sqlError).ConfigureAwait(false);
            return;
        }
        var requestedShape = request.Args.Get("_shape");
        var shape = format is null ? RowShape.Objects : RowShapes.TryParse(requestedShape) ?? RowShape.Objects;
        var jsonColumns = new HashSet<string>(request.Args.GetAll("_json"), StringComparer.Ordinal);
        using var rows = new JsonBody();
        QueryRows? written = null;
        if (sqlError is null)
        {
            // The HTML page keeps its rows typed and makes no JSON; the JSON keeps them typed as well only for render_cell.
            var typedForExtra = RenderedCells.Wanted(datasette, database, table: null) && ExtraRegistry.Asks(request.Args, ExtraScopes.Query, Extra.RenderCell);
            try
            {
                written = QueryRunner.Run(database, sql, parameters, timeLimit, reader =>
                {
                    var names = RowJson.ColumnNames(reader);
                    var options = new RowJsonOptions(names, shape == RowShape.Object ? RowShape.Objects : shape, QueryArgs.IsTruthy(request.Args.Get("_json_infinity")), jsonColumns);
                    var limit = datasette.Settings.MaxReturnedRows;
                    if (format is null)
                    {
                        var page = PageRows.Read(reader, options, limit, labelOrdinals: []);
                        return new QueryRows(null, page.Result, names, page.Rows);
                    }
                    var typed = typedForExtra ? new List<PageCell[]>() : null;
                    return new QueryRows(rows, RowJson.Write(rows.Writer, reader, options, limit, typed), names, typed);
                });
            }
            catch (SqlErrorException error)
            {
                sqlError = error.Message;
            }
        }
        // The HTML page has no extras of its own to reject; data formats reject unknown ones.
        var extras = ExtraRegistry.Parse(request.Args, ExtraScopes.Query, rejectUnknown: format is not null);
        if (sqlError is null && format is not null)
        {
            if (RowShapes.TryParse(requestedShape) is null)
            {
                throw RowShapes.Invalid(requestedShape);
            }
            if (shape == RowShape.Object)
            {
                throw DatasetteHttpException.BadRequest("_shape=object is only available on tables");
            }
            if (shape.IsBare() && written is not null)
            {
                if (storedQuery is not null)
                {
                    Caching.Apply(request, datasette.Settings.DefaultCacheTtl);
                }
                await NdJson.SendOrJsonAsync(request, written.Json!).ConfigureAwait(false);
                return;
            }
        }
        await SendAsync(request, datasette, database, sql, parameters, storedQuery, written, extras, sqlError).ConfigureAwait(false);
    }

    /// <summary>A plugin's format: the renderer gets the rows (up to max_returned_rows) or the query's error.</summary>
    private static async Task RenderAsync(DatasetteRequest request, Datasette datasette, Database database, string? sql, Dictionary<string, object?> parameters,
        StoredQuery? storedQuery, string? sqlError, OutputRenderer renderer)
    {
        if (string.IsNullOrEmpty(sql))
        {
            throw DatasetteHttpException.BadRequest("?sql= is required");
        }
        List<string> columns = [];
        List<object?[]> rows = [];
        var truncated = false;
        if (sqlError is null)
        {
            try
            {
                (columns, rows, truncated) = OutputRendering.Read(database, sql, parameters, request.SqlTimeLimitMs, datasette.Settings.MaxReturnedRows);
            }
            catch (SqlErrorException error)
            {
                sqlError = error.Message;
            }
        }
        if (storedQuery is not null && sqlError is null)
        {
            Caching.Apply(request, datasette.Settings.DefaultCacheTtl);
        }
        await OutputRendering.SendAsync(renderer, RenderContext(request, datasette, database, sql, storedQuery, columns, rows, truncated, sqlError)).ConfigureAwait(false);
    }

    /// <summary>What a plugin's renderer sees of this query, in render_output and can_render alike.</summary>
    private static OutputRenderContext RenderContext(DatasetteRequest request, Datasette datasette, Database database, string sql, StoredQuery? storedQuery,
        IReadOnlyList<string> columns, IReadOnlyList<object?[]> rows, bool truncated, string? error) => new()
        {
            Datasette = datasette,
            Request = request,
            Columns = columns,
            Rows = rows,
            Sql = sql,
            QueryName = storedQuery?.Name,
            Database = database.Name,
            ViewName = "database",
            Error = error,
            Truncated = truncated,
        };

    /// <summary>Runs a query only for the errors it may raise (at most <paramref name="maxRows"/> rows are stepped through).</summary>
    private static void RunDiscarding(Database database, string sql, Dictionary<string, object?> parameters, int timeLimit, int maxRows)
    {
        try
        {
            QueryRunner.Run(database, sql, parameters, timeLimit, reader =>
            {
                for (var i = 0; i <= maxRows && reader.Read(); i++)
                {
                }
                return 0;
            });
        }
        catch (SqlErrorException)
        {
            // Datasette keeps a SQL error for the page it would render; it never gets that far here.
        }
    }

    private static async Task SendAsync(DatasetteRequest request, Datasette datasette, Database database, string sql, Dictionary<string, object?> parameters,
        StoredQuery? storedQuery, QueryRows? rows, ExtraSet extras, string? error)
    {
        if (storedQuery is not null && error is null)
        {
            Caching.Apply(request, datasette.Settings.DefaultCacheTtl);
        }
        if (request.Format is null)
        {
            // Datasette's HTML query page shows a SQL error inside the page, with status 200.
            await SendHtmlAsync(request, datasette, database, sql, parameters, storedQuery, rows, error).ConfigureAwait(false);
            return;
        }
        var resolved = ExtraRegistry.Resolve(extras, ExtraScopes.Query);
        var rendered = rows?.Typed is { } typed && resolved.Has(Extra.RenderCell)
            ? await RenderedCells.RenderForExtraAsync(request, datasette, database, null, [], rows.Columns, typed).ConfigureAwait(false)
            : null;
        using var body = new JsonBody();
        var writer = body.Writer;
        writer.WriteStartObject();
        writer.WriteBoolean("ok", error is null);
        writer.WritePropertyName("rows");
        if (rows?.Json is { } json)
        {
            writer.WriteRawValue(json.WrittenMemory.Span, skipInputValidation: true);
        }
        else
        {
            writer.WriteStartArray();
            writer.WriteEndArray();
        }
        if (!resolved.IsEmpty)
        {
            ExtraWriter<QueryExtraContext>.WriteAll(writer, QueryExtras.Writers, resolved,
                new QueryExtraContext(request, datasette, database, sql, parameters, storedQuery, rows, extras, rendered));
        }
        if (error is not null)
        {
            // renderer.py: data.update(error_body(error, 400)), so "ok" keeps its place at the top.
            Responses.WriteErrorFields(writer, 400, error);
        }
        writer.WriteBoolean("truncated", rows?.Result.HasMore ?? false);
        writer.WriteEndObject();
        await body.SendAsync(request.Context, error is null ? 200 : 400).ConfigureAwait(false);
    }

    private static async Task SendHtmlAsync(DatasetteRequest request, Datasette datasette, Database database, string sql, Dictionary<string, object?> parameters,
        StoredQuery? storedQuery, QueryRows? rows, string? error)
    {
        var formats = rows is null || error is not null || datasette.OutputRenderers.Count == 0
            ? Array.Empty<string>()
            : await LinkedFormatsAsync(request, datasette, database, sql, parameters, storedQuery).ConfigureAwait(false);
        await QueryHtml.SendAsync(request, datasette, database, sql, parameters, storedQuery, error is null ? rows : null, error, formats).ConfigureAwait(false);
    }

    /// <summary>
    /// The plugin formats a query with results links to; can_render sees its rows (read again, only
    /// when a renderer asks). A method of its own so the page without renderers allocates no closure.
    /// </summary>
    private static ValueTask<IReadOnlyList<string>> LinkedFormatsAsync(DatasetteRequest request, Datasette datasette, Database database, string sql,
        Dictionary<string, object?> parameters, StoredQuery? storedQuery) =>
            OutputRendering.LinkableAsync(datasette, () =>
            {
                var (columns, read, truncated) = OutputRendering.Read(database, sql, parameters, request.SqlTimeLimitMs, datasette.Settings.MaxReturnedRows);
                return RenderContext(request, datasette, database, sql, storedQuery, columns, read, truncated, error: null);
            });

}
