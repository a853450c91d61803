using System.Collections.Generic;
using System.IO;
using System.IO.Compression;
using System.Linq;
using System.Net.Http;
using System.Text.RegularExpressions;
using System.Threading.Tasks;
using Datasette.Gen.Runtime.Hosting;
using Datasette.Gen.Tests.Infrastructure;

namespace Datasette.Gen.Tests.OpenApi;

/// <summary>/-/api: Swagger UI from embedded assets under /-/static/, pointed at /-/openapi.json.</summary>
public sealed partial class ApiPageTests
{
    [Fact]
    public async Task Page_loads_embedded_swagger_ui_and_points_at_the_document()
    {
        await using var server = await TestServer.StartAsync(new ServeOptions
        {
            Settings = new List<KeyValuePair<string, string>> { new("base_url", "/prefix/") },
        }, OpenApiValidationTests.DefaultDeployment);

        using var page = await server.Client.GetAsync("/prefix/-/api");
        var html = await page.Content.ReadAsStringAsync();

        Assert.Equal(200, (int)page.StatusCode);
        Assert.Equal("text/html; charset=utf-8", page.Content.Headers.ContentType?.ToString());
        Assert.Contains("data-openapi-url=\"/prefix/-/openapi.json\"", html);
        Assert.DoesNotContain("//cdn", html);
        var assets = AssetUrl().Matches(html).Select(m => m.Groups[1].Value).ToList();
        Assert.Equal(3, assets.Count);
        foreach (var asset in assets)
        {
            Assert.StartsWith("/prefix/-/static/", asset);
            using var response = await server.Client.GetAsync(asset);
            Assert.Equal(200, (int)response.StatusCode);
            var cacheControl = response.Headers.CacheControl!;
            Assert.True(cacheControl.Public && cacheControl.MaxAge == System.TimeSpan.FromDays(365) && cacheControl.Extensions.Any(e => e.Name == "immutable"), cacheControl.ToString());
            Assert.Equal(asset.Contains(".css") ? "text/css; charset=utf-8" : "text/javascript; charset=utf-8", response.Content.Headers.ContentType?.ToString());
        }
    }

    [Fact]
    public async Task Static_assets_send_etags_and_gzip()
    {
        await using var server = await TestServer.StartAsync(new ServeOptions(), TestServer.EmptyDeployment);
        const string path = "/-/static/swagger-ui/swagger-ui-bundle.js";
        var original = File.ReadAllBytes(Path.Combine(Paths.RepositoryRoot, "src", "Runtime", "Static", "swagger-ui", "swagger-ui-bundle.js"));

        using var plain = await server.Client.GetAsync(path);
        Assert.Equal(original, await plain.Content.ReadAsByteArrayAsync());
        Assert.Null(plain.Headers.CacheControl); // no _hash: not cached for good
        var etag = plain.Headers.ETag!.Tag;

        using var gzipRequest = new HttpRequestMessage(HttpMethod.Get, path);
        gzipRequest.Headers.AcceptEncoding.ParseAdd("gzip");
        using var gzipped = await server.Client.SendAsync(gzipRequest);
        Assert.Equal("gzip", gzipped.Content.Headers.ContentEncoding.Single());
        var compressed = await gzipped.Content.ReadAsByteArrayAsync();
        Assert.True(compressed.Length < original.Length / 2);
        using var unzip = new GZipStream(new MemoryStream(compressed), CompressionMode.Decompress);
        using var unzipped = new MemoryStream();
        unzip.CopyTo(unzipped);
        Assert.Equal(original, unzipped.ToArray());

        using var conditional = new HttpRequestMessage(HttpMethod.Get, path);
        conditional.Headers.IfNoneMatch.ParseAdd(etag);
        using var notModified = await server.Client.SendAsync(conditional);
        Assert.Equal(304, (int)notModified.StatusCode);

        using var licence = await server.Client.GetAsync("/-/static/swagger-ui/LICENSE");
        Assert.Equal(200, (int)licence.StatusCode);
        using var missing = await server.Client.GetAsync("/-/static/nope.js");
        Assert.Equal(404, (int)missing.StatusCode);
    }

    [GeneratedRegex("(?:src|href)=\"([^\"]+)\"")]
    private static partial Regex AssetUrl();
}
