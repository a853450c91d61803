using System;
using System.Net.Http;
using System.Threading.Tasks;
using Datasette.Gen.Tests.Infrastructure;

namespace Datasette.Gen.Tests.Api;

/// <summary>routes.md §5: the redirects Datasette answers with.</summary>
public sealed class RedirectTests(FixturesServerFixture fixture) : IClassFixture<FixturesServerFixture>
{
    private readonly TestServer _server = fixture.Server;

    private async Task AssertRedirectAsync(string url, int status, string location)
    {
        var response = await _server.Client.SendAsync(new HttpRequestMessage(HttpMethod.Get, new Uri(_server.BaseUrl + url)));
        Assert.Equal(status, (int)response.StatusCode);
        Assert.Equal(location, response.Headers.Location?.OriginalString);
    }

    [Theory]
    [InlineData("/fixtures/table%2Fwith%2Fslashes.csv", "/fixtures/table~2Fwith~2Fslashes~2Ecsv")]
    [InlineData("/foo/bar%2Fbaz?id=5", "/foo/bar~2Fbaz?id=5")]
    [InlineData("/fixtures/a~b%2Fc.json", "/fixtures/a~7Eb~2Fc~2Ejson")]
    public async Task A_404_whose_path_has_a_percent_escape_redirects_to_the_tilde_form(string url, string location)
    {
        await AssertRedirectAsync(url, 302, location);
    }

    [Fact]
    public async Task The_tilde_form_of_a_name_with_slashes_and_dots_reaches_the_table()
    {
        var response = await _server.Client.GetJsonAsync("/fixtures/table~2Fwith~2Fslashes~2Ecsv.json?_extra=table");
        Assert.Equal(200, response.Status);
        Assert.Equal("table/with/slashes.csv", response.Json.GetProperty("table").GetString());
    }

    [Theory]
    [InlineData("/fixtures/", "/fixtures")]
    [InlineData("/fixtures/simple_primary_key/?_size=1", "/fixtures/simple_primary_key?_size=1")]
    [InlineData("/fixtures/simple_primary_key//", "/fixtures/simple_primary_key")]
    public async Task A_404_with_a_trailing_slash_redirects_without_it(string url, string location)
    {
        await AssertRedirectAsync(url, 302, location);
    }

    [Fact]
    public async Task A_trailing_slash_redirect_never_points_to_another_host()
    {
        await AssertRedirectAsync("//evil.example/", 302, "/evil.example");
    }

    [Theory]
    [InlineData("/:memory:", "/_memory")]
    [InlineData("/:memory:.json?sql=select+1", "/_memory.json?sql=select+1")]
    [InlineData("/-", "/-/")]
    public async Task Legacy_and_dash_paths_redirect_permanently(string url, string location)
    {
        await AssertRedirectAsync(url, 301, location);
    }

    [Theory]
    [InlineData("/fixtures.json?sql=select+1", "/fixtures/-/query.json?sql=select+1")]
    [InlineData("/fixtures?sql=select+1&_shape=array", "/fixtures/-/query?sql=select+1&_shape=array")]
    public async Task A_database_url_with_sql_redirects_to_the_query_page(string url, string location)
    {
        await AssertRedirectAsync(url, 302, location);
    }

    [Fact]
    public async Task The_query_redirect_target_answers_the_query()
    {
        var response = await _server.Client.GetJsonAsync("/fixtures/-/query.json?sql=select+1+as+one");
        Assert.Equal(200, response.Status);
        Assert.Equal(1, response.Json.GetProperty("rows")[0].GetProperty("one").GetInt32());
    }
}
