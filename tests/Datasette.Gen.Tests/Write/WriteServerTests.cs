using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Diagnostics;
using System.Linq;
using System.Net.Http;
using System.Text;
using System.Text.Json.Nodes;
using System.Threading;
using System.Threading.Tasks;
using Datasette.Gen.Runtime.Hosting;
using Datasette.Gen.Runtime.Signing;
using Datasette.Gen.Tests.Infrastructure;
using Xunit.Abstractions;

namespace Datasette.Gen.Tests.Write;

/// <summary>The write endpoints on a real server over a database file: CSRF rules and concurrent writers.</summary>
public sealed class WriteServerTests(ITestOutputHelper output)
{
    private const string Secret = "write-secret";

    private static async Task<(TestServer Server, TempDatabaseFile File)> StartAsync()
    {
        var file = new TempDatabaseFile("create table items (id integer primary key, v text, n integer)", "data");
        var server = await TestServer.StartAsync(new ServeOptions { Files = new List<string> { file.Path }, Root = true, Secret = Secret });
        return (server, file);
    }

    private static HttpRequestMessage Insert(string baseUrl, string json, params (string Name, string Value)[] headers)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, baseUrl + "/data/items/-/insert") { Content = new StringContent(json, Encoding.UTF8, "application/json") };
        foreach (var (name, value) in headers)
        {
            request.Headers.TryAddWithoutValidation(name, value);
        }
        return request;
    }

    [Fact]
    public async Task Cookie_authenticated_writes_pass_the_csrf_check_and_token_writes_skip_it()
    {
        var (server, file) = await StartAsync();
        await using var _ = server;
        using var __ = file;
        var cookie = "ds_actor=" + new Signer(Secret).Sign(new JsonObject { ["a"] = new JsonObject { ["id"] = "root" } }, "actor");
        var bearer = "Bearer " + await server.Datasette.CreateTokenAsync("root");
        async Task<int> Send(params (string, string)[] headers)
        {
            using var response = await server.Client.SendAsync(Insert(server.BaseUrl, """{"row": {"v": "x"}}""", headers));
            return (int)response.StatusCode;
        }

        Assert.Equal(201, await Send(("Cookie", cookie)));
        Assert.Equal(201, await Send(("Cookie", cookie), ("Sec-Fetch-Site", "same-origin")));
        Assert.Equal(201, await Send(("Cookie", cookie), ("Origin", server.BaseUrl)));
        Assert.Equal(403, await Send(("Cookie", cookie), ("Sec-Fetch-Site", "cross-site")));
        Assert.Equal(403, await Send(("Cookie", cookie), ("Origin", "http://evil.example")));
        Assert.Equal(201, await Send(("Authorization", bearer), ("Sec-Fetch-Site", "cross-site")));
        Assert.Equal(403, await Send(("Authorization", bearer), ("Cookie", cookie), ("Sec-Fetch-Site", "cross-site")));
        Assert.Equal(4L, file.Scalar("select count(*) from items"));
    }

    [Fact(Timeout = 120000)]
    public async Task Concurrent_clients_lose_no_acknowledged_write_and_share_commits()
    {
        const int clients = 16;
        const int batches = 20;
        const int rowsPerBatch = 100;
        var (server, file) = await StartAsync();
        await using var _ = server;
        using var __ = file;
        var bearer = "Bearer " + await server.Datasette.CreateTokenAsync("root");
        var database = server.Datasette.GetDatabase("data");
        var commitsBefore = database.GroupCommits;
        var failures = new ConcurrentBag<string>();
        using var stopReaders = new CancellationTokenSource();
        var readers = Enumerable.Range(0, 4).Select(_ => Task.Run(async () =>
        {
            while (!stopReaders.IsCancellationRequested)
            {
                using var response = await server.Client.GetAsync("/data/items.json?_size=1&_shape=objects");
                if ((int)response.StatusCode >= 500)
                {
                    failures.Add("read " + (int)response.StatusCode);
                }
            }
        })).ToList();

        var watch = Stopwatch.StartNew();
        var writers = Enumerable.Range(0, clients).Select(client => Task.Run(async () =>
        {
            for (var batch = 0; batch < batches; batch++)
            {
                var first = (client * 1_000_000) + (batch * rowsPerBatch);
                var rows = string.Join(", ", Enumerable.Range(first, rowsPerBatch).Select(id => $$"""{"id": {{id}}, "v": "c{{client}}", "n": 0}"""));
                var json = batch % 4 == 3 ? $$"""{"rows": [{{rows}}]}""".Replace("\"n\": 0", "\"n\": 1") : $$"""{"rows": [{{rows}}]}""";
                var path = batch % 4 == 3 ? "/-/upsert" : "/-/insert";
                using var request = new HttpRequestMessage(HttpMethod.Post, server.BaseUrl + "/data/items" + path) { Content = new StringContent(json, Encoding.UTF8, "application/json") };
                request.Headers.TryAddWithoutValidation("Authorization", bearer);
                using var response = await server.Client.SendAsync(request);
                if (!response.IsSuccessStatusCode)
                {
                    failures.Add($"write {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
                }
            }
        })).ToList();
        await Task.WhenAll(writers);
        var elapsed = watch.Elapsed;
        await stopReaders.CancelAsync();
        await Task.WhenAll(readers);

        var requests = clients * batches;
        var commits = database.GroupCommits - commitsBefore;
        output.WriteLine($"{clients} clients x {batches} batches of {rowsPerBatch} rows: {requests * rowsPerBatch / elapsed.TotalSeconds:F0} rows/s, {requests} requests in {commits} commits, {elapsed.TotalMilliseconds:F0} ms");
        Assert.Empty(failures);
        Assert.Equal((long)requests * rowsPerBatch, file.Scalar("select count(*) from items"));
        Assert.Equal((long)(clients * (batches / 4) * rowsPerBatch), file.Scalar("select count(*) from items where n = 1"));
        Assert.True(commits < requests, $"{commits} commits for {requests} writes: nothing was grouped");
    }
}
