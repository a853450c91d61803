using System.Text.Json;
using Datasette.Gen.Runtime.Data;
using Datasette.Gen.Runtime.Endpoints.Blobs;
using Datasette.Gen.Runtime.Endpoints.Queries;
using Datasette.Gen.Runtime.Endpoints.Renderers;
using Datasette.Gen.Runtime.Endpoints.Rows;
using Datasette.Gen.Runtime.Errors;
using Datasette.Gen.Runtime.Extras;
using Datasette.Gen.Runtime.Http;
using Datasette.Gen.Runtime.Json;
using Datasette.Gen.Runtime.Plugins;
using Datasette.Gen.Runtime.Querying;
using Datasette.Gen.Runtime.Sql;

namespace Datasette.Gen.Runtime.Endpoints.Tables;

/// <summary>
/// The table and view endpoint <c>/{db}/{table}(.json|.csv)</c>; a name that is not a table or
/// view but is a stored query is served as that query.
/// </summary>
internal static class TableView
{
    public static async Task HandleAsync(DatasetteRequest request, Datasette datasette)
    {
        var database = datasette.ResolveDatabase(request);
        var name = request.Route("table") ?? "";
        await datasette.RefreshCatalogAsync().ConfigureAwait(false);
        var table = database.Schema.Find(name);
        if (table is null)
        {
            var stored = datasette.Internal.Queries.Get(database.Name, name) ?? throw DatasetteHttpException.NotFound("Table not found");
            await (Microsoft.AspNetCore.Http.HttpMethods.IsPost(request.Method)
                ? WriteQueryView.PostAsync(request, datasette, database, stored)
                : QueryView.StoredAsync(request, datasette, database, stored)).ConfigureAwait(false);
            return;
        }
        if (Microsoft.AspNetCore.Http.HttpMethods.IsPost(request.Method))
        {
            throw new DatasetteHttpException(405, "Method not allowed");
        }
        var format = request.Format;
        if (!request.Allowed("view-table", database.Name, table.Name))
        {
            throw DatasetteHttpException.Forbidden("You do not have permission to view this table");
        }
        if (FilterRedirect.Location(request) is { } location)
        {
            request.Context.Response.Headers.Link = HeaderValues.Link(location, "rel=preload");
            await Responses.RedirectAsync(request.Context, location).ConfigureAwait(false);
            return;
        }

        var config = datasette.Config.Table(database.Name, table.Name);
        // Datasette's HTML page ignores _shape; its JSON renderer rejects a bad one only once the page is ready.
        var shape = format switch
        {
            "json" => RowShapes.TryParse(request.Args.Get("_shape")) ?? RowShape.Objects,
            "csv" => RowShape.Arrays,
            _ => RowShape.Objects,
        };
        var timeLimit = request.SqlTimeLimitMs;
        if (table.Columns.Count == 0)
        {
            // A view over a dropped table lists without columns; using it is SQLite's error, worded as Datasette
            // reports it (there a 500, from reading the columns), rather than the syntax error of a select with none.
            QueryRunner.Run(database, $"select * from {SqlIdentifier.Escape(table.Name)} limit 0", null, timeLimit, _ => 0);
        }
        var context = await TablePage.QueryContextAsync(request, datasette, database.Name, table.Name).ConfigureAwait(false);
        var query = TableQuery.Build(context, database, table, config);
        if (format is not null && datasette.OutputRenderers.TryGetValue(format, out var renderer))
        {
            await RenderAsync(request, datasette, database, table, query, renderer, timeLimit).ConfigureAwait(false);
            return;
        }
        if (format is null)
        {
            await HtmlAsync(request, datasette, context, database, table, config, query, timeLimit).ConfigureAwait(false);
            return;
        }
        var expanded = ExpandLabels(context, database, table, query, timeLimit, defaultOn: false);

        if (format is "csv" or "blob")
        {
            CheckExtrasAndFacets(request, datasette, format);
            await (format == "csv"
                ? TableCsv.SendAsync(request, datasette, context, database, table, query, expanded, timeLimit)
                : BlobView.TableAsync(request, database, table.Name, query.PageSql, query.Parameters, timeLimit)).ConfigureAwait(false);
            return;
        }

        using var rows = new JsonBody();
        // render_cell hands plugins the values: keep them typed from the same reading, only when it can render anything.
        var typed = !shape.IsBare() && Pages.RenderedCells.Wanted(datasette, database, table.Name) && ExtraRegistry.Asks(request.Args, ExtraScopes.Table, Extra.RenderCell)
            ? new List<PageCell[]>()
            : null;
        // rows keyed by primary key need one; without, _shape=object is refused below, once the query has run
        var result = WriteRows(rows, datasette, database, table, query, expanded,
            shape == RowShape.Object && table.PrimaryKeys.Count == 0 ? RowShape.Objects : shape,
            QueryArgs.IsTruthy(request.Args.Get("_json_infinity")), timeLimit, typed);

        var extras = CheckExtrasAndFacets(request, datasette, format);
        if (format == "json")
        {
            var requestedShape = request.Args.Get("_shape");
            if (RowShapes.TryParse(requestedShape) is null)
            {
                throw RowShapes.Invalid(requestedShape);
            }
            if (shape == RowShape.Object && table.PrimaryKeys.Count == 0)
            {
                throw DatasetteHttpException.BadRequest("_shape=object not available for tables with no primary keys");
            }
        }

        string? next = null;
        if (result.HasMore && query.PageSize > 0)
        {
            next = table.IsView
                ? (query.Offset + query.PageSize).ToString(System.Globalization.CultureInfo.InvariantCulture)
                : Keyset.Token(table, query.SortColumn, result.LastKey, result.LastSortValue);
        }
        var nextUrl = next is null ? null : NextUrl(request, query, next);
        Caching.Apply(request, datasette.Settings.DefaultCacheTtl);
        if (nextUrl is not null)
        {
            request.Context.Response.Headers.Link = HeaderValues.Link(nextUrl, "rel=\"next\"");
        }
        if (format == "json" && shape.IsBare())
        {
            await NdJson.SendOrJsonAsync(request, rows).ConfigureAwait(false);
            return;
        }

        var page = new TablePage(request, datasette, context, database, table, config, query, extras.Requested, extras.Resolved, result.Count)
        {
            PluginFormats = extras.Resolved.Has(Extra.Renderers)
                ? await LinkedFormatsAsync(request, datasette, database, table, query, timeLimit).ConfigureAwait(false)
                : Array.Empty<string>(),
            RenderedCells = typed is not null && extras.Resolved.Has(Extra.RenderCell)
                ? await Pages.RenderedCells.RenderForExtraAsync(request, datasette, database, table.Name, Pages.RenderedCells.PksForDisplay(table), query.OutputColumns, typed).ConfigureAwait(false)
                : null,
        };
        using var body = new JsonBody();
        var writer = body.Writer;
        writer.WriteStartObject();
        writer.WriteBoolean("ok", true);
        writer.WriteString("next", next);
        writer.WriteString("next_url", nextUrl);
        writer.WritePropertyName("rows");
        writer.WriteRawValue(rows.WrittenMemory.Span, skipInputValidation: true);
        TableExtras.Write(writer, page);
        writer.WriteBoolean("truncated", false);
        writer.WriteEndObject();
        if (format != "json")
        {
            // Only once the page is built: Datasette checks the format after the page's data, so every other error wins.
            throw DatasetteHttpException.InvalidFormat(format);
        }
        await body.SendAsync(request.Context).ConfigureAwait(false);
    }

    /// <summary>
    /// The HTML page: the same steps as the JSON page, in the same order (so the same error wins), but its rows are
    /// kept typed (<see cref="ReadRows"/>) and the extras are read from the values their JSON is written from: no
    /// JSON is made for it.
    /// </summary>
    private static async Task HtmlAsync(DatasetteRequest request, Datasette datasette, QueryContext context, Database database, TableInfo table,
        Configuration.Model.TableConfig? config, TableQuery query, int timeLimit)
    {
        var rows = ReadRows(context, datasette, database, table, query, timeLimit);
        var extras = CheckExtrasAndFacets(request, datasette, format: null);
        var result = rows.Result;
        string? nextUrl = null;
        if (result.HasMore && query.PageSize > 0)
        {
            var next = table.IsView
                ? (query.Offset + query.PageSize).ToString(System.Globalization.CultureInfo.InvariantCulture)
                : Keyset.Token(table, query.SortColumn, result.LastKey, result.LastSortValue);
            nextUrl = NextUrl(request, query, next);
        }
        Caching.Apply(request, datasette.Settings.DefaultCacheTtl);
        if (nextUrl is not null)
        {
            request.Context.Response.Headers.Link = HeaderValues.Link(nextUrl, "rel=\"next\"");
        }
        var page = new TablePage(request, datasette, context, database, table, config, query, extras.Requested, extras.Resolved, result.Count)
        {
            PluginFormats = await LinkedFormatsAsync(request, datasette, database, table, query, timeLimit).ConfigureAwait(false),
        };
        await TableHtml.SendAsync(new TableExtraContext(page), rows.Rows, nextUrl).ConfigureAwait(false);
    }

    /// <summary>A plugin's format (register_output_renderer): the renderer gets this page's rows and columns.</summary>
    private static async Task RenderAsync(DatasetteRequest request, Datasette datasette, Database database, TableInfo table, TableQuery query,
        OutputRenderer renderer, int timeLimit)
    {
        var context = RenderContext(request, datasette, database, table, query, timeLimit);
        Caching.Apply(request, datasette.Settings.DefaultCacheTtl);
        await OutputRendering.SendAsync(renderer, context).ConfigureAwait(false);
    }

    /// <summary>The plugin formats this page links to; without renderers, no closure and no allocation.</summary>
    private static ValueTask<IReadOnlyList<string>> LinkedFormatsAsync(DatasetteRequest request, Datasette datasette, Database database, TableInfo table,
        TableQuery query, int timeLimit) =>
        datasette.OutputRenderers.Count == 0
            ? new(Array.Empty<string>())
            : OutputRendering.LinkableAsync(datasette, () => RenderContext(request, datasette, database, table, query, timeLimit));

    /// <summary>What a renderer (or its can_render) is given for this page: its rows, as the page shows them.</summary>
    private static OutputRenderContext RenderContext(DatasetteRequest request, Datasette datasette, Database database, TableInfo table, TableQuery query, int timeLimit)
    {
        var (columns, rows, _) = OutputRendering.Read(database, query.PageSql, query.Parameters, timeLimit, query.PageSize, query.OutputColumns.Count);
        return new OutputRenderContext
        {
            Datasette = datasette,
            Request = request,
            Columns = columns,
            Rows = rows,
            Sql = query.PageSql,
            Database = database.Name,
            Table = table.Name,
            ViewName = "table",
        };
    }

    /// <summary>
    /// The extras the page shows, then the facet switch: Datasette checks both after running the
    /// page's query. Its HTML page ignores unknown extras; every data format rejects them.
    /// </summary>
    private static (ExtraSet Requested, ExtraSet Resolved) CheckExtrasAndFacets(DatasetteRequest request, Datasette datasette, string? format)
    {
        var requested = ExtraRegistry.Parse(request.Args, ExtraScopes.Table, rejectUnknown: format is not null);
        var facetArguments = Facets.HasFacetArguments(request.Args);
        if (!datasette.Settings.AllowFacet && facetArguments)
        {
            throw DatasetteHttpException.BadRequest("_facet= is not allowed");
        }
        if (format == "csv")
        {
            return (ExtraSet.None, ExtraSet.None);
        }
        // A _facet= argument shows facet_results unasked, as Datasette's table page does.
        var resolved = ExtraRegistry.Resolve(requested, ExtraScopes.Table);
        return (requested, facetArguments ? resolved.With(Extra.FacetResults) : resolved);
    }

    /// <summary>Runs the page's query, writing its rows as JSON (and keeping them as <paramref name="typed"/> cells too, when given).</summary>
    private static RowJsonResult WriteRows(JsonBody rows, Datasette datasette, Database database, TableInfo table, TableQuery query,
        List<ExpandedColumn> expanded, RowShape shape, bool jsonInfinity, int timeLimit, List<PageCell[]>? typed)
    {
        var options = Options(datasette, database, table, query, expanded, shape, jsonInfinity);
        return QueryRunner.Run(database, query.PageSql, query.Parameters, timeLimit,
            reader => RowJson.Write(rows.Writer, reader, options, query.PageSize, typed));
    }

    private static RowJsonOptions Options(Datasette datasette, Database database, TableInfo table, TableQuery query,
        List<ExpandedColumn> expanded, RowShape shape, bool jsonInfinity) => new(
            query.OutputColumns,
            shape,
            jsonInfinity,
            JsonColumns: null,
            KeyOrdinals: table.IsView ? null : table.KeyColumns.Select(k => IndexOf(query.SelectColumns, k)).ToArray(),
            SortOrdinal: query.SortColumn is null ? -1 : IndexOf(query.SelectColumns, query.SortColumn),
            Labels: expanded.Count == 0 ? null : expanded.ToDictionary(e => IndexOf(query.OutputColumns, e.Column), e => e.Labels),
            Transforms: datasette.ValueTransforms(database, table.Name, query.OutputColumns));

    /// <summary>
    /// Runs the page's query keeping its rows typed, for the HTML pages (the page and its <c>/-/fragment</c>): the cells
    /// <see cref="WriteRows"/> would write, labels included (expanded by default, as the HTML page does). The labels
    /// are looked up from the rows read, not by running the page's query a second time for its distinct values.
    /// </summary>
    internal static PageRows ReadRows(QueryContext context, Datasette datasette, Database database, TableInfo table, TableQuery query, int timeLimit)
    {
        var keys = ForeignKeyLabels.Requested(context.Args, table, defaultOn: true).Where(k => query.OutputColumns.Contains(k.Column)).ToList();
        var labelOrdinals = keys.Select(k => IndexOf(query.OutputColumns, k.Column)).ToArray();
        var options = Options(datasette, database, table, query, [], RowShape.Objects, jsonInfinity: false);
        var rows = QueryRunner.Run(database, query.PageSql, query.Parameters, timeLimit,
            reader => PageRows.Read(reader, options, query.PageSize, labelOrdinals));
        if (keys.Count == 0)
        {
            return rows;
        }
        var distinct = new Dictionary<string, List<object>>(StringComparer.Ordinal);
        for (var k = 0; k < keys.Count; k++)
        {
            var seen = new HashSet<string>(StringComparer.Ordinal);
            var values = new List<object>();
            foreach (var raw in rows.RawKeys)
            {
                if (raw[k] is { } value && seen.Add(CellValues.Key(value)))
                {
                    values.Add(value);
                }
            }
            distinct[keys[k].Column] = values;
        }
        foreach (var column in ForeignKeyLabels.Lookup(context, database, keys, distinct))
        {
            var k = keys.FindIndex(key => key.Column == column.Column);
            var ordinal = labelOrdinals[k];
            for (var r = 0; r < rows.Rows.Count; r++)
            {
                if (rows.RawKeys[r][k] is { } value && column.Labels.TryGetValue(CellValues.Key(value), out var label))
                {
                    rows.Rows[r][ordinal] = new PageCell(value, label);
                }
            }
        }
        return rows;
    }

    /// <summary>Looks up labels for the foreign keys the request expands, over the values on this page.</summary>
    internal static List<ExpandedColumn> ExpandLabels(QueryContext context, Database database, TableInfo table, TableQuery query, int timeLimit, bool defaultOn)
    {
        var keys = ForeignKeyLabels.Requested(context.Args, table, defaultOn).Where(k => query.OutputColumns.Contains(k.Column)).ToList();
        if (keys.Count == 0)
        {
            return new List<ExpandedColumn>();
        }
        var values = ForeignKeyLabels.DistinctValues(database, query.PageSql, query.Parameters, keys.Select(k => k.Column).ToList(), timeLimit);
        return ForeignKeyLabels.Lookup(context, database, keys, values);
    }

    /// <summary>The current URL with _next replaced and the active sort re-stated, absolute.</summary>
    private static string NextUrl(DatasetteRequest request, TableQuery query, string next)
    {
        var append = new List<KeyValuePair<string, string>> { new("_next", next) };
        if (query.SortColumn is not null && query.SortFromRequest)
        {
            append.Add(new(query.SortDescending ? "_sort_desc" : "_sort", query.SortColumn));
        }
        return request.Origin + request.RawPath + request.Args.ToQueryString(new[] { "_next", "_sort", "_sort_desc" }, append);
    }

    internal static int IndexOf(IReadOnlyList<string> columns, string name)
    {
        for (var i = 0; i < columns.Count; i++)
        {
            if (columns[i] == name)
            {
                return i;
            }
        }
        return -1;
    }
}
