using System.Net.Http;
using System.Threading.Tasks;
using Datasette.Gen.Tests.Infrastructure;

namespace Datasette.Gen.Tests.Api;

/// <summary>routes.md §9.6: HEAD, OPTIONS and methods the read API does not take.</summary>
public sealed class MethodTests(FixturesServerFixture fixture) : IClassFixture<FixturesServerFixture>
{
    private readonly TestServer _server = fixture.Server;

    [Fact]
    public async Task Head_returns_the_status_and_headers_of_get_without_a_body()
    {
        var get = await _server.Client.GetAsync("/fixtures/simple_primary_key.json");
        var getBody = await get.Content.ReadAsByteArrayAsync();
        var head = await _server.Client.SendAsync(HttpMethod.Head, "/fixtures/simple_primary_key.json");
        Assert.Equal(200, (int)head.StatusCode);
        Assert.Empty(await head.Content.ReadAsByteArrayAsync());
        Assert.Equal("application/json; charset=utf-8", head.Content.Headers.ContentType?.ToString());
        Assert.Equal(getBody.Length, head.Content.Headers.ContentLength);
        Assert.Equal(get.Headers.CacheControl?.ToString(), head.Headers.CacheControl?.ToString());
    }

    [Fact]
    public async Task Head_of_a_missing_table_is_still_a_404()
    {
        var head = await _server.Client.SendAsync(HttpMethod.Head, "/fixtures/nope.json");
        Assert.Equal(404, (int)head.StatusCode);
        Assert.Empty(await head.Content.ReadAsByteArrayAsync());
    }

    [Theory]
    [InlineData("/fixtures/simple_primary_key.json")]
    [InlineData("/fixtures")]
    [InlineData("/-/settings.json")]
    public async Task Options_returns_200_ok_as_plain_text(string url)
    {
        var response = await _server.Client.SendAsync(HttpMethod.Options, url);
        Assert.Equal(200, (int)response.StatusCode);
        Assert.Equal("ok", await response.Content.ReadAsStringAsync());
        Assert.Equal("text/plain", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task Post_to_a_json_table_url_is_a_405_envelope()
    {
        var response = await _server.Client.PostAsync("/fixtures/simple_primary_key.json", new StringContent(""));
        Assert.Equal(405, (int)response.StatusCode);
        var text = await response.Content.ReadAsStringAsync();
        using var json = System.Text.Json.JsonDocument.Parse(text);
        Assert.Equal("Method not allowed", json.RootElement.GetProperty("error").GetString());
        Assert.Equal(405, json.RootElement.GetProperty("status").GetInt32());
    }

    [Theory]
    [InlineData("POST")]
    [InlineData("PUT")]
    [InlineData("DELETE")]
    public async Task Other_methods_on_an_html_url_are_a_plain_text_405(string method)
    {
        var response = await _server.Client.SendAsync(new HttpMethod(method), "/fixtures/simple_primary_key");
        Assert.Equal(405, (int)response.StatusCode);
        Assert.Equal("Method not allowed", await response.Content.ReadAsStringAsync());
        Assert.Equal("text/plain", response.Content.Headers.ContentType?.MediaType);
    }
}
