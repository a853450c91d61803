using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json.Nodes;
using System.Threading.Tasks;
using Datasette.Gen.Runtime;
using Datasette.Gen.Runtime.Tokens;
using Datasette.Gen.Tests.PluginApi;

namespace Datasette.Gen.Tests.Write;

/// <summary>
/// <c>POST /{db}/-/execute-write</c> beyond the corpus: each operation of the SQL needs its own
/// permission, and what user SQL may never do (attach, pragmas, extensions, several statements,
/// other schemas, unbounded time) is refused with nothing written.
/// </summary>
public sealed class ExecuteWriteTests
{
    private static readonly JsonObject Root = PluginApiInstance.Actor("root");

    private static Task<PluginApiInstance> CreateAsync(string yaml = "{}") =>
        PluginApiInstance.CreateAsync(yaml, null, new DatasetteOptions { RootEnabled = true, Secret = "s" }, databases: ("data", """
            CREATE TABLE docs (id INTEGER PRIMARY KEY, title TEXT);
            INSERT INTO docs VALUES (1, 'One');
            CREATE TABLE plain (t TEXT);
            CREATE VIEW docs_view AS SELECT * FROM docs;
            """));

    private static async Task<(int Status, string? Error)> ExecuteAsync(PluginApiInstance instance, string sql, JsonObject? actor = null, IEnumerable<KeyValuePair<string, string>>? headers = null)
    {
        var response = await instance.Datasette.Client.PostAsync("/data/-/execute-write", json: new JsonObject { ["sql"] = sql }, actor: actor, headers: headers);
        return (response.Status, response.Json()!["error"]?.GetValue<string>());
    }

    private static async Task<string> ScalarAsync(PluginApiInstance instance, string sql)
    {
        var response = await instance.Datasette.Client.GetAsync("/data/-/query.json?_shape=arrayfirst&sql=" + Uri.EscapeDataString(sql), actor: Root);
        return response.Json()!.AsArray()[0]!.ToJsonString();
    }

    /// <summary>A token allowed execute-write-sql on data, plus the given "action" (database) or "action:table" grants.</summary>
    private static async Task<KeyValuePair<string, string>[]> TokenAsync(PluginApiInstance instance, string grants)
    {
        var restrictions = new TokenRestrictions().AllowDatabase("data", "execute-write-sql").AllowDatabase("data", "view-database");
        foreach (var grant in grants.Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            var parts = grant.Split(':');
            restrictions = parts.Length == 1 ? restrictions.AllowDatabase("data", parts[0]) : restrictions.AllowResource("data", parts[1], parts[0]);
        }
        var token = await instance.Datasette.CreateTokenAsync("root", restrictions: restrictions);
        return new[] { KeyValuePair.Create("Authorization", "Bearer " + token) };
    }

    [Theory]
    [InlineData("insert into plain values ('x')", "insert-row:plain", "Permission denied: need update-row on data/plain")]
    [InlineData("insert into plain values ('x')", "insert-row:plain update-row:plain", "Permission denied: need delete-row on data/plain")]
    [InlineData("insert into plain values ('x')", "insert-row:plain update-row:plain delete-row:plain", null)]
    [InlineData("delete from plain", "delete-row:plain", null)]
    [InlineData("delete from docs", "delete-row:plain", "Permission denied: need delete-row on data/docs")]
    [InlineData("update docs set title = 'x' where id = 1", "insert-row:docs update-row:docs delete-row:docs", "Permission denied: need view-table on data/docs")]
    [InlineData("update docs set title = 'x' where id = 1", "insert-row:docs update-row:docs delete-row:docs view-table:docs", null)]
    [InlineData("insert into plain select title from docs_view", "insert-row:plain update-row:plain delete-row:plain view-table:docs_view", "Permission denied: need view-table on data/docs")]
    [InlineData("create table t2 (id integer)", "", "Permission denied: need create-table on data")]
    [InlineData("create table t2 (id integer)", "create-table", null)]
    [InlineData("create view v2 as select 1", "create-table", "Permission denied: need create-view on data")]
    [InlineData("create view v2 as select 1", "create-view", null)]
    [InlineData("drop view docs_view", "drop-table:docs_view", "Permission denied: need drop-view on data/docs_view")]
    [InlineData("drop view docs_view", "drop-view:docs_view", null)]
    [InlineData("drop table plain", "delete-row:plain", "Permission denied: need drop-table on data/plain")]
    [InlineData("drop table plain", "drop-table:plain", null)]
    [InlineData("alter table docs add column extra text", "create-table", "Permission denied: need alter-table on data/docs")]
    [InlineData("alter table docs add column extra text", "alter-table:docs", null)]
    [InlineData("create index docs_title on docs (title)", "create-table", "Permission denied: need alter-table on data/docs")]
    [InlineData("create index docs_title on docs (title)", "alter-table:docs", "Permission denied: need view-table on data/docs")]
    [InlineData("create index docs_title on docs (title)", "alter-table:docs view-table:docs", null)]
    public async Task Each_operation_needs_its_own_permission(string sql, string grants, string? error)
    {
        await using var instance = await CreateAsync();
        var headers = await TokenAsync(instance, grants);
        var before = await ScalarAsync(instance, "select group_concat(name) from sqlite_master");

        var (status, message) = await ExecuteAsync(instance, sql, headers: headers);

        Assert.Equal((error is null ? 200 : 403, error), (status, message));
        if (error is not null)
        {
            Assert.Equal(before, await ScalarAsync(instance, "select group_concat(name) from sqlite_master"));
        }
    }

    [Fact]
    public async Task Without_execute_write_sql_nothing_is_analysed_or_run()
    {
        await using var instance = await CreateAsync();
        var viewOnly = new TokenRestrictions().AllowAll("view-instance").AllowAll("view-database").AllowAll("view-table").AllowAll("delete-row");
        var token = await instance.Datasette.CreateTokenAsync("root", restrictions: viewOnly);

        Assert.Equal((403, "Permission denied: need execute-write-sql"), await ExecuteAsync(instance, "delete from docs"));
        Assert.Equal((403, "Permission denied: need execute-write-sql"), await ExecuteAsync(instance, "delete from docs", headers: new[] { KeyValuePair.Create("Authorization", "Bearer " + token) }));
        Assert.Equal("1", await ScalarAsync(instance, "select count(*) from docs"));
    }

    [Theory]
    [InlineData("attach database ':memory:' as other", 400, "Could not analyze query: ATTACH and DETACH are not allowed: they open other files")]
    [InlineData("detach database main", 400, "Could not analyze query: ATTACH and DETACH are not allowed: they open other files")]
    [InlineData("pragma journal_mode = delete", 403, "Unsupported SQL operation: pragma pragma")]
    [InlineData("pragma writable_schema = 1", 403, "Unsupported SQL operation: pragma pragma")]
    [InlineData("insert into plain values (load_extension('/tmp/x.so'))", 400, "Could not analyze query: load_extension() is not allowed: it loads native code from a file")]
    [InlineData("insert into plain values (fts3_tokenizer('simple'))", 400, "Could not analyze query: fts3_tokenizer() is not allowed: it reads and replaces pointers in the server's memory")]
    [InlineData("vacuum", 403, "VACUUM is not allowed in user-supplied SQL")]
    [InlineData("begin", 403, "Unsupported SQL operation: begin transaction")]
    [InlineData("savepoint s1", 403, "Unsupported SQL operation: savepoint transaction")]
    [InlineData("release s1", 403, "Unsupported SQL operation: savepoint transaction")]
    [InlineData("commit", 403, "Unsupported SQL operation: commit transaction")]
    [InlineData("rollback", 403, "Unsupported SQL operation: rollback transaction")]
    [InlineData("reindex docs", 403, "Unsupported SQL operation: unknown statement")]
    [InlineData("analyze", 403, "Unsupported SQL operation: analyze table")]
    [InlineData("create trigger tr after insert on plain begin delete from docs; end", 403, "Unsupported SQL operation: create trigger")]
    [InlineData("create temp table scratch (x)", 403, "Writable queries may not access attached databases")]
    [InlineData("insert into plain values ('a'); drop table docs", 400, "Could not analyze query: You can only execute one statement at a time.")]
    [InlineData("insert into plain values ('a'); select 1", 400, "Could not analyze query: You can only execute one statement at a time.")]
    [InlineData("select * from docs", 400, "Use /-/query for read-only SQL; this endpoint only executes writes")]
    [InlineData("insert into plain values (:_actor_id)", 400, "Magic parameters are not allowed")]
    public async Task What_user_sql_may_never_do_is_refused_even_for_root(string sql, int status, string error)
    {
        await using var instance = await CreateAsync();

        Assert.Equal((status, error), await ExecuteAsync(instance, sql, Root));
        Assert.Equal("\"docs,plain,docs_view\"", await ScalarAsync(instance, "select group_concat(name) from sqlite_master"));
        Assert.Equal("0", await ScalarAsync(instance, "select count(*) from plain"));
    }

    [Fact]
    public async Task A_trailing_semicolon_or_comment_is_one_statement()
    {
        await using var instance = await CreateAsync();

        Assert.Equal((200, null), await ExecuteAsync(instance, "insert into plain values ('a'); -- done\n", Root));
        Assert.Equal("1", await ScalarAsync(instance, "select count(*) from plain"));
    }

    [Fact]
    public async Task A_statement_past_the_time_limit_is_interrupted_and_rolled_back()
    {
        await using var instance = await CreateAsync("settings:\n  sql_time_limit_ms: 50\n");
        const string Slow = "insert into plain select x from (with recursive c(x) as (select 1 union all select x + 1 from c) select x from c limit 100000000)";

        var (status, error) = await ExecuteAsync(instance, Slow, Root);

        Assert.Equal((400, "SQL query took too long. The time limit is controlled by the sql_time_limit_ms setting."), (status, error));
        Assert.Equal("0", await ScalarAsync(instance, "select count(*) from plain"));
        Assert.Equal((200, null), await ExecuteAsync(instance, "insert into plain values ('after')", Root));
    }

    [Fact]
    public async Task Returning_rows_are_capped_at_ten_and_the_rowcount_is_then_unknown()
    {
        await using var instance = await CreateAsync();
        var client = instance.Datasette.Client;

        var few = (await client.PostAsync("/data/-/execute-write", json: JsonNode.Parse("""{"sql": "insert into docs (title) values (:t), (:t) returning id, title", "params": {"t": "x"}}"""), actor: Root)).Json()!;
        var many = (await client.PostAsync("/data/-/execute-write", json: JsonNode.Parse("""{"sql": "insert into plain with recursive c(x) as (select 1 union all select x + 1 from c where x < 12) select x from c returning t"}"""), actor: Root)).Json()!;

        Assert.Equal("""{"ok":true,"message":"Query executed, 2 rows affected","rowcount":2,"rows":[{"id":2,"title":"x"},{"id":3,"title":"x"}],"truncated":false}""",
            new JsonObject(few.AsObject().Where(p => p.Key != "analysis").Select(p => KeyValuePair.Create(p.Key, p.Value?.DeepClone()))).ToJsonString());
        Assert.True(many["rows"] is JsonArray, many.ToJsonString());
        Assert.Equal(10, many["rows"]!.AsArray().Count);
        Assert.True(many["truncated"]!.GetValue<bool>());
        Assert.Equal(-1, many["rowcount"]!.GetValue<int>());
        Assert.Equal("Query executed", many["message"]!.GetValue<string>());
        Assert.Equal("12", await ScalarAsync(instance, "select count(*) from plain"));
    }

    [Fact]
    public async Task Json_answers_forbid_framing()
    {
        await using var instance = await CreateAsync();
        var response = await instance.Datasette.Client.PostAsync("/data/-/execute-write", json: new JsonObject { ["sql"] = "delete from plain" });

        Assert.Equal(403, response.Status);
        Assert.Equal("DENY", response.Header("X-Frame-Options"));
        Assert.Equal("frame-ancestors 'none'", response.Header("Content-Security-Policy"));
    }

    [Fact]
    public async Task The_analyze_endpoint_says_which_operations_the_actor_may_do_without_running_anything()
    {
        await using var instance = await CreateAsync();
        var headers = await TokenAsync(instance, "delete-row:plain");
        var client = instance.Datasette.Client;

        var response = await client.GetAsync("/data/-/execute-write/analyze?sql=" + Uri.EscapeDataString("insert into plain select title from docs where id = :id"), headers: headers);
        var body = response.Json()!;

        Assert.Equal(200, response.Status);
        Assert.True(body["ok"]!.GetValue<bool>());
        Assert.Equal("""["id"]""", body["parameters"]!.ToJsonString());
        Assert.Equal(
            """[{"operation":"insert","database":"data","table":"plain","required_permission":"insert-row, update-row, delete-row","source":null,"allowed":false},{"operation":"read","database":"data","table":"docs","required_permission":"view-table","source":null,"allowed":false}]""",
            body["analysis_rows"]!.ToJsonString());
        Assert.Equal("You do not have permission for every operation listed above.", body["execute_disabled_reason"]!.GetValue<string>());
        Assert.Equal(400, (await client.GetAsync("/data/-/execute-write/analyze?sql=x&other=1", actor: Root)).Status);
        Assert.Equal(403, (await client.GetAsync("/data/-/execute-write/analyze?sql=x")).Status);
        var broken = (await client.GetAsync("/data/-/execute-write/analyze?sql=" + Uri.EscapeDataString("insert into plain values ("), actor: Root)).Json()!;
        Assert.Equal("incomplete input", broken["analysis_error"]!.GetValue<string>());
        Assert.False(broken["ok"]!.GetValue<bool>());
        Assert.Equal("0", await ScalarAsync(instance, "select count(*) from plain"));
    }
}
