using System.Net.Http;
using System.Text.RegularExpressions;
using System.Threading.Tasks;
using Datasette.Gen.Tests.Infrastructure;

namespace Datasette.Gen.Tests.Html;

/// <summary>html-ui.md §1 and §4: the table page rendered on the server, from the same data as its JSON.</summary>
public sealed class TablePageTests(FixturesServerFixture fixture) : IClassFixture<FixturesServerFixture>
{
    private readonly HttpClient _client = fixture.Server.Client;

    [Fact]
    public async Task The_layout_carries_language_stylesheet_script_alternate_link_and_body_classes()
    {
        var html = await HtmlAssert.PageAsync(_client, "/fixtures/facetable");
        Assert.StartsWith("<!DOCTYPE html>\n<html lang=\"en\">", html);
        Assert.Matches("<link rel=\"stylesheet\" href=\"/-/static/app.css\\?_hash=[0-9a-f]{6,}\">", html);
        Assert.Contains("<script src=\"/-/static/datasette-gen.js", html);
        Assert.Contains("window.datasetteVersion = \"1.0a37\"", html);
        Assert.Contains("<link rel=\"alternate\" type=\"application/json+datasette\" href=\"http://localhost/fixtures/facetable.json\">", html.Replace(fixture.Server.BaseUrl, "http://localhost"));
        Assert.Contains("<body class=\"table db-fixtures table-facetable\"", html);
        Assert.Contains("<details class=\"nav-menu details-menu\">", html);
        Assert.Contains("<!-- Templates considered: table-fixtures-facetable.html, *table.html -->", html);
        Assert.Matches("<nav class=\"crumbs\" aria-label=\"Breadcrumbs\">\\s*<a href=\"/\">home</a>\\s*<span[^>]*>/</span>\\s*<a href=\"/fixtures\">fixtures</a>", html);
    }

    [Theory]
    [InlineData("/fixtures/facetable", "/fixtures/facetable.json")]
    [InlineData("/fixtures/simple_primary_key/1", "/fixtures/simple_primary_key/1.json")]
    [InlineData("/fixtures", "/fixtures.json")]
    public async Task The_page_names_its_json_twin_in_a_link_header(string url, string json)
    {
        var response = await _client.GetAsync(url);
        Assert.Equal($"<{fixture.Server.BaseUrl}{json}>; rel=\"alternate\"; type=\"application/json+datasette\"", string.Join(",", response.Headers.GetValues("Link")));
    }

    [Theory]
    [InlineData("/fixtures/facetable")]
    [InlineData("/fixtures/simple_primary_key/1")]
    [InlineData("/fixtures")]
    public async Task A_page_that_fits_the_buffer_is_sent_whole_with_its_length(string url)
    {
        var response = await _client.GetAsync(url);
        var body = await response.Content.ReadAsByteArrayAsync();
        Assert.Equal(body.Length, response.Content.Headers.ContentLength);
        Assert.NotEqual(true, response.Headers.TransferEncodingChunked);
    }

    [Fact]
    public async Task The_stylesheet_is_served_with_its_hash()
    {
        var html = await HtmlAssert.PageAsync(_client, "/fixtures/facetable");
        var href = Regex.Match(html, "href=\"(/-/static/app.css\\?_hash=[^\"]+)\"").Groups[1].Value;
        var response = await _client.GetAsync(href);
        Assert.Equal(200, (int)response.StatusCode);
        Assert.Equal("text/css; charset=utf-8", response.Content.Headers.ContentType?.ToString());
        Assert.Contains("immutable", response.Headers.CacheControl?.ToString());
        Assert.Contains("prefers-color-scheme: dark", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Count_heading_headers_and_primary_key_links()
    {
        var html = await HtmlAssert.PageAsync(_client, "/fixtures/facetable");
        Assert.Contains("<h2 class=\"count-heading\">15 rows</h2>", html);
        var pk = HtmlAssert.Tag(html, "th", "data-column=\"pk\"");
        Assert.Contains("class=\"col-pk\"", pk);
        Assert.Contains("data-is-pk=\"1\"", pk);
        Assert.Contains("data-column-type=\"integer\"", pk);
        var state = HtmlAssert.Tag(html, "th", "data-column=\"state\"");
        Assert.Contains("data-is-pk=\"0\"", state);
        Assert.Contains("data-column-type=\"text\"", state);
        // the default order is the primary key's, ascending
        Assert.Contains(">pk ▼</a>", html);
        Assert.Contains("<tr data-row=\"1\">", html);
        Assert.Contains("<td class=\"col-pk type-pk\" data-column=\"pk\"><a href=\"/fixtures/facetable/1\">1</a></td>", html);
        Assert.Contains("<td class=\"col-state type-str\" data-column=\"state\">CA</td>", html);
        Assert.Contains("<pre class=\"wrapped-sql\">CREATE TABLE facetable", html);
    }

    [Fact]
    public async Task Sort_links_flip_direction_and_drop_next()
    {
        var html = await HtmlAssert.PageAsync(_client, "/fixtures/facetable?_sort=state&_next=3");
        var header = HtmlAssert.Inner(html, "th", "data-column=\"state\"");
        Assert.Contains("href=\"/fixtures/facetable?_sort_desc=state\"", header);
        Assert.Contains("state ▼", header);
        html = await HtmlAssert.PageAsync(_client, "/fixtures/facetable?_sort_desc=state");
        Assert.Contains("state ▲", HtmlAssert.Inner(html, "th", "data-column=\"state\""));
        Assert.Contains("sorted by state descending", html);
    }

    [Fact]
    public async Task Configured_sortable_columns_limit_the_sort_links()
    {
        var html = await HtmlAssert.PageAsync(_client, "/fixtures/sortable");
        Assert.Contains("<a href", HtmlAssert.Inner(html, "th", "data-column=\"sortable\""));
        Assert.DoesNotContain("<a href", HtmlAssert.Inner(html, "th", "data-column=\"content\""));
    }

    [Fact]
    public async Task Foreign_keys_show_label_then_id_and_link_to_the_row()
    {
        var html = await HtmlAssert.PageAsync(_client, "/fixtures/foreign_key_references");
        Assert.Contains("<a href=\"/fixtures/simple_primary_key/1\">hello</a>&nbsp;<em>1</em>", html);
        // NULL is a blank cell
        Assert.Matches("<td class=\"col-foreign_key_with_label type-none\" data-column=\"foreign_key_with_label\">&nbsp;</td>", html);
    }

    [Fact]
    public async Task Blobs_link_to_their_download_and_rowid_tables_get_a_link_column()
    {
        var html = await HtmlAssert.PageAsync(_client, "/fixtures/binary_data");
        Assert.Contains("<a class=\"blob-download\" href=\"/fixtures/binary_data/1.blob?_blob_column=data\">&lt;Binary:&nbsp;7&nbsp;bytes&gt;</a>", html);
        Assert.Contains("data-is-link-column=\"1\"", HtmlAssert.Tag(html, "th", "data-column=\"Link\""));
        Assert.Contains("<td class=\"col-Link type-pk\" data-column=\"Link\"><a href=\"/fixtures/binary_data/1\">1</a></td>", html);
    }

    [Fact]
    public async Task Facets_list_values_with_toggles_and_selected_values_with_a_cross()
    {
        var html = await HtmlAssert.PageAsync(_client, "/fixtures/facetable?_facet=state");
        var box = HtmlAssert.Inner(html, "section", "id=\"facet-state\"");
        Assert.Contains("<a href=\"" + fixture.Server.BaseUrl + "/fixtures/facetable?_facet=state&amp;state=CA\" data-facet-value=\"CA\">CA</a> <span class=\"facet-value-count\">10</span>", box);
        Assert.Contains("title=\"Remove this facet\"", box);

        html = await HtmlAssert.PageAsync(_client, "/fixtures/facetable?_facet=state&state=CA");
        box = HtmlAssert.Inner(html, "section", "id=\"facet-state\"");
        Assert.Contains("<li class=\"facet-selected\">CA <span class=\"facet-value-count\">10</span>", box);
        Assert.Contains("10 rows where state = \"CA\"", WebUtilityDecode(html));
    }

    [Fact]
    public async Task Suggested_facets_link_to_the_page_with_the_facet_added()
    {
        var html = await HtmlAssert.PageAsync(_client, "/fixtures/facetable");
        var line = HtmlAssert.Inner(html, "p", "class=\"suggested-facets\"");
        Assert.Contains("_facet=state#facet-state\">state</a>", line);
        Assert.Contains("(date)", line);
    }

    [Fact]
    public async Task The_filter_form_shows_active_filters_every_operator_and_an_empty_row()
    {
        var html = await HtmlAssert.PageAsync(_client, "/fixtures/facetable?state__contains=C&_facet=state");
        var form = HtmlAssert.Inner(html, "form", "class=\"filters\"");
        Assert.Contains("action=\"/fixtures/facetable\"", HtmlAssert.Tag(html, "form", "class=\"filters\""));
        Assert.Contains("name=\"_filter_column_1\"", form);
        Assert.Contains("<option selected=\"selected\">state</option>", form);
        Assert.Contains("<option value=\"contains\" selected=\"selected\">contains</option>", form);
        Assert.Contains("name=\"_filter_value_1\" class=\"filter-value\" value=\"C\"", form);
        Assert.Contains("name=\"_filter_column\"", form);
        Assert.Contains("<option value=\"isnull__1\">is null</option>", form);
        Assert.Contains("<input type=\"hidden\" name=\"_facet\" value=\"state\">", form);
        // every control has a label
        foreach (Match control in Regex.Matches(form, "<(select|input) id=\"([^\"]+)\""))
        {
            Assert.Contains($"for=\"{control.Groups[2].Value}\"", form);
        }
    }

    [Fact]
    public async Task The_filter_form_redirects_to_column_filters()
    {
        using var handler = new HttpClientHandler { AllowAutoRedirect = false };
        using var client = new HttpClient(handler) { BaseAddress = _client.BaseAddress };
        var response = await client.GetAsync("/fixtures/facetable?_filter_column=state&_filter_op=isnull__1&_filter_value=");
        Assert.Equal(302, (int)response.StatusCode);
        Assert.Equal("/fixtures/facetable?state__isnull=1", response.Headers.Location?.ToString());
    }

    [Fact]
    public async Task No_rows_says_so_and_a_further_page_is_linked()
    {
        var html = await HtmlAssert.PageAsync(_client, "/fixtures/facetable?state=ZZ");
        Assert.Contains("<p class=\"zero-results\">0 records</p>", html);
        html = await HtmlAssert.PageAsync(_client, "/fixtures/facetable?_size=5");
        Assert.Matches("<a href=\"[^\"]*/fixtures/facetable\\?_size=5&amp;_next=5\" rel=\"next\">Next page</a>", html);
        Assert.Contains("name=\"_stream\"", html);
    }

    [Fact]
    public async Task Export_links_and_edit_sql()
    {
        var html = await HtmlAssert.PageAsync(_client, "/fixtures/facetable?state=CA");
        Assert.Contains("<a href=\"/fixtures/facetable.json?state=CA\">json</a>", html);
        Assert.Contains("<a href=\"/fixtures/facetable.csv?state=CA&amp;_size=max&amp;_labels=on\">CSV</a>", html);
        Assert.Contains("_shape=array\">array</a>", html);
        Assert.Contains("_shape=object\">object</a>", html);
        Assert.Matches("<a href=\"/fixtures/-/query\\?sql=select[^\"]+&amp;p0=CA\">✎ View and edit SQL</a>", html);
    }

    [Fact]
    public async Task Values_are_escaped()
    {
        var html = await HtmlAssert.PageAsync(_client, "/fixtures/facetable?_where=state%3D%27%3Cb%3E%27");
        Assert.Contains("<code>state=&#x27;&lt;b&gt;&#x27;</code>", html);
        Assert.DoesNotContain("<b>", html);
    }

    private static string WebUtilityDecode(string html) => System.Net.WebUtility.HtmlDecode(html);
}
