using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json.Nodes;
using System.Threading.Tasks;
using Datasette.Gen.Runtime;
using Datasette.Gen.Runtime.Client;
using Datasette.Gen.Runtime.Tokens;
using Datasette.Gen.Tests.PluginApi;

namespace Datasette.Gen.Tests.Write;

/// <summary>
/// The stored-query management API (write-api spec §15): store, analyze, update and delete user
/// queries in the internal database, with the owner and is_private rules, every refusal's message,
/// and the stored queries then served like configured ones.
/// </summary>
public sealed class StoredQueryApiTests
{
    private static readonly JsonObject Root = PluginApiInstance.Actor("root");
    private static readonly JsonObject Alice = PluginApiInstance.Actor("alice");
    private static readonly JsonObject Bob = PluginApiInstance.Actor("bob");

    // Every actor with an id may store queries and run write SQL; only root holds the row permissions.
    private const string Yaml = """
        permissions:
          store-query:
            id: "*"
          execute-write-sql:
            id: "*"
        databases:
          data:
            queries:
              configured:
                sql: select count(*) as n from docs
        """;

    private static async Task<PluginApiInstance> CreateAsync(string yaml = Yaml)
    {
        var instance = await PluginApiInstance.CreateAsync(yaml, null, new DatasetteOptions { RootEnabled = true, Secret = "s" }, databases: ("data", """
            CREATE TABLE docs (id INTEGER PRIMARY KEY, title TEXT);
            INSERT INTO docs VALUES (1, 'One');
            INSERT INTO docs VALUES (2, 'Two');
            CREATE VIEW docs_view AS SELECT * FROM docs;
            """));
        // The host saves the configured queries at start-up; this instance has no host.
        await instance.Datasette.Internal.Queries.SaveConfigQueriesAsync(PluginApiInstance.Bind(yaml));
        return instance;
    }

    private static Task<ClientResponse> StoreAsync(PluginApiInstance instance, JsonObject query, JsonObject? actor) =>
        instance.Datasette.Client.PostAsync("/data/-/queries/store", json: new JsonObject { ["query"] = query }, actor: actor);

    private static JsonObject Query(string name, string sql, params (string Key, JsonNode? Value)[] extra)
    {
        var query = new JsonObject { ["name"] = name, ["sql"] = sql };
        foreach (var (key, value) in extra)
        {
            query[key] = value;
        }
        return query;
    }

    private static (int, string?) Outcome(ClientResponse response) => (response.Status, response.Json()?["error"]?.GetValue<string>());

    private static async Task<long> CountAsync(PluginApiInstance instance)
    {
        var response = await instance.Datasette.Client.GetAsync("/data/-/query.json?_shape=arrayfirst&sql=select+count(*)+from+docs", actor: Root);
        return response.Json()!.AsArray()[0]!.GetValue<long>();
    }

    [Fact]
    public async Task Store_saves_a_private_user_query_owned_by_the_actor_that_runs_like_a_configured_one()
    {
        await using var instance = await CreateAsync();

        var stored = await StoreAsync(instance, Query("by_title", "select id, title from docs where title = :title", ("title", "By title")), Alice);

        Assert.Equal(201, stored.Status);
        var query = stored.Json()!["query"]!;
        Assert.Equal(Runtime.Urls.UnstableNote, stored.Json()!["unstable"]!.GetValue<string>());
        Assert.Equal(
            """{"database":"data","name":"by_title","sql":"select id, title from docs where title = :title","title":"By title","description":null,"description_html":null,"hide_sql":false,"fragment":null,"parameters":["title"],"is_write":false,"is_private":true,"is_trusted":false,"source":"user","owner_id":"alice","on_success_message":null,"on_success_message_sql":null,"on_success_redirect":null,"on_error_message":null,"on_error_redirect":null}""",
            query.ToJsonString());

        var run = await instance.Datasette.Client.GetAsync("/data/by_title.json?title=Two&_shape=array", actor: Alice);
        Assert.Equal("""[{"id":2,"title":"Two"}]""", run.Json()!.ToJsonString());
        Assert.Equal(403, (await instance.Datasette.Client.GetAsync("/data/by_title.json?title=Two", actor: Bob)).Status);
        Assert.Equal(403, (await instance.Datasette.Client.GetAsync("/data/by_title.json?title=Two")).Status);

        var mine = await instance.Datasette.Client.GetAsync("/data/-/queries.json", actor: Alice);
        Assert.Contains("by_title", mine.Json()!["queries"]!.AsArray().Select(q => q!["name"]!.GetValue<string>()));
        var everywhere = await instance.Datasette.Client.GetAsync("/-/queries.json", actor: Alice);
        Assert.Contains("by_title", everywhere.Json()!["queries"]!.AsArray().Select(q => q!["name"]!.GetValue<string>()));
        var others = await instance.Datasette.Client.GetAsync("/-/queries.json", actor: Bob);
        Assert.DoesNotContain("by_title", others.Json()!["queries"]!.AsArray().Select(q => q!["name"]!.GetValue<string>()));
        var definition = await instance.Datasette.Client.GetAsync("/data/by_title/-/definition", actor: Alice);
        Assert.Equal("alice", definition.Json()!["query"]!["owner_id"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_public_query_is_listed_and_run_for_everybody()
    {
        await using var instance = await CreateAsync();
        Assert.Equal(201, (await StoreAsync(instance, Query("titles", "select title from docs order by id", ("is_private", false)), Alice)).Status);

        var run = await instance.Datasette.Client.GetAsync("/data/titles.json?_shape=arrayfirst", actor: Bob);

        Assert.Equal("""["One","Two"]""", run.Json()!.ToJsonString());
        var listed = await instance.Datasette.Client.GetAsync("/-/queries.json");
        Assert.Contains("titles", listed.Json()!["queries"]!.AsArray().Select(q => q!["name"]!.GetValue<string>()));
    }

    public static TheoryData<string, int, string> StoreRefusals => new()
    {
        { """[]""", 400, "JSON must be a dictionary" },
        { """{}""", 400, "JSON must contain a query dictionary" },
        { """{"query": []}""", 400, "JSON must contain a query dictionary" },
        { """{"query": {"name": "q", "sql": "select 1", "nope": 1, "also": 2}}""", 400, "Invalid keys: also, nope" },
        { """{"query": {"sql": "select 1"}}""", 400, "Query name is required" },
        { """{"query": {"name": 5, "sql": "select 1"}}""", 400, "Query name is required" },
        { """{"query": {"name": "a/b", "sql": "select 1"}}""", 400, "Invalid query name" },
        { """{"query": {"name": "a.b", "sql": "select 1"}}""", 400, "Invalid query name" },
        { """{"query": {"name": "ab\n", "sql": "select 1"}}""", 400, "Invalid query name" },
        { """{"query": {"name": "docs", "sql": "select 1"}}""", 400, "Query name conflicts with a table or view" },
        { """{"query": {"name": "docs_view", "sql": "select 1"}}""", 400, "Query name conflicts with a table or view" },
        { """{"query": {"name": "configured", "sql": "select 1"}}""", 400, "Query already exists" },
        { """{"query": {"name": "q"}}""", 400, "SQL is required" },
        { """{"query": {"name": "q", "sql": ""}}""", 400, "SQL is required" },
        { """{"query": {"name": "q", "sql": "select :_actor_id"}}""", 400, "Magic parameters are not allowed" },
        { """{"query": {"name": "q", "sql": "select * from nope"}}""", 400, "Could not analyze query: no such table: nope" },
        { """{"query": {"name": "q", "sql": "select 1; select 2"}}""", 400, "Could not analyze query: You can only execute one statement at a time." },
        { """{"query": {"name": "q", "sql": "values (1)"}}""", 400, "Statement must be a SELECT" },
        { """{"query": {"name": "q", "sql": "insert into docs (title) values ('x')"}}""", 403, "Permission denied: need insert-row on data/docs" },
        { """{"query": {"name": "q", "sql": "vacuum"}}""", 403, "VACUUM is not allowed in user-supplied SQL" },
        { """{"query": {"name": "q", "sql": "select 1", "on_success_message": "Done"}}""", 400, "Writable query fields require writable SQL" },
        { """{"query": {"name": "q", "sql": "select :a", "parameters": 5}}""", 400, "parameters must be a list of strings" },
        { """{"query": {"name": "q", "sql": "select :a", "parameters": ["a", 1]}}""", 400, "parameters must be a list of strings" },
        { """{"query": {"name": "q", "sql": "select :a", "parameters": ["b"]}}""", 400, "parameters must match SQL named parameters" },
        { """{"query": {"name": "q", "sql": "select :a", "parameters": ["_b"]}}""", 400, "Magic parameters are not allowed" },
        { """{"query": {"name": "q", "sql": "select 1", "title": 5}}""", 400, "title must be a string" },
        { """{"query": """, 400, "Invalid JSON: Expecting value: line 1 column 11 (char 10)" },
    };

    [Theory]
    [MemberData(nameof(StoreRefusals))]
    public async Task Store_refuses_each_invalid_request_with_its_message_and_saves_nothing(string body, int status, string error)
    {
        await using var instance = await CreateAsync();

        var response = await instance.Datasette.Client.PostAsync("/data/-/queries/store", content: body,
            headers: new[] { KeyValuePair.Create("Content-Type", "application/json") }, actor: Alice);

        Assert.Equal((status, error), Outcome(response));
        var listed = await instance.Datasette.Client.GetAsync("/data/-/queries.json", actor: Root);
        Assert.Equal(new[] { "configured" }, listed.Json()!["queries"]!.AsArray().Select(q => q!["name"]!.GetValue<string>()));
    }

    [Fact]
    public async Task Store_needs_store_query_and_execute_sql()
    {
        await using var instance = await CreateAsync();
        Assert.Equal((403, "Permission denied: need store-query"), Outcome(await StoreAsync(instance, Query("q", "select 1"), actor: null)));

        await using var noSql = await CreateAsync(Yaml + "\n    allow_sql: false");
        Assert.Equal((403, "Permission denied: need execute-sql"), Outcome(await StoreAsync(noSql, Query("q", "select 1"), Alice)));
    }

    [Fact]
    public async Task Storing_the_same_name_twice_keeps_the_first()
    {
        await using var instance = await CreateAsync();
        Assert.Equal(201, (await StoreAsync(instance, Query("q", "select 1 as first"), Alice)).Status);

        Assert.Equal((400, "Query already exists"), Outcome(await StoreAsync(instance, Query("q", "select 2 as second"), Bob)));

        var definition = await instance.Datasette.Client.GetAsync("/data/q/-/definition", actor: Alice);
        Assert.Equal("select 1 as first", definition.Json()!["query"]!["sql"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_write_query_is_analysed_for_its_owner_and_again_for_each_actor_that_runs_it()
    {
        await using var instance = await CreateAsync();
        var stored = await StoreAsync(instance, Query("add_doc", "insert into docs (title) values (:title)", ("is_private", false), ("on_success_message", "Added")), Root);
        Assert.Equal(201, stored.Status);
        Assert.True(stored.Json()!["query"]!["is_write"]!.GetValue<bool>());

        var refused = await instance.Datasette.Client.PostAsync("/data/add_doc", json: new JsonObject { ["title"] = "Three" }, actor: Alice,
            headers: new[] { KeyValuePair.Create("Accept", "application/json") });

        Assert.Equal(403, refused.Status);
        Assert.Contains("Permission denied: need insert-row on data/docs", refused.Text);
        Assert.Equal(2, await CountAsync(instance));

        var allowed = await instance.Datasette.Client.PostAsync("/data/add_doc", json: new JsonObject { ["title"] = "Three" }, actor: Root,
            headers: new[] { KeyValuePair.Create("Accept", "application/json") });
        Assert.Equal((200, "Added"), (allowed.Status, allowed.Json()!["message"]!.GetValue<string>()));
        Assert.Equal(3, await CountAsync(instance));
    }

    [Fact]
    public async Task A_user_read_query_needs_execute_sql_to_run_a_configured_one_does_not()
    {
        await using var instance = await CreateAsync();
        Assert.Equal(201, (await StoreAsync(instance, Query("titles", "select title from docs", ("is_private", false)), Alice)).Status);
        var noSql = new TokenRestrictions().AllowAll("view-instance").AllowAll("view-database").AllowAll("view-query");
        var token = await instance.Datasette.CreateTokenAsync("bob", restrictions: noSql);
        var bearer = new[] { KeyValuePair.Create("Authorization", "Bearer " + token) };

        Assert.Equal(403, (await instance.Datasette.Client.GetAsync("/data/titles.json", headers: bearer)).Status);
        Assert.Equal(200, (await instance.Datasette.Client.GetAsync("/data/configured.json", headers: bearer)).Status);
    }

    [Fact]
    public async Task A_form_post_stores_the_query_and_redirects_to_it_with_a_message()
    {
        await using var instance = await CreateAsync();

        var response = await instance.Datasette.Client.PostAsync("/data/-/queries/store", data: new[]
        {
            KeyValuePair.Create("name", "from_form"), KeyValuePair.Create("sql", "select :a, :b"), KeyValuePair.Create("parameters", "b, a"),
            KeyValuePair.Create("title", "Form"), KeyValuePair.Create("mode", "save"),
        }, actor: Alice);

        Assert.Equal((302, "/data/from_form"), (response.Status, response.Header("Location")));
        Assert.Contains("ds_messages", response.Cookies.Keys);
        var definition = await instance.Datasette.Client.GetAsync("/data/from_form/-/definition", actor: Alice);
        var query = definition.Json()!["query"]!;
        Assert.Equal(("""["b","a"]""", true, "Form"), (query["parameters"]!.ToJsonString(), query["is_private"]!.GetValue<bool>(), query["title"]!.GetValue<string>()));
    }

    [Fact]
    public async Task Analyze_reports_parameters_operations_and_whether_saving_is_possible()
    {
        await using var instance = await CreateAsync();

        var read = (await instance.Datasette.Client.GetAsync("/data/-/queries/analyze?sql=" + Uri.EscapeDataString("select * from docs where id = :id"), actor: Alice)).Json()!;
        Assert.Equal(
            """{"ok":true,"parameters":["id"],"analysis_error":null,"analysis_rows":[{"operation":"read","database":"data","table":"docs","required_permission":"view-table","source":null,"allowed":true}],"has_sql":true,"analysis_is_write":false,"save_disabled":false,"unstable":"This API is not part of Datasette\u0027s stable interface and may change at any time"}""",
            read.ToJsonString());

        var write = (await instance.Datasette.Client.GetAsync("/data/-/queries/analyze?sql=" + Uri.EscapeDataString("delete from docs"), actor: Alice)).Json()!;
        Assert.Equal((true, true, false), (write["analysis_is_write"]!.GetValue<bool>(), write["save_disabled"]!.GetValue<bool>(), write["analysis_rows"]![0]!["allowed"]!.GetValue<bool>()));

        var broken = (await instance.Datasette.Client.GetAsync("/data/-/queries/analyze?sql=select+*+from+nope", actor: Alice)).Json()!;
        Assert.Equal((false, "no such table: nope", true), (broken["ok"]!.GetValue<bool>(), broken["analysis_error"]!.GetValue<string>(), broken["save_disabled"]!.GetValue<bool>()));

        var empty = (await instance.Datasette.Client.GetAsync("/data/-/queries/analyze", actor: Alice)).Json()!;
        Assert.Equal((false, true), (empty["has_sql"]!.GetValue<bool>(), empty["save_disabled"]!.GetValue<bool>()));

        Assert.Equal((400, "Invalid keys: x"), Outcome(await instance.Datasette.Client.GetAsync("/data/-/queries/analyze?sql=select+1&x=1", actor: Alice)));
        Assert.Equal((403, "Permission denied: need store-query"), Outcome(await instance.Datasette.Client.GetAsync("/data/-/queries/analyze?sql=select+1")));
    }

    [Fact]
    public async Task Update_changes_only_the_named_fields_for_the_owner()
    {
        await using var instance = await CreateAsync();
        Assert.Equal(201, (await StoreAsync(instance, Query("q", "select 1 as one", ("title", "Old"), ("description", "Kept"), ("is_private", false)), Alice)).Status);

        var updated = await instance.Datasette.Client.PostAsync("/data/q/-/update", json: new JsonObject
        {
            ["update"] = new JsonObject { ["title"] = "New", ["sql"] = "select :x as x", ["hide_sql"] = true },
            ["return"] = true,
        }, actor: Alice);

        Assert.Equal(200, updated.Status);
        var query = updated.Json()!["query"]!;
        Assert.Equal(("New", "Kept", "select :x as x", """["x"]""", true, false),
            (query["title"]!.GetValue<string>(), query["description"]!.GetValue<string>(), query["sql"]!.GetValue<string>(),
             query["parameters"]!.ToJsonString(), query["hide_sql"]!.GetValue<bool>(), query["is_private"]!.GetValue<bool>()));
        var plain = await instance.Datasette.Client.PostAsync("/data/q/-/update", json: new JsonObject { ["update"] = new JsonObject { ["title"] = null } }, actor: Alice);
        Assert.Equal("""{"ok":true}""", plain.Json()!.ToJsonString());
        var run = await instance.Datasette.Client.GetAsync("/data/q.json?x=7&_shape=arrayfirst", actor: Bob);
        Assert.Equal("""["7"]""", run.Json()!.ToJsonString());
    }

    public static TheoryData<string, int, string> UpdateRefusals => new()
    {
        { """[]""", 400, "JSON must be a dictionary" },
        { """{"update": {}, "extra": 1}""", 400, "Invalid keys: extra" },
        { """{"return": true}""", 400, "JSON must contain an update dictionary" },
        { """{"update": {"name": "renamed"}}""", 400, "Invalid keys: name" },
        { """{"update": {"sql": "values (1)"}}""", 400, "Statement must be a SELECT" },
        { """{"update": {"sql": 5}}""", 400, "SQL is required" },
        { """{"update": {"sql": "delete from docs"}}""", 403, "Permission denied: need delete-row on data/docs" },
        { """{"update": {"parameters": ["y"]}}""", 400, "parameters must match SQL named parameters" },
        { """{"update": {"on_error_message": "Oops"}}""", 400, "Writable query fields require writable SQL" },
    };

    [Theory]
    [MemberData(nameof(UpdateRefusals))]
    public async Task Update_refuses_each_invalid_request_and_changes_nothing(string body, int status, string error)
    {
        await using var instance = await CreateAsync();
        Assert.Equal(201, (await StoreAsync(instance, Query("q", "select :x as x"), Alice)).Status);

        var response = await instance.Datasette.Client.PostAsync("/data/q/-/update", content: body,
            headers: new[] { KeyValuePair.Create("Content-Type", "application/json") }, actor: Alice);

        Assert.Equal((status, error), Outcome(response));
        var definition = await instance.Datasette.Client.GetAsync("/data/q/-/definition", actor: Alice);
        Assert.Equal("select :x as x", definition.Json()!["query"]!["sql"]!.GetValue<string>());
    }

    [Fact]
    public async Task Only_the_owner_may_update_or_delete_and_trusted_queries_never_through_the_api()
    {
        await using var instance = await CreateAsync();
        Assert.Equal(201, (await StoreAsync(instance, Query("public_q", "select 1", ("is_private", false)), Alice)).Status);
        var retitle = new JsonObject { ["update"] = new JsonObject { ["title"] = "x" } };

        Assert.Equal((403, "Permission denied: need update-query"), Outcome(await instance.Datasette.Client.PostAsync("/data/public_q/-/update", json: retitle, actor: Bob)));
        Assert.Equal((403, "Permission denied: need delete-query"), Outcome(await instance.Datasette.Client.PostAsync("/data/public_q/-/delete", json: new JsonObject(), actor: Bob)));
        Assert.Equal((403, "Trusted queries cannot be updated using the API"), Outcome(await instance.Datasette.Client.PostAsync("/data/configured/-/update", json: retitle, actor: Root)));
        Assert.Equal((403, "Trusted queries cannot be deleted using the API"), Outcome(await instance.Datasette.Client.PostAsync("/data/configured/-/delete", json: new JsonObject(), actor: Root)));
        Assert.Equal((404, "Query not found: missing"), Outcome(await instance.Datasette.Client.PostAsync("/data/missing/-/update", json: retitle, actor: Root)));
        Assert.Equal((404, "Query not found: missing"), Outcome(await instance.Datasette.Client.PostAsync("/data/missing/-/delete", json: new JsonObject(), actor: Root)));
        Assert.Equal((403, "Permission denied: need execute-sql"), Outcome(await instance.Datasette.Client.PostAsync("/data/public_q/-/update",
            json: new JsonObject { ["update"] = new JsonObject { ["sql"] = "select 2" } }, actor: Alice,
            headers: new[] { KeyValuePair.Create("Authorization", "Bearer " + await instance.Datasette.CreateTokenAsync("alice", restrictions: new TokenRestrictions().AllowAll("update-query"))) })));

        Assert.Equal(200, (await instance.Datasette.Client.PostAsync("/data/public_q/-/update", json: retitle, actor: Alice)).Status);
    }

    [Fact]
    public async Task Delete_removes_the_query_for_json_and_form_posts()
    {
        await using var instance = await CreateAsync();
        Assert.Equal(201, (await StoreAsync(instance, Query("one", "select 1"), Alice)).Status);
        Assert.Equal(201, (await StoreAsync(instance, Query("two", "select 2", ("title", "Second")), Alice)).Status);

        var json = await instance.Datasette.Client.PostAsync("/data/one/-/delete", json: new JsonObject(), actor: Alice);
        var form = await instance.Datasette.Client.PostAsync("/data/two/-/delete", data: Array.Empty<KeyValuePair<string, string>>(), actor: Alice);

        Assert.Equal("""{"ok":true}""", json.Json()!.ToJsonString());
        Assert.Equal((302, "/data"), (form.Status, form.Header("Location")));
        Assert.Equal(404, (await instance.Datasette.Client.GetAsync("/data/one.json", actor: Alice)).Status);
        Assert.Equal(404, (await instance.Datasette.Client.GetAsync("/data/two/-/definition", actor: Alice)).Status);
    }
}
