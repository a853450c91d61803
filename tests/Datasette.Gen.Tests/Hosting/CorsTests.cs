using System.Collections.Generic;
using System.Linq;
using System.Net.Http;
using System.Threading.Tasks;
using Datasette.Gen.Runtime.Hosting;
using Datasette.Gen.Tests.Infrastructure;

namespace Datasette.Gen.Tests.Hosting;

/// <summary>routes.md §10: with --cors every answer (data, HTML, OPTIONS, errors, redirects, 401s) carries Datasette's five CORS headers.</summary>
public sealed class CorsTests
{
    private static readonly Dictionary<string, string> CorsHeaders = new()
    {
        ["Access-Control-Allow-Origin"] = "*",
        ["Access-Control-Allow-Headers"] = "Authorization, Content-Type",
        ["Access-Control-Expose-Headers"] = "Link, ETag",
        ["Access-Control-Allow-Methods"] = "GET, POST, HEAD, OPTIONS",
        ["Access-Control-Max-Age"] = "3600",
    };

    public static TheoryData<string, string, string?> Requests => new()
    {
        { "GET", "/test/t.json", null },
        { "GET", "/test/t/1.json", null },
        { "GET", "/test.json?sql=select+1", null },
        { "GET", "/test/t", null },
        { "GET", "/-/versions.json", null },
        { "GET", "/-/openapi.json", null },
        { "GET", "/test/missing.json", null },
        { "GET", "/test.json?sql=select+nope", null },
        { "GET", "/test/t.json/", null },
        { "OPTIONS", "/test/t.json", null },
        { "GET", "/-/actor.json", "Bearer dstok_not-a-real-token" },
    };

    [Theory]
    [MemberData(nameof(Requests))]
    public async Task Cors_adds_every_header_to_every_kind_of_answer(string method, string path, string? authorization)
    {
        using var file = new TempDatabaseFile("create table t (id integer primary key, v); insert into t values (1, 'a')");
        await using var server = await TestServer.StartAsync(new ServeOptions { Files = new() { file.Path }, Cors = true });
        using var response = await SendAsync(server, method, path, authorization);
        foreach (var (name, value) in CorsHeaders)
        {
            Assert.True(response.Headers.TryGetValues(name, out var values), $"{name} missing from {method} {path} ({(int)response.StatusCode})");
            Assert.Equal(value, values.Single());
        }
    }

    [Fact]
    public async Task Cors_lets_a_script_read_the_etag_of_a_data_answer_and_revalidate_with_it()
    {
        using var file = new TempDatabaseFile("create table t (id integer primary key, v); insert into t values (1, 'a')");
        await using var server = await TestServer.StartAsync(new ServeOptions { Files = new() { file.Path }, Cors = true });
        using var first = await SendAsync(server, "GET", "/test/t.json", null);
        var tag = first.Headers.ETag?.Tag;
        Assert.NotNull(tag);
        var exposed = first.Headers.GetValues("Access-Control-Expose-Headers").Single().Split(',', System.StringSplitOptions.TrimEntries);
        Assert.Contains("ETag", exposed);
        Assert.Contains("Link", exposed);

        var revalidate = new HttpRequestMessage(HttpMethod.Get, "/test/t.json");
        revalidate.Headers.TryAddWithoutValidation("If-None-Match", tag);
        using var second = await server.Client.SendAsync(revalidate);
        Assert.Equal(System.Net.HttpStatusCode.NotModified, second.StatusCode);
        Assert.Contains("ETag", second.Headers.GetValues("Access-Control-Expose-Headers").Single().Split(',', System.StringSplitOptions.TrimEntries));
    }

    [Theory]
    [MemberData(nameof(Requests))]
    public async Task Without_cors_no_answer_has_the_headers(string method, string path, string? authorization)
    {
        using var file = new TempDatabaseFile("create table t (id integer primary key, v); insert into t values (1, 'a')");
        await using var server = await TestServer.StartAsync(new ServeOptions { Files = new() { file.Path } });
        using var response = await SendAsync(server, method, path, authorization);
        Assert.DoesNotContain(response.Headers, h => h.Key.StartsWith("Access-Control-", System.StringComparison.Ordinal));
    }

    private static Task<HttpResponseMessage> SendAsync(TestServer server, string method, string path, string? authorization)
    {
        var request = new HttpRequestMessage(new HttpMethod(method), path);
        if (authorization is not null)
        {
            request.Headers.TryAddWithoutValidation("Authorization", authorization);
        }
        return server.Client.SendAsync(request);
    }
}
