using System.Globalization;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Text.Json;
using System.Text.RegularExpressions;
using System.Threading.Tasks;
using Datasette.Gen.Tests.Infrastructure;

namespace Datasette.Gen.Tests.Html;

/// <summary>html-ui.md §2 and §3: the index and database pages.</summary>
public sealed class IndexAndDatabasePageTests(FixturesServerFixture fixture) : IClassFixture<FixturesServerFixture>
{
    private readonly HttpClient _client = fixture.Server.Client;

    [Fact]
    public async Task The_index_lists_each_database_with_its_summary_and_first_tables()
    {
        var html = await HtmlAssert.PageAsync(_client, "/");
        Assert.Contains("<body class=\"index\"", html);
        Assert.Contains("<h1>Datasette Fixtures</h1>", html);
        // trusted description_html is not escaped
        Assert.Contains("<a href=\"/login-as-root\">Sign in as root user</a>", html);
        var section = HtmlAssert.Inner(html, "section", "aria-label=\"fixtures\"");
        Assert.Contains("<h2><a href=\"/fixtures\">fixtures</a></h2>", section);
        Assert.Matches("<p class=\"db-summary\">[0-9,]+ rows in [0-9]+ tables, [0-9,]+ rows in [0-9]+ hidden tables, [0-9]+ views</p>", section);
        Assert.Contains(", <a href=\"/fixtures\">…</a>", section);
        Assert.Matches("style=\"--db-color: #[0-9a-f]{6}\"", HtmlAssert.Tag(html, "section", "aria-label=\"fixtures\""));
        Assert.DoesNotContain("noindex", html);
        // footer links from the instance metadata
        Assert.Contains("Data license: <a href=\"https://github.com/simonw/datasette/blob/main/LICENSE\">Apache License 2.0</a>", html);
    }

    [Fact]
    public async Task The_dash_index_asks_not_to_be_indexed()
    {
        var html = await HtmlAssert.PageAsync(_client, "/-/");
        Assert.Contains("<meta name=\"robots\" content=\"noindex\">", html);
    }

    [Fact]
    public async Task The_database_page_has_the_sql_editor_tables_with_counts_views_and_queries()
    {
        var html = await HtmlAssert.PageAsync(_client, "/fixtures");
        Assert.Contains("<body class=\"db db-fixtures\"", html);
        Assert.Contains("<form class=\"sql core\" action=\"/fixtures/-/query\" method=\"get\">", html);
        Assert.Matches("<textarea id=\"sql-editor\" name=\"sql\"[^>]*>select \\* from ", html);
        Assert.Contains("<label for=\"sql-editor\">", html);
        Assert.Contains("<h3><a href=\"/fixtures/facetable\">facetable</a></h3>", html);
        Assert.Contains("<p class=\"table-count\">15 rows</p>", html);
        Assert.Contains("<p class=\"table-count\">1 row</p>", html);
        Assert.Contains("<a class=\"schema-link\" href=\"/fixtures/-/schema\">schema</a>", html);
        Assert.Contains("hidden table", html);
        Assert.Contains("href=\"/fixtures?_show_hidden=1\"", html);
        Assert.Contains("<h2 id=\"views-heading\">Views</h2>", html);
        Assert.Contains("<h2 id=\"queries-heading\">Queries</h2>", html);
        Assert.Contains("\"tableColumns\":{", html);
    }

    [Fact]
    public async Task Hidden_tables_show_on_request()
    {
        var html = await HtmlAssert.PageAsync(_client, "/fixtures?_show_hidden=1");
        Assert.Contains(" (hidden)</h3>", html);
        Assert.DoesNotContain("href=\"/fixtures?_show_hidden=1\"", html);
    }

    [Fact]
    public async Task The_database_json_is_unchanged_by_the_html_page()
    {
        var response = await _client.GetAsync("/fixtures.json");
        Assert.Equal("application/json; charset=utf-8", response.Content.Headers.ContentType?.ToString());
    }

    [Theory]
    [InlineData("/fixtures")]
    [InlineData("/fixtures?_show_hidden=1")]
    public async Task The_database_page_lists_the_tables_views_and_queries_of_its_json(string url)
    {
        using var json = JsonDocument.Parse(await _client.GetStringAsync("/fixtures.json"));
        var page = json.RootElement;
        var showHidden = url.Contains("_show_hidden", System.StringComparison.Ordinal);
        var html = await HtmlAssert.PageAsync(_client, url);

        var tables = page.GetProperty("tables").EnumerateArray().Where(t => showHidden || !t.GetProperty("hidden").GetBoolean())
            .Select(t => (Name(t), Private(t), t.GetProperty("hidden").GetBoolean(), CountText(t.GetProperty("count"))));
        var listedTables = Regex.Matches(HtmlAssert.Inner(html, "section", "class=\"tables\""),
                "<h3><a href=\"[^\"]*\">([^<]*)</a>( 🔒)?( \\(hidden\\))?</h3>\n<p><em>[^<]*</em></p>\n<p class=\"table-count\">([^<]*)</p>")
            .Select(m => (WebUtility.HtmlDecode(m.Groups[1].Value), m.Groups[2].Success, m.Groups[3].Success, m.Groups[4].Value));
        Assert.Equal(tables, listedTables);
        var hiddenCount = page.GetProperty("hidden_count").GetInt32();
        Assert.True(hiddenCount > 1);
        Assert.Equal(!showHidden, html.Contains($"<a href=\"/fixtures?_show_hidden=1\">… and {hiddenCount} hidden tables</a>", System.StringComparison.Ordinal));

        var views = page.GetProperty("views").EnumerateArray().Select(v => (Name(v), Private(v)));
        var listedViews = Regex.Matches(HtmlAssert.Inner(html, "section", "class=\"views\""), "<li><a href=\"[^\"]*\">([^<]*)</a>( 🔒)?</li>")
            .Select(m => (WebUtility.HtmlDecode(m.Groups[1].Value), m.Groups[2].Success));
        Assert.Equal(views, listedViews);

        var queries = page.GetProperty("queries").EnumerateArray().Select(q => q.GetProperty("title").GetString() ?? Name(q));
        var listedQueries = Regex.Matches(HtmlAssert.Inner(html, "section", "class=\"queries\""), "<li><a href=\"[^\"]*\" title=\"[^\"]*\">([^<]*)</a>")
            .Select(m => WebUtility.HtmlDecode(m.Groups[1].Value));
        Assert.Equal(queries, listedQueries);
        Assert.Equal(page.GetProperty("queries_more").GetBoolean(), html.Contains($"View {page.GetProperty("queries_count").GetInt32()} queries</a>", System.StringComparison.Ordinal));
    }

    [Fact]
    public async Task The_index_lists_the_tables_views_and_sums_of_its_json()
    {
        // Counted once under the database page's longer time limit, the index's counts come from the cache.
        await _client.GetStringAsync("/fixtures.json");
        using var json = JsonDocument.Parse(await _client.GetStringAsync("/.json"));
        var html = await HtmlAssert.PageAsync(_client, "/");

        foreach (var database in json.RootElement.GetProperty("databases").EnumerateArray())
        {
            var section = HtmlAssert.Inner(html, "section", $"aria-label=\"{Name(database)}\"");
            var listed = Regex.Matches(section, "<a href=\"[^\"]*\"(?: title=\"([^\"]*)\")?>([^<…]*)</a>( 🔒)?")
                .Skip(1) // the heading
                .Select(m => (WebUtility.HtmlDecode(m.Groups[2].Value), m.Groups[1].Success ? m.Groups[1].Value : null, m.Groups[3].Success));
            var expected = database.GetProperty("tables_and_views_truncated").EnumerateArray()
                .Select(t => (Name(t), t.TryGetProperty("count", out var count) && count.ValueKind == JsonValueKind.Number ? CountText(count) : null, Private(t)));
            Assert.Equal(expected, listed);
            Assert.Equal(database.GetProperty("tables_and_views_more").GetBoolean(), section.Contains($", <a href=\"{database.GetProperty("path").GetString()}\">…</a>", System.StringComparison.Ordinal));
            var counted = database.GetProperty("show_table_row_counts").GetBoolean();
            Assert.True(counted, "the counts were cached: the summary shows rows");
            Assert.Contains($"{database.GetProperty("table_rows_sum").GetInt64().ToString("N0", CultureInfo.InvariantCulture)} rows in {database.GetProperty("tables_count").GetInt32()} table", section);
        }
    }

    private static string Name(JsonElement item) => item.GetProperty("name").GetString()!;

    private static bool Private(JsonElement item) => item.GetProperty("private").GetBoolean();

    /// <summary>The page's count line for a JSON count: unknown, capped, one, or many.</summary>
    private static string CountText(JsonElement count) => count.ValueKind != JsonValueKind.Number ? "Many rows"
        : count.GetInt64() switch
        {
            10001 => ">10,000 rows",
            1 => "1 row",
            var n => n.ToString("N0", CultureInfo.InvariantCulture) + " rows",
        };
}
