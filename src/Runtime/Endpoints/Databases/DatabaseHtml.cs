using System.Net;
using System.Text.Json;
using Datasette.Gen.Runtime.Data;
using Datasette.Gen.Runtime.Endpoints.Pages;
using Datasette.Gen.Runtime.Html;
using Datasette.Gen.Runtime.Html.Pages;
using Datasette.Gen.Runtime.Http;
using Datasette.Gen.Runtime.Json;
using Datasette.Gen.Runtime.Querying;

namespace Datasette.Gen.Runtime.Endpoints.Databases;

/// <summary>The database page's HTML (html-ui.md §3), from the same JSON object as <c>/{db}.json</c>.</summary>
internal static class DatabaseHtml
{
    public static Task SendAsync(DatasetteRequest request, Datasette datasette, Database database, Action<Utf8JsonWriter> writeProperties)
    {
        using var body = new JsonBody();
        body.Writer.WriteStartObject();
        writeProperties(body.Writer);
        body.Writer.WriteEndObject();
        body.Writer.Flush();
        using var document = JsonDocument.Parse(body.WrittenMemory);
        var page = document.RootElement;
        var urls = datasette.Urls;
        var databaseUrl = (string)urls.Database(database);
        var metadata = datasette.Internal.Metadata.ForDatabase(database.Name);
        string? Meta(string key) => metadata.FirstOrDefault(p => p.Key == key).Value;
        var showHidden = QueryArgs.IsTruthy(request.Args.Get("_show_hidden"));

        var tables = new List<ListedTable>();
        string? firstTable = null;
        foreach (var table in page.GetProperty("tables").EnumerateArray())
        {
            var name = table.GetProperty("name").GetString()!;
            var hidden = table.GetProperty("hidden").GetBoolean();
            firstTable ??= hidden ? null : name;
            if (hidden && !showHidden)
            {
                continue;
            }
            long? count = table.GetProperty("count") is { ValueKind: JsonValueKind.Number } c ? c.GetInt64() : null;
            tables.Add(new ListedTable(name, urls.Table(database, name), table.GetProperty("private").GetBoolean(), hidden,
                table.GetProperty("columns").EnumerateArray().Select(e => e.GetString()!).ToList(), CountText(count)));
        }
        var hiddenCount = page.GetProperty("hidden_count").GetInt32();
        var views = page.GetProperty("views").EnumerateArray()
            .Select(v => new ListedTable(v.GetProperty("name").GetString()!, urls.Table(database, v.GetProperty("name").GetString()!), v.GetProperty("private").GetBoolean(), false, [], null))
            .ToList();
        var queries = page.GetProperty("queries").EnumerateArray().Select(q =>
        {
            var name = q.GetProperty("name").GetString()!;
            var fragment = q.GetProperty("fragment").GetString();
            return new ListedQuery(
                q.GetProperty("title").GetString() ?? name,
                urls.Query(database, name) + (string.IsNullOrEmpty(fragment) ? "" : "#" + fragment),
                q.GetProperty("description").GetString() ?? q.GetProperty("sql").GetString() ?? "",
                q.TryGetProperty("private", out var p) && p.ValueKind == JsonValueKind.True);
        }).ToList();
        var queriesCount = page.GetProperty("queries_count").GetInt32();
        var allowSql = page.GetProperty("allow_execute_sql").GetBoolean();
        var model = new DatabasePageModel
        {
            Chrome = PageChromes.Build(request, datasette, database.Name, PageChromes.BodyClass("db", database.Name), Templates.Database(database.Name),
                database.Name, pageDataJson: allowSql || CreateTableData.Offered(request, database) ? PageData(request, datasette, database, allowSql ? page.GetProperty("table_columns") : null) : null,
                plugins: new PluginPageView("database", Top: TopSlot.Database),
                actions: ActionMenus.Database(request, datasette, database)),
            Database = database.Name,
            Heading = Meta("title") ?? database.Name,
            IsPrivate = page.GetProperty("private").GetBoolean(),
            DescriptionHtml = Meta("description_html") ?? (Meta("description") is { } text ? WebUtility.HtmlEncode(text) : null),
            Editor = allowSql
                ? new SqlEditor(databaseUrl + "/-/query",
                    firstTable is null ? "select sqlite_version()" : "select * from " + Sql.SqlIdentifier.Escape(firstTable),
                    databaseUrl + "/-/query/parameters")
                : null,
            Queries = queries,
            MoreQueries = page.GetProperty("queries_more").GetBoolean() ? new LinkItem($"View {CellHtml.Thousands(queriesCount)} queries", databaseUrl + "/-/queries") : null,
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
        TableCounts.Cap => ">" + CellHtml.Thousands(TableCounts.Cap - 1) + " rows",
        1 => "1 row",
        { } n => CellHtml.Thousands(n) + " rows",
    };

    /// <summary>
    /// Page data for the SQL editor's completion and the create-table dialog:
    /// <c>{"page": "database", "database", "tableColumns": {table: [columns]}, "createTable"?}</c>.
    /// </summary>
    private static string PageData(DatasetteRequest request, Datasette datasette, Database database, JsonElement? tableColumns)
    {
        using var buffer = new JsonBody();
        var w = buffer.Writer;
        w.WriteStartObject();
        w.WriteString("page", "database");
        w.WriteString("database", database.Name);
        if (tableColumns is { } columns)
        {
            w.WritePropertyName("tableColumns");
            columns.WriteTo(w);
        }
        CreateTableData.Write(w, request, datasette, database);
        w.WriteEndObject();
        w.Flush();
        return ScriptJson.Safe(System.Text.Encoding.UTF8.GetString(buffer.WrittenMemory.Span));
    }
}
