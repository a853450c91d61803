using System.Globalization;
using System.Net;
using System.Text.Json;
using Datasette.Gen.Runtime.Data;
using Datasette.Gen.Runtime.Endpoints.Pages;
using Datasette.Gen.Runtime.Html;
using Datasette.Gen.Runtime.Html.Pages;
using Datasette.Gen.Runtime.Http;
using Datasette.Gen.Runtime.Internal;
using Datasette.Gen.Runtime.Json;

namespace Datasette.Gen.Runtime.Endpoints.Queries;

/// <summary>
/// The query page's HTML (html-ui.md §6), from the page's JSON: the SQL form (editable for
/// arbitrary SQL, read-only for a stored query), parameters, a SQL error in the page with status
/// 200, and the results.
/// </summary>
internal static class QueryHtml
{
    /// <summary><paramref name="results"/> are the query's typed rows, null when it has none to show (no SQL, an error, a write query).</summary>
    public static async Task SendAsync(DatasetteRequest request, Datasette datasette, Database database, string? sql, Dictionary<string, object?> parameters,
        StoredQuery? stored, QueryView.QueryRows? results, string? error, IReadOnlyList<string> pluginFormats)
    {
        var columns = results?.Columns;
        var args = request.Args;
        var databaseUrl = (string)datasette.Urls.Database(database);
        var path = stored is null ? databaseUrl + "/-/query" : (string)datasette.Urls.Query(database, stored.Name);
        var hidden = stored is not null
            ? stored.HideSql && !QueryArgs.IsTruthy(args.Get("_show_sql"))
            : QueryArgs.IsTruthy(args.Get("_hide_sql"));
        var toggle = stored is not null
            ? (stored.HideSql
                ? new LinkItem(hidden ? "show" : "hide", path + args.ToQueryString(["_show_sql"], hidden ? [new("_show_sql", "1")] : []))
                : null)
            : new LinkItem(hidden ? "show" : "hide", path + args.ToQueryString(["_hide_sql"], hidden ? [] : [new("_hide_sql", "1")]));
        RowsTable? rows = null;
        string? resultHeading = null;
        var exports = new List<LinkItem>();
        if (!string.IsNullOrEmpty(sql) && error is null && results is { Typed: { } typed } && columns is not null)
        {
            var truncated = results.Result.HasMore;
            var count = typed.Count;
            resultHeading = $"Custom SQL query returning {(truncated ? "more than " : "")}{CellHtml.Thousands(count)} row{(count == 1 ? "" : "s")}";
            var rendered = await RenderedCells.RenderAsync(request, datasette, database, null, [], columns, typed, emptyIsDefault: false).ConfigureAwait(false);
            rows = Rows(datasette, columns, typed, rendered);
            exports.Add(new LinkItem("json", DatasetteUrls.WithFormat(path, "json") + args.ToQueryString()));
            exports.AddRange(pluginFormats.Select(f => new LinkItem(f, DatasetteUrls.WithFormat(path, f) + args.ToQueryString())));
            exports.Add(new LinkItem("CSV", DatasetteUrls.WithFormat(path, "csv") + args.ToQueryString(["_size"], [new("_size", "max")])));
        }
        var named = parameters.Where(p => !p.Key.StartsWith('_')).Select(p => new KeyValuePair<string, string>(p.Key, Convert.ToString(p.Value, CultureInfo.InvariantCulture) ?? "")).ToList();
        var title = stored is null ? database.Name : string.IsNullOrEmpty(stored.Title) ? $"{database.Name}: {stored.Name}" : stored.Title;
        var model = new QueryPageModel
        {
            Chrome = PageChromes.Build(request, datasette, stored is null ? $"{database.Name}: {sql}" : title,
                stored is null ? PageChromes.BodyClass("query", database.Name) : PageChromes.BodyClass("query", database.Name) + " query-" + CssClass.Sanitise(stored.Name),
                Templates.Query(database.Name, stored?.Name), database.Name,
                // Datasette names the query view "database", stored or not.
                plugins: new PluginPageView("database", columns, stored is null ? TopSlot.Query : TopSlot.StoredQuery, Sql: sql, QueryName: stored?.Name),
                actions: ActionMenus.Query(request, datasette, database, stored?.Name, sql ?? "", parameters)),
            Heading = title,
            QueryName = stored?.Name,
            DescriptionHtml = stored is null ? null : DescriptionHtml(stored),
            FormMethod = stored?.IsWrite == true ? "post" : "get",
            FormAction = path,
            Sql = sql ?? "",
            IsStored = stored is not null,
            ShowSql = !hidden,
            SqlToggle = toggle,
            Error = error,
            Parameters = named,
            ResultHeading = resultHeading,
            CannotRun = stored?.IsWrite == true && !database.IsMutable ? "This query cannot be executed because the database is immutable." : null,
            Exports = exports,
            Rows = rows,
            SaveQueryUrl = stored is null && CanSave(request, database, sql) ? databaseUrl + "/-/queries/store?sql=" + QueryArgs.QuotePlus(sql!) : null,
        };
        await HtmlResponse.SendAsync(request.Context, HtmlSlices.Query(model)).ConfigureAwait(false);
    }

    /// <summary>Arbitrary SQL the actor could store: it passes the read-only validator and uses no magic parameter.</summary>
    private static bool CanSave(DatasetteRequest request, Database database, string? sql)
    {
        if (string.IsNullOrWhiteSpace(sql) || sql.Contains(":_", StringComparison.Ordinal)
            || !request.Allowed("execute-sql", database.Name) || !request.Allowed("store-query", database.Name))
        {
            return false;
        }
        try
        {
            Sql.ReadOnlySql.Validate(sql);
            return true;
        }
        catch (Errors.DatasetteHttpException)
        {
            return false;
        }
    }

    /// <summary>
    /// description_html is markup only from the deployment's configuration or a query marked
    /// trusted; a user's stored query could otherwise put script on the page, so its HTML is shown
    /// as text.
    /// </summary>
    internal static string? DescriptionHtml(StoredQuery stored)
    {
        var trusted = stored.Source == "config" || stored.IsTrusted;
        if (stored.DescriptionHtml is { } html)
        {
            return trusted ? html : WebUtility.HtmlEncode(html);
        }
        return stored.Description is { } text ? WebUtility.HtmlEncode(text) : null;
    }

    private static RowsTable Rows(Datasette datasette, IReadOnlyList<string> columns, List<PageCell[]> rows, RenderedCells? rendered)
    {
        var classes = columns.Select(c => "col-" + CssClass.Sanitise(c)).ToArray();
        var headers = columns.Select((c, i) => new HeaderCell(c, classes[i], null, false, false, false, null, null, null)).ToList();
        var truncate = datasette.Settings.TruncateCellsHtml;
        var result = new List<RowCells>();
        var rowIndex = 0;
        foreach (var row in rows)
        {
            var cells = new List<Cell>(columns.Count);
            for (var i = 0; i < columns.Count; i++)
            {
                var value = row[i];
                cells.Add(new Cell(classes[i] + " type-" + CellHtml.TypeOf(value), columns[i], rendered?.Get(rowIndex, i) ?? CellHtml.Render(value, default, truncate)));
            }
            result.Add(new RowCells(null, cells));
            rowIndex++;
        }
        return new RowsTable { Headers = headers, Rows = result, ZeroText = "0 results" };
    }
}
