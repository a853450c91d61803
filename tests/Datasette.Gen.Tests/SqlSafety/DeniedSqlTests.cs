using System;
using System.Linq;
using System.Net;
using System.Threading.Tasks;
using Datasette.Gen.Tests.Infrastructure;

namespace Datasette.Gen.Tests.SqlSafety;

/// <summary>
/// docs/sql-safety.md: what SQL from a request may not reach (process memory, files, other
/// requests' statements), whichever way the SQL arrives, while FTS and pragma functions still work.
/// </summary>
public sealed class DeniedSqlTests(DeniedSqlTests.ServerFixture fixture) : IClassFixture<DeniedSqlTests.ServerFixture>
{
    public sealed class ServerFixture : IAsyncLifetime
    {
        public SqlSafetyServer Safety { get; private set; } = null!;

        public async Task InitializeAsync() => Safety = await SqlSafetyServer.StartAsync();

        public async Task DisposeAsync() => await Safety.DisposeAsync();
    }

    private readonly TestServer _server = fixture.Safety.Server;

    private Task<HttpJson.JsonResponse> Query(string sql, string extra = "") =>
        _server.Client.GetJsonAsync("/safety/-/query.json?sql=" + Uri.EscapeDataString(sql) + extra);

    private static void AssertRefused(HttpJson.JsonResponse response, string expected)
    {
        Assert.Equal(400, response.Status);
        Assert.False(response.Json.GetProperty("ok").GetBoolean());
        Assert.Contains(expected, response.Json.GetProperty("error").GetString());
    }

    private async Task AssertFts3StillAnswers()
    {
        var response = await Query("select body from docs3 where docs3 match 'hello'");
        Assert.Equal(200, response.Status);
        Assert.Equal("hello world", response.Json.GetProperty("rows")[0].GetProperty("body").GetString());
    }

    [Fact]
    public async Task Replacing_the_fts3_tokenizer_is_refused_and_fts3_queries_still_answer()
    {
        // Before the guard this replaced the "simple" tokenizer with a pointer to 0x4141…, and the
        // next FTS3 query crashed the process.
        AssertRefused(await Query("select fts3_tokenizer('simple', X'4141414141414141')"), "fts3_tokenizer() is not allowed");
        await AssertFts3StillAnswers();
    }

    [Fact]
    public async Task Reading_a_tokenizer_pointer_is_refused()
    {
        AssertRefused(await Query("select hex(fts3_tokenizer('simple'))"), "fts3_tokenizer() is not allowed");
        AssertRefused(await Query("select FTS3_Tokenizer('porter')"), "fts3_tokenizer() is not allowed");
    }

    [Fact]
    public async Task The_tokenizer_is_refused_in_a_stored_query_with_request_values_bound()
    {
        AssertRefused(await _server.Client.GetJsonAsync("/safety/tokenizer.json?name=simple&pointer=AAAAAAAA"), "fts3_tokenizer() is not allowed");
        AssertRefused(await Query("select fts3_tokenizer(:name, cast(:pointer as blob))", "&name=simple&pointer=AAAAAAAA"), "fts3_tokenizer() is not allowed");
        await AssertFts3StillAnswers();
    }

    [Fact]
    public async Task The_tokenizer_is_refused_in_where()
    {
        var response = await _server.Client.GetJsonAsync("/safety/items.json?_where=" + Uri.EscapeDataString("fts3_tokenizer('simple') is not null"));
        AssertRefused(response, "fts3_tokenizer() is not allowed");
    }

    [Fact]
    public async Task Load_extension_is_refused()
    {
        AssertRefused(await Query("select load_extension('/tmp/nothing.so')"), "load_extension() is not allowed");
    }

    [Fact]
    public async Task The_statements_of_shared_connections_cannot_be_listed()
    {
        AssertRefused(await Query("select sql from sqlite_stmt"), "sqlite_stmt is not allowed");
    }

    [Fact]
    public async Task Fts3_fts4_and_fts5_searches_still_work()
    {
        foreach (var table in new[] { "docs3", "docs4", "docs5" })
        {
            var response = await Query($"select body from {table} where {table} match :q", "&q=moon");
            Assert.Equal(200, response.Status);
            Assert.Equal("goodbye moon", response.Json.GetProperty("rows")[0].GetProperty("body").GetString());
            var page = await _server.Client.GetJsonAsync($"/safety/{table}.json?_search=hello");
            Assert.Equal(200, page.Status);
            Assert.Equal(1, page.Json.GetProperty("rows").GetArrayLength());
        }
        var items = await _server.Client.GetJsonAsync("/safety/items.json?_search=hello&_facet=name");
        Assert.Equal(200, items.Status);
        Assert.Equal("a", items.Json.GetProperty("rows")[0].GetProperty("name").GetString());
    }

    [Fact]
    public async Task Allowed_pragma_functions_and_stored_queries_still_work()
    {
        var columns = await Query("select name from pragma_table_info('items')");
        Assert.Equal(200, columns.Status);
        Assert.Equal(new[] { "id", "name", "body" }, columns.Json.GetProperty("rows").EnumerateArray().Select(r => r.GetProperty("name").GetString()));
        var functions = await Query("select count(*) as n from pragma_function_list() where name = 'escape_fts'");
        Assert.Equal(200, functions.Status);
        var stored = await _server.Client.GetJsonAsync("/safety/by_name.json?name=b");
        Assert.Equal(200, stored.Status);
        Assert.Equal("b", stored.Json.GetProperty("rows")[0].GetProperty("name").GetString());
    }

    [Fact]
    public async Task Positional_parameters_answer_pythons_sqlite3_message()
    {
        AssertRefused(await Query("select ?"), "Binding 1 has no name, but you supplied a dictionary (which has only names).");
        AssertRefused(await Query("select :a, ?", "&a=1"), "Binding 2 has no name, but you supplied a dictionary (which has only names).");
        AssertRefused(await Query("select ?1"), "You did not supply a value for binding parameter :1.");
        AssertRefused(await _server.Client.GetJsonAsync("/safety/positional.json"), "Binding 1 has no name, but you supplied a dictionary (which has only names).");
        var csv = await _server.Client.GetAsync("/safety/-/query.csv?sql=select+%3F");
        Assert.Equal(HttpStatusCode.BadRequest, csv.StatusCode);
    }
}
