using System.Net;
using Datasette.Gen.Runtime.Data;
using Datasette.Gen.Runtime.Endpoints.Pages;
using Datasette.Gen.Runtime.Html;
using Datasette.Gen.Runtime.Html.Pages;
using Datasette.Gen.Runtime.Http;
using Datasette.Gen.Runtime.Json;
using Datasette.Gen.Runtime.Querying;

namespace Datasette.Gen.Runtime.Endpoints.Databases;

/// <summary>The database page's HTML (html-ui.md §3), from the same content as <c>/{db}.json</c>.</summary>
internal static class DatabaseHtml
{
    public static Task SendAsync(DatasetteRequest request, Datasette datasette, DatabaseContent content)
    {
        var database = content.Database;
        var urls = datasette.Urls;
        var databaseUrl = (string)urls.Database(database);
        string? Meta(string key) => content.Metadata.FirstOrDefault(p => p.Key == key).Value;
        var showHidden = QueryArgs.IsTruthy(request.Args.Get("_show_hidden"));

        var tables = content.Tables
            .Where(t => showHidden || !t.Hidden)
            .Select(t => new ListedTable(t.Table.Name, urls.Table(database, t.Table.Name), t.IsPrivate, t.Hidden,
                t.Table.Columns.Select(c => c.Name).ToList(), CountText(t.Count)))
            .ToList();
        var firstTable = content.Tables.FirstOrDefault(t => !t.Hidden)?.Table.Name;
        var hiddenCount = content.HiddenCount;
        var views = content.Views
            .Select(v => new ListedTable(v.Name, urls.Table(database, v.Name), v.IsPrivate, false, [], null))
            .ToList();
        var queries = content.Queries.Select(q => new ListedQuery(
                q.Title ?? q.Name,
                urls.Query(database, q.Name) + (string.IsNullOrEmpty(q.Fragment) ? "" : "#" + q.Fragment),
                q.Description ?? q.Sql,
                q.ActorPrivate ?? false))
            .ToList();
        var allowSql = content.AllowExecuteSql;
        var model = new DatabasePageModel
        {
            Chrome = PageChromes.Build(request, datasette, database.Name, PageChromes.BodyClass("db", database.Name), Templates.Database(database.Name),
                database.Name, pageDataJson: allowSql || CreateTableData.Offered(request, database) ? PageData(request, datasette, content) : null,
                plugins: new PluginPageView("database", Top: TopSlot.Database),
                actions: ActionMenus.Database(request, datasette, database)),
            Database = database.Name,
            Heading = Meta("title") ?? database.Name,
            IsPrivate = content.IsPrivate,
            DescriptionHtml = Meta("description_html") ?? (Meta("description") is { } text ? WebUtility.HtmlEncode(text) : null),
            Editor = allowSql
                ? new SqlEditor(databaseUrl + "/-/query",
                    firstTable is null ? "select sqlite_version()" : "select * from " + Sql.SqlIdentifier.Escape(firstTable),
                    databaseUrl + "/-/query/parameters")
                : null,
            Queries = queries,
            MoreQueries = content.QueriesMore ? new LinkItem($"View {CellHtml.Thousands(content.QueriesCount)} queries", databaseUrl + "/-/queries") : null,
            SchemaUrl = databaseUrl + "/-/schema",
            Tables = tables,
            HiddenTables = !showHidden && hiddenCount > 0
                ? new LinkItem($"… and {CellHtml.Thousands(hiddenCount)} hidden table{(hiddenCount == 1 ? "" : "s")}", databaseUrl + "?_show_hidden=1")
                : null,
            Views = views,
            Download = datasette.Settings.AllowDownload && database.Kind == DatabaseKind.ImmutableFile && database.Path is not null
                && request.Allowed("view-database-download", database.Name)
                ? new LinkItem($"{database.Name}.db", urls.Database(database) + ".db")
                : null,
        };
        return HtmlResponse.SendAsync(request.Context, HtmlSlices.Database(model));
    }

    /// <summary>"Many rows" when unknown, ">10,000 rows" at the cap, "1 row", "N rows".</summary>
    internal static string CountText(long? count) => count switch
    {
        null => "Many rows",
        _ when TableCounts.Truncated(count) => ">" + CellHtml.Thousands(TableCounts.Cap - 1) + " rows",
        1 => "1 row",
        { } n => CellHtml.Thousands(n) + " rows",
    };

    /// <summary>
    /// Page data for the SQL editor's completion and the create-table dialog:
    /// <c>{"page": "database", "database", "tableColumns": {table: [columns]}, "createTable"?}</c>.
    /// </summary>
    private static string PageData(DatasetteRequest request, Datasette datasette, DatabaseContent content)
    {
        var database = content.Database;
        using var buffer = new JsonBody();
        var w = buffer.Writer;
        w.WriteStartObject();
        w.WriteString("page", "database");
        w.WriteString("database", database.Name);
        if (content.AllowExecuteSql)
        {
            content.WriteTableColumns(w, "tableColumns");
        }
        CreateTableData.Write(w, request, datasette, database);
        w.WriteEndObject();
        w.Flush();
        return ScriptJson.Safe(System.Text.Encoding.UTF8.GetString(buffer.WrittenMemory.Span));
    }
}
