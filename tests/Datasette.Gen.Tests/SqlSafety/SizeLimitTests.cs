using System;
using System.Net;
using System.Threading.Tasks;
using Datasette.Gen.Tests.Infrastructure;

namespace Datasette.Gen.Tests.SqlSafety;

/// <summary>max_value_mb bounds one value a statement makes; max_response_mb bounds the page a view buffers.</summary>
public sealed class SizeLimitTests(SizeLimitTests.ServerFixture fixture) : IClassFixture<SizeLimitTests.ServerFixture>
{
    public sealed class ServerFixture : IAsyncLifetime
    {
        public SqlSafetyServer Safety { get; private set; } = null!;

        public async Task InitializeAsync() => Safety = await SqlSafetyServer.StartAsync(("max_value_mb", "1"), ("max_response_mb", "1"));

        public async Task DisposeAsync() => await Safety.DisposeAsync();
    }

    private const string TooBig = "string or blob too big: a value may hold at most 1 MB (the max_value_mb setting)";

    private readonly TestServer _server = fixture.Safety.Server;

    private Task<HttpJson.JsonResponse> Query(string sql) =>
        _server.Client.GetJsonAsync("/safety/-/query.json?sql=" + Uri.EscapeDataString(sql));

    private static void AssertRefused(HttpJson.JsonResponse response, string message)
    {
        Assert.Equal(400, response.Status);
        Assert.Equal(message, response.Json.GetProperty("error").GetString());
    }

    [Theory]
    [InlineData("select length(zeroblob(2000000))")]
    [InlineData("select length(printf('%.*c', 2000000, 'x'))")]
    [InlineData("select length(randomblob(2000000))")]
    [InlineData("select length(replace(hex(zeroblob(300000)), '0', '00'))")]
    [InlineData("with recursive c(x) as (select 1 union all select x + 1 from c where x < 300) select length(group_concat(printf('%.*c', 5000, 'x'))) from c")]
    [InlineData("select length(hex(randomblob(600000)))")]
    public async Task A_value_past_max_value_mb_answers_400(string sql)
    {
        AssertRefused(await Query(sql), TooBig);
    }

    [Fact]
    public async Task Printf_repeating_a_character_past_max_value_mb_answers_400_at_once()
    {
        // SQLite 3.40 spends seconds on this even though the length limit discards the result.
        var watch = System.Diagnostics.Stopwatch.StartNew();
        AssertRefused(await Query("select printf('%.*c', 900000000, 'x')"), TooBig);
        AssertRefused(await Query("select format('%-.900000000c', 'x')"), TooBig);
        AssertRefused(await _server.Client.GetJsonAsync("/safety/-/query.json?sql=" + Uri.EscapeDataString("select printf('%.*c', :n, 'x')") + "&n=-900000000"), TooBig);
        Assert.True(watch.ElapsedMilliseconds < 2000, $"took {watch.ElapsedMilliseconds} ms");
    }

    [Fact]
    public async Task Printf_and_format_still_answer_as_sqlite_does()
    {
        var response = await Query("select printf('%d-%5.2f-%s-%.3c-%q-%%', 42, 3.14159, 'x', 'y', 'it''s') as p, format('%x', 255) as f, printf(null) as n, printf('%s', x'41') as b, printf('%2000000c', 'x') as wide");
        Assert.Equal(200, response.Status);
        var row = response.Json.GetProperty("rows")[0];
        Assert.Equal("42- 3.14-x-yyy-it''s-%", row.GetProperty("p").GetString());
        Assert.Equal("ff", row.GetProperty("f").GetString());
        Assert.Equal(System.Text.Json.JsonValueKind.Null, row.GetProperty("n").ValueKind);
        Assert.Equal("A", row.GetProperty("b").GetString());
        // Past the length limit otherwise, SQLite's printf answers NULL rather than an error.
        Assert.Equal(System.Text.Json.JsonValueKind.Null, row.GetProperty("wide").ValueKind);
    }

    [Fact]
    public async Task A_value_past_max_value_mb_in_where_answers_400()
    {
        AssertRefused(await _server.Client.GetJsonAsync("/safety/items.json?_where=" + Uri.EscapeDataString("length(zeroblob(2000000)) > 0")), TooBig);
    }

    [Fact]
    public async Task Values_below_the_limit_are_unaffected()
    {
        var response = await Query("select length(zeroblob(900000)) as n, length(printf('%.*c', 900000, 'x')) as m");
        Assert.Equal(200, response.Status);
        Assert.Equal(900000, response.Json.GetProperty("rows")[0].GetProperty("n").GetInt32());
        Assert.Equal(900000, response.Json.GetProperty("rows")[0].GetProperty("m").GetInt32());
    }

    [Fact]
    public async Task A_page_past_max_response_mb_answers_400_and_a_normal_page_is_unaffected()
    {
        // 1,000 rows of 2,000 characters: each value is small, the page is about 2 MB.
        const string Wide = "with recursive c(x) as (select 1 union all select x + 1 from c where x < 1000) select x, printf('%.*c', 2000, 'y') as v from c";
        var response = await Query(Wide);
        Assert.True(response.Status == 400, response.Text);
        Assert.StartsWith("Response too large: a page may hold at most 1 MB (the max_response_mb setting)", response.Json.GetProperty("error").GetString());
        var csv = await _server.Client.GetAsync("/safety/-/query.csv?sql=" + Uri.EscapeDataString(Wide));
        Assert.Equal(HttpStatusCode.BadRequest, csv.StatusCode);
        var half = await Query(Wide.Replace("x < 1000", "x < 200"));
        Assert.Equal(200, half.Status);
        Assert.Equal(200, half.Json.GetProperty("rows").GetArrayLength());
    }

    [Fact]
    public async Task Settings_json_lists_the_limits_once_they_are_changed()
    {
        var settings = (await _server.Client.GetJsonAsync("/-/settings.json")).Json;
        Assert.Equal(1, settings.GetProperty("max_value_mb").GetInt32());
        Assert.Equal(1, settings.GetProperty("max_response_mb").GetInt32());
        Assert.False(settings.TryGetProperty("max_sqlite_memory_mb", out _));
    }
}
