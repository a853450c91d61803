using System.Net.Http;
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
}
