using System.Net;
using System.Text.Json;
using Datasette.Gen.Runtime.Endpoints.Pages;
using Datasette.Gen.Runtime.Html;
using Datasette.Gen.Runtime.Html.Pages;
using Datasette.Gen.Runtime.Http;
using Datasette.Gen.Runtime.Json;

namespace Datasette.Gen.Runtime.Endpoints.Instance;

/// <summary>The index page's HTML (html-ui.md §2), from the same JSON object as <c>/.json</c>.</summary>
internal static class IndexHtml
{
    public static Task SendAsync(DatasetteRequest request, Datasette datasette, Action<Utf8JsonWriter> writeProperties)
    {
        using var body = new JsonBody();
        body.Writer.WriteStartObject();
        writeProperties(body.Writer);
        body.Writer.WriteEndObject();
        body.Writer.Flush();
        using var document = JsonDocument.Parse(body.WrittenMemory);
        var page = document.RootElement;
        var metadata = datasette.Internal.Metadata.Instance();
        string? Meta(string key) => metadata.FirstOrDefault(p => p.Key == key).Value;
        var databases = new List<IndexDatabase>();
        foreach (var database in page.GetProperty("databases").EnumerateArray())
        {
            var name = database.GetProperty("name").GetString()!;
            var tables = database.GetProperty("tables_and_views_truncated").EnumerateArray().Select(t =>
            {
                var tableName = t.GetProperty("name").GetString()!;
                var count = t.TryGetProperty("count", out var c) && c.ValueKind == JsonValueKind.Number ? Databases.DatabaseHtml.CountText(c.GetInt64()) : null;
                return new IndexTable(tableName, datasette.Urls.Table(name, tableName), count, t.GetProperty("private").GetBoolean());
            }).ToList();
            databases.Add(new IndexDatabase(name, database.GetProperty("path").GetString()!, database.GetProperty("color").GetString()!,
                database.GetProperty("private").GetBoolean(), Summary(database), tables, database.GetProperty("tables_and_views_more").GetBoolean()));
        }
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
    internal static string Summary(JsonElement database)
    {
        var showRows = database.GetProperty("show_table_row_counts").GetBoolean();
        var parts = new List<string>();
        var tables = database.GetProperty("tables_count").GetInt32();
        if (tables > 0)
        {
            parts.Add((showRows ? $"{CellHtml.Thousands(database.GetProperty("table_rows_sum").GetInt64())} rows in " : "") + Plural(tables, "table"));
        }
        var hidden = database.GetProperty("hidden_tables_count").GetInt32();
        if (hidden > 0)
        {
            parts.Add((showRows ? $"{CellHtml.Thousands(database.GetProperty("hidden_table_rows_sum").GetInt64())} rows in " : "") + Plural(hidden, "hidden table"));
        }
        var views = database.GetProperty("views_count").GetInt32();
        if (views > 0)
        {
            parts.Add(Plural(views, "view"));
        }
        return string.Join(", ", parts);
    }

    private static string Plural(int n, string noun) => $"{CellHtml.Thousands(n)} {noun}{(n == 1 ? "" : "s")}";
}
