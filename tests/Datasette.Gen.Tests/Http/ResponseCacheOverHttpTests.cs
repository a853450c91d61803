using System.Collections.Generic;
using System.IO;
using System.Net.Http;
using System.Threading.Tasks;
using Datasette.Gen.Runtime.Hosting;
using Datasette.Gen.Tests.Infrastructure;

namespace Datasette.Gen.Tests.Http;

/// <summary>
/// The response cache seen through Kestrel: a replayed answer is framed by the server for the
/// bytes it replays. The in-process client never frames a body, so only a real connection shows
/// an answer first sent chunked (HTML pages, CSV) replayed with a stale <c>Transfer-Encoding</c>.
/// </summary>
public sealed class ResponseCacheOverHttpTests
{
    private static string Fixtures => Path.Combine(Paths.ConformanceData, "fixtures.db");

    // A page cut short by a time limit is rightly never kept (ConditionalGetTests shows it), and under a
    // full parallel test run the cold first request can meet the default 50 ms facet-suggestion limit.
    private static List<KeyValuePair<string, string>> UnhurriedLimits =>
        [new("sql_time_limit_ms", "30000"), new("facet_time_limit_ms", "30000"), new("facet_suggest_time_limit_ms", "30000")];

    [Theory]
    [InlineData("/fixtures/facetable")]
    [InlineData("/fixtures/facetable.csv")]
    [InlineData("/fixtures")]
    [InlineData("/fixtures/facetable/1")]
    [InlineData("/fixtures/-/query?sql=select+1")]
    [InlineData("/fixtures/facetable.json")]
    public async Task A_replayed_answer_over_http_has_the_body_of_the_first(string path)
    {
        await using var server = await TestServer.StartAsync(new ServeOptions { ImmutableFiles = new() { Fixtures }, Settings = UnhurriedLimits });
        // An immutable file is tagged (and cached) once its hash is known.
        _ = server.Datasette.Databases["fixtures"].Hash;
        var cache = server.Datasette.Conditional.Cache!;

        var first = await GetAsync(server, path);
        Assert.True(cache.Count == 1, $"the first answer was not kept (an answer that varies gets no ETag and is never kept): {cache.Count} entries");
        var replayed = await GetAsync(server, path);

        Assert.NotEmpty(first);
        Assert.Equal(first, replayed);
        // The connection is still usable after the replay: its framing was right.
        Assert.Equal(first, await GetAsync(server, path));
    }

    private static async Task<byte[]> GetAsync(TestServer server, string path)
    {
        using var cancel = new System.Threading.CancellationTokenSource(System.TimeSpan.FromSeconds(30));
        using var response = await server.Client.GetAsync(path, HttpCompletionOption.ResponseContentRead, cancel.Token);
        Assert.Equal(System.Net.HttpStatusCode.OK, response.StatusCode);
        return await response.Content.ReadAsByteArrayAsync(cancel.Token);
    }
}
