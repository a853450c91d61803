using System.Linq;
using System.Threading.Tasks;
using Datasette.Gen.Tests.Infrastructure;

namespace Datasette.Gen.Tests.Api;

/// <summary>routes.md §10: Cache-Control and Referrer-Policy on table and row responses.</summary>
public sealed class CachingHeaderTests(FixturesServerFixture fixture) : IClassFixture<FixturesServerFixture>
{
    private readonly TestServer _server = fixture.Server;

    private async Task<string?> CacheControlAsync(string url)
    {
        var response = await _server.Client.GetAsync(url);
        Assert.Equal(200, (int)response.StatusCode);
        return response.Headers.TryGetValues("Cache-Control", out var values) ? string.Join(",", values) : null;
    }

    [Theory]
    [InlineData("/fixtures/simple_primary_key.json", "max-age=5")]
    [InlineData("/fixtures/simple_primary_key/1.json", "max-age=5")]
    [InlineData("/fixtures/simple_primary_key.json?_ttl=0", "no-cache")]
    [InlineData("/fixtures/simple_primary_key.json?_ttl=60", "max-age=60")]
    [InlineData("/fixtures/simple_primary_key/1.json?_ttl=0", "no-cache")]
    [InlineData("/fixtures/simple_primary_key.json?_ttl=abc", "max-age=5")]
    [InlineData("/fixtures/simple_primary_key.json?_ttl=", "max-age=5")]
    public async Task Table_and_row_responses_carry_max_age_or_no_cache(string url, string expected)
    {
        Assert.Equal(expected, await CacheControlAsync(url));
    }

    [Fact]
    public async Task Table_responses_send_no_referrer()
    {
        var response = await _server.Client.GetAsync("/fixtures/simple_primary_key.json");
        Assert.Equal("no-referrer", response.Headers.GetValues("Referrer-Policy").Single());
    }

    [Theory]
    [InlineData("/fixtures/-/query.json?sql=select+1")]
    [InlineData("/fixtures.json")]
    [InlineData("/.json")]
    public async Task Database_query_and_index_responses_have_no_cache_control(string url)
    {
        Assert.Null(await CacheControlAsync(url));
    }
}
