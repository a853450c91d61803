using System.Net;
using Datasette.Gen.Runtime.Endpoints.Databases;
using Datasette.Gen.Runtime.Endpoints.Pages;
using Datasette.Gen.Runtime.Html;
using Datasette.Gen.Runtime.Html.Pages;
using Datasette.Gen.Runtime.Http;

namespace Datasette.Gen.Runtime.Endpoints.Instance;

/// <summary>The index page's HTML (html-ui.md §2), from the same content as <c>/.json</c>.</summary>
internal static class IndexHtml
{
    public static Task SendAsync(DatasetteRequest request, Datasette datasette, IndexContent content)
    {
        string? Meta(string key) => content.Metadata.FirstOrDefault(p => p.Key == key).Value;
        var databases = content.Databases.Select(database =>
        {
            var name = database.Database.Name;
            IReadOnlyList<IndexTable> tables =
            [
                .. database.Tables.Select(t => new IndexTable(t.Table.Name, datasette.Urls.Table(name, t.Table.Name),
                    t.Count is { } count ? DatabaseHtml.CountText(count) : null, t.IsPrivate)),
                .. database.Views.Select(v => new IndexTable(v.Name, datasette.Urls.Table(name, v.Name), null, v.IsPrivate)),
            ];
            return new IndexDatabase(name, Urls.Database(datasette, database.Database), database.Database.Color,
                database.IsPrivate, Summary(database), tables, database.More);
        }).ToList();
        // /-/ always shows the built-in index and asks not to be indexed.
        var dash = request.Path.EndsWith("/-/", StringComparison.Ordinal);
        var model = new IndexPageModel
        {
            Chrome = PageChromes.Build(request, datasette, Meta("title") ?? "Datasette", "index", Templates.Index(), noIndex: dash,
                plugins: new PluginPageView("index", Top: TopSlot.Homepage),
                actions: ActionMenus.Homepage(request, datasette)),
            Heading = Meta("title") ?? "Datasette",
            IsPrivate = request.IsPrivate("view-instance"),
            DescriptionHtml = Meta("description_html") ?? (Meta("description") is { } text ? WebUtility.HtmlEncode(text) : null),
            Databases = databases,
        };
        return HtmlResponse.SendAsync(request.Context, HtmlSlices.Index(model));
    }

    /// <summary>"1,260 rows in 23 tables, 211 rows in 6 hidden tables, 4 views": parts omitted when zero, rows only when counted.</summary>
    internal static string Summary(IndexDatabaseContent database)
    {
        var parts = new List<string>();
        if (database.TablesCount > 0)
        {
            parts.Add((database.Counted ? $"{CellHtml.Thousands(database.TableRowsSum)} rows in " : "") + Plural(database.TablesCount, "table"));
        }
        if (database.HiddenTablesCount > 0)
        {
            parts.Add((database.Counted ? $"{CellHtml.Thousands(database.HiddenTableRowsSum)} rows in " : "") + Plural(database.HiddenTablesCount, "hidden table"));
        }
        if (database.ViewsCount > 0)
        {
            parts.Add(Plural(database.ViewsCount, "view"));
        }
        return string.Join(", ", parts);
    }

    private static string Plural(int n, string noun) => $"{CellHtml.Thousands(n)} {noun}{(n == 1 ? "" : "s")}";
}
