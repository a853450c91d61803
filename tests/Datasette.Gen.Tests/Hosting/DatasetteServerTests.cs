using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Net.Http;
using System.Text.Json;
using System.Threading.Tasks;
using Datasette.Gen.Runtime.Hosting;
using Datasette.Gen.Tests.Infrastructure;

namespace Datasette.Gen.Tests.Hosting;

/// <summary>Kestrel without the generic host: addresses, graceful stop, and the instance closed after it.</summary>
public sealed class DatasetteServerTests
{
    // Counting to 8 million in SQL takes over a second here; the time limit is raised to allow it.
    private const string SlowCount = "with recursive c(x) as (select 1 union all select x + 1 from c where x < 3000000) select count(*) as n from c";

    [Fact(Timeout = 60000)]
    public async Task Stopping_lets_the_request_in_flight_finish_then_closes_the_instance_and_its_temporary_catalog()
    {
        var options = new ServeOptions
        {
            Memory = true,
            Host = "127.0.0.1",
            Port = 0,
            Settings = new List<KeyValuePair<string, string>> { new("sql_time_limit_ms", "60000") },
        };
        var server = await DatasetteHost.StartAsync(TestServer.EmptyDeployment, options);
        var catalog = server.Datasette.Internal.Database.Path!;
        Assert.Matches("^http://127\\.0\\.0\\.1:[0-9]+$", server.Urls[0]);
        using var client = new HttpClient { BaseAddress = new Uri(server.Urls[0]), Timeout = TimeSpan.FromSeconds(50) };

        var watch = Stopwatch.StartNew();
        var slow = client.GetAsync("/_memory/-/query.json?_shape=array&sql=" + Uri.EscapeDataString(SlowCount));
        // Stop as soon as the request is in the server's hands: a fixed delay was either too short
        // on a busy machine or let the query run past the 10 s grace.
        while (server.RequestsInFlightCount == 0 && !slow.IsCompleted)
        {
            await Task.Delay(5);
        }
        Assert.False(slow.IsCompleted, "the slow query finished before the server was asked to stop");
        var stoppedAt = watch.Elapsed;
        await server.StopAsync();

        var response = await slow;
        Assert.True(watch.Elapsed > stoppedAt);
        Assert.Equal(200, (int)response.StatusCode);
        using var rows = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal(3000000, rows.RootElement[0].GetProperty("n").GetInt64());
        Assert.True(server.Datasette.Databases[0].IsClosed);
        Assert.False(File.Exists(catalog), "the temporary internal database is still on disk");
        await Assert.ThrowsAsync<HttpRequestException>(() => client.GetAsync("/.json"));

        await server.DisposeAsync(); // after StopAsync: harmless
    }
}
