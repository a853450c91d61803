using System.Net.Http;
using System.Threading.Tasks;
using Datasette.Gen.Tests.Infrastructure;

namespace Datasette.Gen.Tests.Html;

/// <summary>html-ui.md §6 and §9: query pages and error pages in the layout.</summary>
public sealed class QueryAndErrorPageTests(FixturesServerFixture fixture) : IClassFixture<FixturesServerFixture>
{
    private readonly HttpClient _client = fixture.Server.Client;

    [Fact]
    public async Task Arbitrary_sql_shows_an_editable_form_and_its_results()
    {
        var html = await HtmlAssert.PageAsync(_client, "/fixtures/-/query?sql=select+1+as+one%2C+%27%3Cb%3E%27+as+two");
        Assert.Contains("<body class=\"query db-fixtures\"", html);
        Assert.Contains("<form class=\"sql core\" action=\"/fixtures/-/query\" method=\"get\">", html);
        Assert.Matches("<textarea id=\"sql-editor\" name=\"sql\"[^>]*>select 1 as one, &#x27;&lt;b&gt;&#x27; as two</textarea>", html);
        Assert.Contains("Custom SQL query returning 1 row", html);
        Assert.Contains("<td class=\"col-two type-str\" data-column=\"two\">&lt;b&gt;</td>", html);
        Assert.Contains("<a href=\"/fixtures/-/query.json?sql=", html);
        Assert.Contains("_hide_sql=1\">hide</a>", html);
    }

    [Fact]
    public async Task A_sql_error_is_shown_in_the_page_with_status_200()
    {
        var html = await HtmlAssert.PageAsync(_client, "/fixtures/-/query?sql=select+*+from+no_such_table");
        Assert.Contains("<p class=\"message-error\">", html);
        Assert.Contains("no such table: no_such_table", html);
    }

    [Fact]
    public async Task Hidden_sql_is_kept_in_a_hidden_input()
    {
        var html = await HtmlAssert.PageAsync(_client, "/fixtures/-/query?sql=select+1&_hide_sql=1");
        Assert.Contains("<input type=\"hidden\" id=\"sql-editor\" name=\"sql\" value=\"select 1\">", html);
        Assert.Contains("\">show</a>", html);
    }

    [Fact]
    public async Task A_stored_query_shows_read_only_sql_and_parameter_inputs()
    {
        // hide_sql: the SQL stays out of sight until _show_sql=1
        var html = await HtmlAssert.PageAsync(_client, "/fixtures/neighborhood_search?text=town");
        Assert.Contains("<h1>Search neighborhoods</h1>", html);
        Assert.Contains("<b>Demonstrating</b> simple like search", html);
        Assert.DoesNotContain("<pre id=\"sql-editor\"", html);
        Assert.Contains("_show_sql=1\">show</a>", html);
        html = await HtmlAssert.PageAsync(_client, "/fixtures/neighborhood_search?text=town&_show_sql=1");
        Assert.Contains("<pre id=\"sql-editor\" class=\"wrapped-sql\"", html);
        Assert.Contains("Custom SQL query returning 6 rows", html);
        Assert.Contains("<label for=\"qp-text\">text</label> <input type=\"text\" id=\"qp-text\" name=\"text\" value=\"town\">", html);
        Assert.Contains("query-neighborhood_search", HtmlAssert.Tag(html, "body", "class="));
        Assert.Contains("<!-- Templates considered: query-fixtures-neighborhood_search.html, query-fixtures.html, *query.html -->", html);
    }

    [Theory]
    [InlineData("/fixtures/facetable?_sort=nope", 400, "Cannot sort table by nope")]
    [InlineData("/fixtures/no_such_table", 404, "Table not found")]
    [InlineData("/no_such_database", 404, "Database not found")]
    public async Task Errors_are_pages_in_the_layout_with_the_message(string url, int status, string message)
    {
        var html = await HtmlAssert.PageAsync(_client, url, status);
        Assert.Contains("<link rel=\"stylesheet\" href=\"/-/static/app.css", html);
        Assert.Contains("<div class=\"message-error\"><p>", html);
        Assert.Contains(message, html);
        Assert.Contains("<h1>Error " + status + "</h1>", html);
    }
}
