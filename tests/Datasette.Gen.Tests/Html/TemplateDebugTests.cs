using System.Collections.Generic;
using System.Net.Http;
using System.Text.Json;
using System.Threading.Tasks;
using Datasette.Gen.Tests.Infrastructure;

namespace Datasette.Gen.Tests.Html;

/// <summary>
/// html-ui.md §1: with <c>template_debug</c> on, <c>?_context=1</c> answers with the page's template
/// context (here its model) as escaped JSON in a <c>&lt;pre&gt;</c>; with it off (the default) the
/// argument is ignored.
/// </summary>
public sealed class TemplateDebugTests(FixturesServerFixture fixture) : IClassFixture<FixturesServerFixture>
{
    [Theory]
    [InlineData("/", "heading", "Datasette Fixtures")]
    [InlineData("/fixtures", "database", "fixtures")]
    [InlineData("/fixtures/facetable", "table", "facetable")]
    [InlineData("/fixtures/facetable/1", "heading", "facetable: 1")]
    [InlineData("/fixtures/-/query?sql=select+%27%3Cb%3E%27", "sql", "select '<b>'")]
    public async Task With_template_debug_on_context_shows_the_page_model_as_json(string url, string key, string value)
    {
        await using var debug = await StartWithTemplateDebugAsync();
        var html = await HtmlAssert.PageAsync(debug.Client, url + (url.Contains('?') ? "&" : "?") + "_context=1");

        Assert.StartsWith("<pre>{", html);
        Assert.EndsWith("}</pre>", html.TrimEnd());
        Assert.DoesNotContain("<b>", html);
        var json = System.Net.WebUtility.HtmlDecode(html.Trim()[5..^6]);
        using var document = JsonDocument.Parse(json);
        Assert.Equal(value, document.RootElement.GetProperty(key).GetString());
        Assert.True(document.RootElement.GetProperty("chrome").TryGetProperty("templates_considered", out _));
        // The layout's rendering state is not context.
        Assert.False(document.RootElement.GetProperty("chrome").TryGetProperty("layout_end", out _));
    }

    [Fact]
    public async Task With_template_debug_off_context_is_ignored()
    {
        var html = await HtmlAssert.PageAsync(fixture.Server.Client, "/fixtures/facetable?_context=1");
        Assert.StartsWith("<!DOCTYPE html>", html);
        Assert.Contains("<form class=\"filters\"", html);
    }

    private static Task<TestServer> StartWithTemplateDebugAsync()
    {
        var data = Paths.ConformanceData;
        return TestServer.StartAsync(new Datasette.Gen.Runtime.Hosting.ServeOptions
        {
            Files = new List<string> { System.IO.Path.Combine(data, "fixtures.db") },
            MetadataFile = System.IO.Path.Combine(data, "metadata.json"),
            ConfigFile = System.IO.Path.Combine(data, "config.json"),
            Settings = new List<KeyValuePair<string, string>> { new("template_debug", "true") },
        });
    }
}
