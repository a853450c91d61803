using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using Datasette.Gen.Runtime.Data;
using Datasette.Gen.Runtime.Endpoints.Pages;
using Datasette.Gen.Runtime.Html;
using Datasette.Gen.Runtime.Html.Pages;
using Datasette.Gen.Runtime.Http;
using Datasette.Gen.Runtime.Json;

namespace Datasette.Gen.Runtime.Endpoints.Rows;

/// <summary>
/// The row page's HTML (html-ui.md §5), from the row's typed cells: primary-key columns first and bold,
/// cells never truncated, no sort links, then the incoming foreign keys with their counts.
/// </summary>
internal static class RowHtml
{
    /// <summary><paramref name="row"/> is the row's cells in <paramref name="names"/> order (the query's columns).</summary>
    public static async Task SendAsync(DatasetteRequest request, Datasette datasette, Database database, TableInfo table, IReadOnlyList<string> keys, string[] values,
        IReadOnlyList<string> names, PageCell[] row, IReadOnlyList<RowView.IncomingRows> incomingRows)
    {
        var tableUrl = (string)datasette.Urls.Table(database, table.Name);
        // Keys first; a name repeated by the query is shown once, as the row's JSON object holds it (its last value).
        var distinct = names.Distinct().ToList();
        var columns = distinct.Where(keys.Contains).Concat(distinct.Where(c => !keys.Contains(c))).ToList();
        var typed = columns.Select(c => row[LastIndexOf(names, c)]).ToArray();
        var rendered = await RenderedCells.RenderAsync(request, datasette, database, table.Name, RenderedCells.PksForDisplay(table), columns,
            [typed], emptyIsDefault: true).ConfigureAwait(false);
        var rowPath = string.Join(",", values.Select(Configuration.UrlEncoding.TildeEncoding.Encode));
        var foreignTables = table.Outgoing.GroupBy(f => f.Column).ToDictionary(g => g.Key, g => (string)datasette.Urls.Table(database, g.First().OtherTable));
        var headers = columns.Select(column =>
        {
            var info = table.Columns.FirstOrDefault(c => c.Name == column);
            return new HeaderCell(column, "col-" + CssClass.Sanitise(column), info?.Type.ToLowerInvariant(), info?.NotNull ?? false, keys.Contains(column), false, null, null, null);
        }).ToList();
        var cells = columns.Select((column, i) =>
        {
            var value = typed[i];
            var links = new CellHtml.Links(tableUrl + "/" + rowPath + ".blob?_blob_column=" + QueryArgs.QuotePlus(column), foreignTables.GetValueOrDefault(column));
            var html = rendered?.Get(0, i) ?? CellHtml.Render(value, links, 0);
            var isKey = keys.Contains(column);
            return new Cell("col-" + CssClass.Sanitise(column) + " type-" + (isKey ? "pk" : CellHtml.TypeOf(value)), column, isKey ? "<strong>" + html + "</strong>" : html);
        }).ToList();
        var incoming = incomingRows.Select(fk =>
            new LinkItem($"{CellHtml.Thousands(fk.Count)} row{(fk.Count == 1 ? "" : "s")} from {fk.OtherColumn} in {fk.OtherTable}", fk.Link)).ToList();
        var heading = $"{table.Name}: {string.Join(", ", values)}";
        var model = new RowPageModel
        {
            Chrome = PageChromes.Build(request, datasette, $"{database.Name}: {heading}", PageChromes.BodyClass("row", database.Name, table.Name),
                Templates.Row(database.Name, table.Name), database.Name, table.Name,
                plugins: datasette.Plugins.HasPageHooks
                    ? new PluginPageView("row", columns, TopSlot.Row, datasette.Plugins.TopRow.Count > 0 ? PageCellJson.ToObject(names, row) : null)
                    : null,
                actions: ActionMenus.Row(request, datasette, database, table, names, row)),
            Heading = heading,
            IsPrivate = request.IsPrivate("view-table", database.Name, table.Name),
            JsonUrl = HtmlPages.AlternateJsonUrl(request),
            Row = new RowsTable { Headers = headers, Rows = [new RowCells(rowPath, cells)] },
            IncomingLinks = incoming,
        };
        await HtmlResponse.SendAsync(request.Context, HtmlSlices.Row(model)).ConfigureAwait(false);
    }

    private static int LastIndexOf(IReadOnlyList<string> names, string name)
    {
        for (var i = names.Count - 1; i >= 0; i--)
        {
            if (names[i] == name)
            {
                return i;
            }
        }
        return -1;
    }
}
