extern alias TemplateSite;

using System;
using System.Collections.Generic;
using System.IO;
using System.Net;
using System.Net.Http;
using System.Text.RegularExpressions;
using System.Threading.Tasks;
using Datasette.Gen.Runtime.Hosting;
using Datasette.Gen.Tests.Infrastructure;
using SiteDeployment = TemplateSite::Datasette.Gen.Generated.Deployment;

namespace Datasette.Gen.Tests.Html;

/// <summary>
/// tests/Datasette.Gen.TemplateSite: a deployment whose templates/ replace the layout (base.html),
/// index.html, query-fixtures.html, the rows table of facetable (_table-fixtures-facetable.html), the
/// error pages (404.html, error.html), a debug page (show_json.html) and the schema pages (schema.html), compiled into it and served
/// over fixtures.db. Each page uses the most specific override Datasette would, and only that page.
/// </summary>
public sealed class TemplateOverrideTests(TemplateOverrideTests.SiteFixture site) : IClassFixture<TemplateOverrideTests.SiteFixture>
{
    private readonly HttpClient _client = site.Server.Client;

    [Fact]
    public async Task The_index_override_replaces_the_page_inside_the_shared_layout()
    {
        var html = await HtmlAssert.PageAsync(_client, "/");
        Assert.Contains("<h1 class=\"custom-index\">Datasette, by the deployment's own template</h1>", html);
        // The row count is left out when counting runs out of time (a loaded machine): the summary is then tables only.
        Assert.Matches("<li><a href=\"/fixtures\">fixtures</a>: (?:[0-9,]+ rows in )?[0-9]+ tables.*\\([0-9]+ tables listed\\)</li>", html);
        Assert.DoesNotContain("class=\"db-section\"", html);
        // the layout around it is the built-in one
        Assert.Contains("<body class=\"index\"", html);
        Assert.Contains("<!-- Templates considered: *index.html -->", html);
    }

    [Fact]
    public async Task The_rows_table_override_replaces_only_the_rows_of_its_table()
    {
        var html = await HtmlAssert.PageAsync(_client, "/fixtures/facetable");
        Assert.Contains("<ol class=\"custom-rows\" data-columns=\"pk,created,planet_int,on_earth,state,_city_id,_neighborhood,tags,complex_array,distinct_some_null,n\">", html);
        Assert.Contains("<span data-column=\"_neighborhood\">Mission</span>", html);
        Assert.DoesNotContain("<table class=\"rows-and-columns\">", html);
        // the rest of the table page is the built-in template, chosen as before
        Assert.Contains("<form class=\"filters\"", html);
        Assert.Contains("<!-- Templates considered: table-fixtures-facetable.html, *table.html -->", html);
    }

    [Fact]
    public async Task The_rows_table_override_applies_on_its_row_pages_too()
    {
        var html = await HtmlAssert.PageAsync(_client, "/fixtures/facetable/1");
        Assert.Contains("<ol class=\"custom-rows\"", html);
        Assert.Contains("<!-- Templates considered: row-fixtures-facetable.html, *row.html -->", html);
    }

    [Theory]
    [InlineData("/fixtures/facetable/-/fragment")]
    [InlineData("/fixtures/facetable/-/fragment?_row=1")]
    public async Task The_fragment_the_editing_scripts_swap_in_is_the_overridden_rows_table(string path)
    {
        var html = await HtmlAssert.PageAsync(_client, path);
        Assert.StartsWith("<ol class=\"custom-rows\"", html.TrimStart());
        Assert.DoesNotContain("<table class=\"rows-and-columns\">", html);
    }

    [Fact]
    public async Task Other_tables_keep_the_built_in_rows_table()
    {
        var html = await HtmlAssert.PageAsync(_client, "/fixtures/simple_primary_key");
        Assert.Contains("<table class=\"rows-and-columns\">", html);
        Assert.DoesNotContain("custom-rows", html);
        html = await HtmlAssert.PageAsync(_client, "/fixtures/simple_primary_key/-/fragment");
        Assert.Contains("<table class=\"rows-and-columns\">", html);
    }

    [Fact]
    public async Task A_database_override_serves_its_queries_when_no_query_override_is_more_specific()
    {
        var stored = await HtmlAssert.PageAsync(_client, "/fixtures/neighborhood_search?text=M");
        Assert.Contains("<h1 class=\"custom-query\" data-query=\"neighborhood_search\">", stored);
        Assert.Contains("<!-- Templates considered: query-fixtures-neighborhood_search.html, *query-fixtures.html, query.html -->", stored);
        Assert.Contains("<table class=\"rows-and-columns\">", stored);

        var arbitrary = await HtmlAssert.PageAsync(_client, "/fixtures/-/query?sql=select+1+as+one");
        Assert.Contains("<pre class=\"custom-sql\">select 1 as one</pre>", arbitrary);
        Assert.Contains("<h1 class=\"custom-query\" data-query=\"(arbitrary SQL)\">", arbitrary); // no stored query, no name
        Assert.Contains("<!-- Templates considered: *query-fixtures.html, query.html -->", arbitrary);
    }

    [Fact]
    public async Task Pages_without_an_override_are_the_built_in_ones()
    {
        var html = await HtmlAssert.PageAsync(_client, "/fixtures");
        Assert.Contains("<form class=\"sql core\"", html);
        Assert.Contains("<!-- Templates considered: database-fixtures.html, *database.html -->", html);
    }

    [Theory]
    [InlineData("/")]
    [InlineData("/fixtures")]
    [InlineData("/fixtures/facetable")]
    [InlineData("/-/versions")]
    [InlineData("/fixtures/no_such_table")]
    public async Task The_layout_override_wraps_every_page_around_its_content(string path)
    {
        var response = await _client.GetAsync(path);
        var html = await response.Content.ReadAsStringAsync();

        Assert.StartsWith("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">", html);
        Assert.Matches("<div class=\"custom-banner\">[^<]+: the deployment's own layout</div>", html);
        // the built-in pieces it keeps: head assets, header, footer, the templates comment
        Assert.Contains("<link rel=\"stylesheet\" href=\"/-/static/app.css", html);
        Assert.Contains("<nav class=\"crumbs\" aria-label=\"Breadcrumbs\">", html);
        Assert.Contains("<footer class=\"site-footer\">", html);
        Assert.Matches("<footer class=\"custom-footer\">[0-9]+ crumbs from /</footer>", html);
        Assert.Contains("<!-- Templates considered: ", html);
        // the page's own content sits where the layout put it, once
        var main = html.IndexOf("<main id=\"main\" class=\"content custom-main\">", StringComparison.Ordinal);
        var content = html.IndexOf("<h1", StringComparison.Ordinal);
        var mainEnd = html.IndexOf("</main>", StringComparison.Ordinal);
        Assert.True(main > 0 && content > main && mainEnd > content, html);
        Assert.Single(Regex.Matches(html, "<main "));
        Assert.EndsWith("</body>\n</html>", html.TrimEnd());
    }

    [Fact]
    public async Task A_not_found_page_uses_the_status_template_before_error_html()
    {
        var response = await _client.GetAsync("/fixtures/no_such_table");
        var html = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Contains("<h1 class=\"custom-not-found\">Nothing at this address (404)</h1>", html);
        Assert.Contains("<p class=\"custom-error-message\">Table not found</p>", html);
        Assert.Contains("<!-- Templates considered: *404.html, error.html -->", html);
    }

    [Fact]
    public async Task Other_errors_use_error_html()
    {
        var response = await _client.GetAsync("/fixtures/facetable?_sort=nope");
        var html = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("<h1 class=\"custom-error\">Error 400 (400)</h1>", html);
        Assert.Contains("<p class=\"custom-error-message\">Cannot sort table by nope</p>", html);
        Assert.Contains("<!-- Templates considered: 400.html, *error.html -->", html);
    }

    [Fact]
    public async Task A_debug_page_override_gets_its_pages_model()
    {
        var html = await HtmlAssert.PageAsync(_client, "/-/versions");
        Assert.Contains("<h1 class=\"custom-json\">versions.json</h1>", html);
        Assert.Contains("<a href=\"/-/versions.json\">raw</a>", html);
        Assert.Matches("<pre class=\"custom-json-body\">\\{.*&quot;datasette&quot;: \\{", html);
        Assert.Contains("<!-- Templates considered: *show_json.html -->", html);
    }

    [Fact]
    public async Task The_schema_template_compiled_into_the_site_serves_the_schema_pages()
    {
        var html = await HtmlAssert.PageAsync(_client, "/fixtures/facetable/-/schema");
        Assert.Contains("<h1 class=\"custom-schema\">Schema for facetable</h1>", html);
        Assert.Contains("<pre class=\"custom-schema-sql\" data-database=\"fixtures\">CREATE TABLE facetable", html);
        Assert.Contains("<!-- Templates considered: *schema.html -->", html);
    }

    /// <summary>The template site's compiled deployment serving the conformance fixtures.db.</summary>
    public sealed class SiteFixture : IAsyncLifetime
    {
        private TestServer? _server;

        public TestServer Server => _server!;

        public async Task InitializeAsync() => _server = await TestServer.StartAsync(
            new ServeOptions { Files = new List<string> { Path.Combine(Paths.ConformanceData, "fixtures.db") } },
            SiteDeployment.Create());

        public async Task DisposeAsync()
        {
            if (_server is not null)
            {
                await _server.DisposeAsync();
            }
        }
    }
}
