using System.Net.Http;
using System.Threading.Tasks;
using Datasette.Gen.Tests.Infrastructure;

namespace Datasette.Gen.Tests.Html;

/// <summary>html-ui.md §5: the row page.</summary>
public sealed class RowPageTests(FixturesServerFixture fixture) : IClassFixture<FixturesServerFixture>
{
    private readonly HttpClient _client = fixture.Server.Client;

    [Fact]
    public async Task The_row_shows_its_keys_first_in_bold_without_sort_links()
    {
        var html = await HtmlAssert.PageAsync(_client, "/fixtures/compound_primary_key/a,b");
        Assert.Contains("<body class=\"row db-fixtures table-compound_primary_key\"", html);
        Assert.Contains("<h1>compound_primary_key: a, b</h1>", html);
        Assert.Contains("<td class=\"col-pk1 type-pk\" data-column=\"pk1\"><strong>a</strong></td>", html);
        Assert.DoesNotContain("_sort=", html);
        Assert.Contains("<tr data-row=\"a,b\">", html);
        Assert.Matches("<nav class=\"crumbs\"[^>]*>\\s*<a href=\"/\">home</a>\\s*<span[^>]*>/</span>\\s*<a href=\"/fixtures\">fixtures</a>", html);
    }

    [Fact]
    public async Task Links_from_other_tables_give_counts_and_filtered_links()
    {
        var html = await HtmlAssert.PageAsync(_client, "/fixtures/simple_primary_key/1");
        var links = HtmlAssert.Inner(html, "section", "class=\"foreign-key-tables\"");
        Assert.Contains("<a href=\"/fixtures/foreign_key_references?foreign_key_with_label=1\">1 row from foreign_key_with_label in foreign_key_references</a>", links);
        Assert.Contains("rows from ", links);
    }

    [Fact]
    public async Task A_missing_row_is_a_404_page()
    {
        await HtmlAssert.PageAsync(_client, "/fixtures/simple_primary_key/999", 404);
    }
}
