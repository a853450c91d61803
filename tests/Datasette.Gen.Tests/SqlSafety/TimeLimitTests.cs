using System;
using System.Diagnostics;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;
using Datasette.Gen.Runtime.Errors;
using Datasette.Gen.Runtime.Http;
using Datasette.Gen.Runtime.Sql;
using Datasette.Gen.Tests.Infrastructure;

namespace Datasette.Gen.Tests.SqlSafety;

/// <summary>A request can lower the SQL time limit but not lift it, and SQL stops when its client goes away.</summary>
public sealed class TimeLimitTests
{
    private const string Runaway = "with recursive c(x) as (select 1 union all select x + 1 from c) select count(*) from c";

    [Theory]
    [InlineData(null, 1000)]
    [InlineData("", 1000)]
    [InlineData("0", 1000)]
    [InlineData("00", 1000)]
    [InlineData("50", 50)]
    [InlineData(" 50 ", 50)]
    [InlineData("999999999999", 1000)]
    [InlineData("-5", -1)]
    public void A_requested_limit_only_ever_lowers_the_configured_one(string? requested, int expected)
    {
        Assert.Equal(expected, TimeLimits.Effective(1000, requested));
    }

    [Fact]
    public void A_custom_limit_of_zero_falls_back_to_the_configured_limit()
    {
        Assert.Equal(1000, TimeLimits.Effective(1000, 0));
        Assert.Equal(200, TimeLimits.Effective(1000, 200));
        Assert.Equal(1000, TimeLimits.Effective(1000, 5000));
    }

    [Fact]
    public void A_limit_that_is_not_an_integer_is_a_bad_request()
    {
        Assert.Equal(400, Assert.Throws<DatasetteHttpException>(() => TimeLimits.Effective(1000, "soon")).Status);
    }

    [Fact(Timeout = 60000)]
    public async Task Timelimit_zero_cannot_lift_the_limit_of_a_runaway_query()
    {
        await using var safety = await SqlSafetyServer.StartAsync();
        var client = safety.Server.Client;
        foreach (var url in new[]
        {
            "/safety/-/query.json?_timelimit=0&sql=" + Uri.EscapeDataString(Runaway),
            "/safety/-/query.json?_timelimit=00&sql=" + Uri.EscapeDataString(Runaway),
            "/safety/-/query.csv?_timelimit=0&sql=" + Uri.EscapeDataString(Runaway),
            "/safety/items.json?_timelimit=0&_where=" + Uri.EscapeDataString($"id < ({Runaway})"),
        })
        {
            var watch = Stopwatch.StartNew();
            var response = await client.GetAsync(url);
            watch.Stop();
            Assert.Equal(System.Net.HttpStatusCode.BadRequest, response.StatusCode);
            Assert.Contains("SQL query took too long", await response.Content.ReadAsStringAsync());
            Assert.True(watch.ElapsedMilliseconds < 4000, $"{url} answered after {watch.ElapsedMilliseconds} ms");
        }
    }

    [Fact(Timeout = 60000)]
    public async Task Versions_answers_while_user_queries_hold_every_sql_slot()
    {
        await using var safety = await SqlSafetyServer.StartAsync(("num_sql_threads", "1"), ("sql_time_limit_ms", "5000"));
        var client = safety.Server.Client;
        var runaway = client.GetAsync("/safety/-/query.json?sql=" + Uri.EscapeDataString(Runaway));
        await Task.Delay(300);
        var watch = Stopwatch.StartNew();
        var versions = await client.GetJsonAsync("/-/versions.json");
        watch.Stop();
        Assert.Equal(200, versions.Status);
        Assert.True(watch.ElapsedMilliseconds < 2500, $"/-/versions.json waited {watch.ElapsedMilliseconds} ms for the query's slot");
        Assert.Equal(System.Net.HttpStatusCode.BadRequest, (await runaway).StatusCode);
    }

    [Fact]
    public async Task The_thread_pool_keeps_a_thread_for_every_sql_slot_beyond_the_cores()
    {
        // SQL holds its pool thread while it runs; measured on the published server, four queries
        // running to the limit delayed /-/versions.json by 0.9 s while the pool added threads.
        await using var safety = await SqlSafetyServer.StartAsync(("num_sql_threads", "7"));
        System.Threading.ThreadPool.GetMinThreads(out var workers, out _);
        Assert.True(workers >= Environment.ProcessorCount + 7, $"minimum worker threads: {workers}");
    }

    [Fact(Timeout = 60000)]
    public async Task A_query_whose_client_went_away_gives_its_read_connection_back()
    {
        // One SQL slot and a minute's limit: only the abort can free the slot in time.
        await using var safety = await SqlSafetyServer.StartAsync(("num_sql_threads", "1"), ("sql_time_limit_ms", "60000"));
        var client = safety.Server.Client;
        using (var cancel = new CancellationTokenSource(TimeSpan.FromMilliseconds(500)))
        {
            await Assert.ThrowsAnyAsync<OperationCanceledException>(() =>
                client.GetAsync("/safety/-/query.json?sql=" + Uri.EscapeDataString(Runaway), cancel.Token));
        }
        var watch = Stopwatch.StartNew();
        var response = await client.GetJsonAsync("/safety/-/query.json?sql=select+1+as+one");
        watch.Stop();
        Assert.Equal(200, response.Status);
        Assert.True(watch.ElapsedMilliseconds < 5000, $"the next query waited {watch.ElapsedMilliseconds} ms for the slot");
    }
}
