using System.Net.Http;
using System.Threading.Tasks;
using Datasette.Gen.Tests.Infrastructure;

namespace Datasette.Gen.Tests.Api;

/// <summary>
/// routes.md §3.1: a format suffix on every route family. Datasette reads the suffix as
/// <c>format or "html"</c> and checks it only once the page's data is ready (views/row.py,
/// views/database.py, views/table.py); a path not ending in .json gets its error as an HTML page.
/// </summary>
public sealed class FormatSuffixTests(FixturesServerFixture fixture) : IClassFixture<FixturesServerFixture>
{
    private readonly HttpClient _client = fixture.Server.Client;

    private async Task AssertHtmlErrorAsync(string url, int status, string message)
    {
        var response = await _client.GetAsync(url);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(status == (int)response.StatusCode, $"{url}: {(int)response.StatusCode} {body}");
        Assert.Equal("text/html; charset=utf-8", response.Content.Headers.ContentType?.ToString());
        Assert.Contains(System.Net.WebUtility.HtmlEncode(message), body);
    }

    [Theory]
    // index: only .json is routed, anything else matches no route
    [InlineData("/.xyz", "404")]
    [InlineData("/-/.xyz", "404")]
    // /-/ pages: only .json is routed, so the table route sees database "-"
    [InlineData("/-/versions.xyz", "Database not found")]
    [InlineData("/-/jump.csv", "Database not found")]
    [InlineData("/-/schema.xyz", "Database not found")]
    // database: html and json only
    [InlineData("/fixtures.xyz", "Invalid format: xyz")]
    [InlineData("/fixtures.csv", "Invalid format: csv")]
    [InlineData("/fixtures.blob", "Invalid format: blob")]
    // database /-/ pages: only .json (or .md) is routed, so the row route sees table "-"
    [InlineData("/fixtures/-/schema.xyz", "Table not found")]
    [InlineData("/fixtures/-/queries.xyz", "Table not found")]
    [InlineData("/fixtures/facetable/-/schema.xyz", "404")]
    // table, row, arbitrary and stored query: html, json, csv and blob (Datasette answers 500 on tables and queries)
    [InlineData("/fixtures/facetable.xyz", "Invalid format: xyz")]
    [InlineData("/fixtures/simple_primary_key/1.xyz", "Invalid format: xyz")]
    [InlineData("/fixtures/simple_primary_key/1.blah", "Invalid format: blah")]
    [InlineData("/fixtures/compound_primary_key/a,b.md", "Invalid format: md")]
    [InlineData("/fixtures/binary_data/1.JSON", "Invalid format: JSON")]
    [InlineData("/fixtures/-/query.xyz?sql=select+1", "Invalid format: xyz")]
    [InlineData("/fixtures/-/query.xyz", "Invalid format: xyz")]
    [InlineData("/fixtures/neighborhood_search.xyz?text=town", "Invalid format: xyz")]
    public async Task An_unknown_suffix_is_a_404_on_every_route_family(string url, string message)
    {
        await AssertHtmlErrorAsync(url, 404, message);
    }

    [Theory]
    [InlineData("/fixtures.html")]
    [InlineData("/fixtures/facetable.html")]
    [InlineData("/fixtures/simple_primary_key/1.html")]
    [InlineData("/fixtures/-/query.html?sql=select+1")]
    [InlineData("/fixtures/neighborhood_search.html?text=town")]
    public async Task An_explicit_html_suffix_is_the_html_page(string url)
    {
        var response = await _client.GetAsync(url);
        Assert.Equal(200, (int)response.StatusCode);
        Assert.Equal("text/html; charset=utf-8", response.Content.Headers.ContentType?.ToString());
    }

    [Theory]
    // the row is looked up (and its key count checked) before the format
    [InlineData("/fixtures/simple_primary_key/999.xyz", 404, "Row not found")]
    [InlineData("/fixtures/compound_primary_key/a.xyz", 400, "URL row identifier does not match the primary key for this table")]
    [InlineData("/fixtures/simple_primary_key/1.xyz?_extra=bogus", 400, "Unknown _extra: bogus")]
    // the table's arguments and query come first
    [InlineData("/fixtures/facetable.xyz?_sort=nope", 400, "Cannot sort table by nope")]
    [InlineData("/fixtures/facetable.xyz?_size=bananas", 400, "_size must be a positive integer")]
    [InlineData("/fixtures/facetable.xyz?_where=nosuchcol=1", 400, "no such column: nosuchcol")]
    [InlineData("/fixtures/facetable.xyz?_extra=bogus", 400, "Unknown _extra: bogus")]
    public async Task Every_other_error_of_the_request_wins_over_an_unknown_suffix(string url, int status, string message)
    {
        await AssertHtmlErrorAsync(url, status, message);
    }

    [Fact]
    public async Task A_database_page_with_sql_redirects_keeping_its_suffix_before_checking_it()
    {
        var response = await _client.GetAsync("/fixtures.xyz?sql=select+1");
        Assert.Equal(302, (int)response.StatusCode);
        Assert.Equal("/fixtures/-/query.xyz?sql=select+1", response.Headers.Location?.OriginalString);
    }

    [Fact]
    public async Task The_html_page_ignores_unknown_extras_that_a_data_format_rejects()
    {
        Assert.Equal(200, (int)(await _client.GetAsync("/fixtures/simple_primary_key/1?_extra=bogus")).StatusCode);
        Assert.Equal(200, (int)(await _client.GetAsync("/fixtures/facetable?_extra=bogus")).StatusCode);
        await AssertHtmlErrorAsync("/fixtures/simple_primary_key/1.html?_extra=bogus", 400, "Unknown _extra: bogus");
    }

    [Fact]
    public async Task A_blob_suffix_on_a_table_serves_a_cell_of_the_page()
    {
        await AssertHtmlErrorAsync("/fixtures/binary_data.blob", 400, "?_blob_column= is required");
        await AssertHtmlErrorAsync("/fixtures/binary_data.blob?_blob_column=nope", 400, "nope is not a valid column");
        var response = await _client.GetAsync("/fixtures/binary_data.blob?_blob_column=data");
        Assert.Equal(200, (int)response.StatusCode);
        Assert.Equal("application/binary", response.Content.Headers.ContentType?.ToString());
        Assert.Equal("attachment; filename=\"binary_data-data.blob\"", response.Content.Headers.ContentDisposition?.ToString());
        Assert.Equal(new byte[] { 0x15, 0x1C, 0x02, 0xC7, 0xAD, 0x05, 0xFE }, await response.Content.ReadAsByteArrayAsync());
    }
}
