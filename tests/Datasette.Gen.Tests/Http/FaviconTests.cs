using System.Linq;
using System.Net;
using System.Net.Http;
using System.Threading.Tasks;
using Datasette.Gen.Tests.Infrastructure;

namespace Datasette.Gen.Tests.Http;

/// <summary>routes.md §3 route 4: <c>/favicon.ico</c> is a PNG embedded in the executable, cached for an hour.</summary>
public sealed class FaviconTests(FixturesServerFixture fixture) : IClassFixture<FixturesServerFixture>
{
    private static readonly byte[] PngSignature = [0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A];

    private readonly HttpClient _client = fixture.Server.Client;

    [Theory]
    [InlineData("/favicon.ico")]
    [InlineData("/favicon.ico?v=2")]
    [InlineData("/favicon.icox")] // Datasette's pattern has no end anchor
    public async Task The_favicon_is_a_png_cached_publicly_for_an_hour(string path)
    {
        using var response = await _client.GetAsync(path);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("image/png", response.Content.Headers.ContentType?.ToString());
        Assert.Equal("max-age=3600, public", response.Headers.NonValidated["Cache-Control"].ToString());
        var body = await response.Content.ReadAsByteArrayAsync();
        Assert.Equal(body.Length, response.Content.Headers.ContentLength);
        Assert.Equal(PngSignature, body.Take(PngSignature.Length));
    }

    [Fact]
    public async Task A_head_request_has_the_headers_and_no_body()
    {
        using var request = new HttpRequestMessage(HttpMethod.Head, "/favicon.ico");
        using var response = await _client.SendAsync(request);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("image/png", response.Content.Headers.ContentType?.ToString());
        Assert.Empty(await response.Content.ReadAsByteArrayAsync());
    }
}
