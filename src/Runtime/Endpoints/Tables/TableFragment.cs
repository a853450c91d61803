using Datasette.Gen.Configuration.UrlEncoding;
using Datasette.Gen.Runtime.Endpoints.Pages;
using Datasette.Gen.Runtime.Errors;
using Datasette.Gen.Runtime.Html;
using Datasette.Gen.Runtime.Html.Pages;
using Datasette.Gen.Runtime.Http;
using Datasette.Gen.Runtime.Querying;

namespace Datasette.Gen.Runtime.Endpoints.Tables;

/// <summary>
/// <c>GET /{db}/{table}/-/fragment</c> (routes.md §13): the table page's rows table alone, for the
/// editing scripts to swap in after a write. Same arguments, query and cell rendering as the page
/// (labels expanded); <c>_row=</c> narrows it to one row by its key path.
/// </summary>
internal static class TableFragment
{
    /// <summary>Arguments that make no sense for one row, replaced by the fixed ones below.</summary>
    private static readonly string[] RowDropped = ["_row", "_next", "_nocount", "_nofacet", "_nosuggest"];

    public static async Task HandleAsync(DatasetteRequest request, Datasette datasette)
    {
        var database = datasette.ResolveDatabase(request);
        await datasette.RefreshCatalogAsync().ConfigureAwait(false);
        var table = database.Schema.Find(request.Route("table") ?? "") ?? throw DatasetteHttpException.NotFound("Table not found");
        if (!request.Allowed("view-table", database.Name, table.Name))
        {
            throw DatasetteHttpException.Forbidden("You do not have permission to view this table");
        }
        var args = ArgsFor(request.Args, table);
        var context = (await TablePage.QueryContextAsync(request, datasette, database.Name, table.Name).ConfigureAwait(false)) with { Args = args };
        var config = datasette.Config.Table(database.Name, table.Name);
        var query = TableQuery.Build(context, database, table, config);
        var timeLimit = request.SqlTimeLimitMs;
        var rows = TableView.ReadRows(context, datasette, database, table, query, timeLimit).Rows;
        // The same cells as the page: plugins' render_cell too.
        var rendered = await RenderedCells.RenderAsync(request, datasette, database, table.Name, RenderedCells.PksForDisplay(table), query.OutputColumns,
            rows, emptyIsDefault: true).ConfigureAwait(false);
        var model = TableHtml.Rows(request, args, datasette, database, table, query, TableColumnPieces.For(datasette, database, table, config, query.OutputColumns),
            datasette.Internal.Metadata.ColumnDescriptions(database.Name, table.Name), rows, rendered);
        await HtmlResponse.SendAsync(request.Context, HtmlSlices.TableRows(model, datasette.Templates, database.Name, table.Name, PageChromes.ShowContext(request, datasette))).ConfigureAwait(false);
    }

    /// <summary>
    /// The request's arguments, with <c>_row</c> turned into exact filters on the key columns (as
    /// Datasette does): other filters on those columns, pagination, counts, facets and suggestions dropped.
    /// </summary>
    internal static QueryArgs ArgsFor(QueryArgs args, Data.TableInfo table)
    {
        if (args.Get("_row") is not { Length: > 0 } rowPath)
        {
            return args;
        }
        if (table.IsView)
        {
            throw DatasetteHttpException.BadRequest("_row is not supported for views");
        }
        var keys = table.KeyColumns;
        var values = rowPath.Split(',').Select(TildeEncoding.Decode).ToList();
        if (values.Count != keys.Count)
        {
            throw DatasetteHttpException.BadRequest("_row does not match the primary key for this table");
        }
        var keyFilters = keys.SelectMany(k => new[] { ExactKey(k), k + "__exact" }).ToHashSet(StringComparer.Ordinal);
        var pairs = args.Pairs.Where(p => !RowDropped.Contains(p.Key) && !keyFilters.Contains(p.Key)).ToList();
        pairs.AddRange(keys.Select((k, i) => new KeyValuePair<string, string>(ExactKey(k), values[i])));
        pairs.Add(new("_nocount", "1"));
        pairs.Add(new("_nofacet", "1"));
        pairs.Add(new("_nosuggest", "1"));
        return new QueryArgs(pairs);
    }

    /// <summary>A bare <c>col=value</c> filter, unless the name starts with "_", which would read as a special argument.</summary>
    private static string ExactKey(string column) => column.StartsWith('_') ? column + "__exact" : column;
}
