using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json.Nodes;
using System.Threading.Tasks;
using Datasette.Gen.Runtime;
using Datasette.Gen.Runtime.Events;
using Datasette.Gen.Runtime.Plugins;
using Datasette.Gen.Tests.PluginApi;

namespace Datasette.Gen.Tests.Write;

/// <summary>The row write endpoints beyond the corpus: cell encodings, events, restricted tokens, limits.</summary>
public sealed class WriteEndpointTests
{
    private static readonly JsonObject Root = PluginApiInstance.Actor("root");

    private static Task<PluginApiInstance> CreateAsync(string yaml = "{}", List<DatasetteEvent>? events = null)
    {
        var plugins = events is null ? null : new PluginRegistry().AddTrackEvent("recorder", (_, e) => { events.Add(e); return default; });
        return PluginApiInstance.CreateAsync(yaml, plugins, new DatasetteOptions { RootEnabled = true, Secret = "s" }, databases: ("data", """
            CREATE TABLE docs (id INTEGER PRIMARY KEY, title TEXT, body BLOB, score REAL);
            INSERT INTO docs VALUES (1, 'One', NULL, 1.5);
            CREATE TABLE plain (t TEXT);
            """));
    }

    private static async Task<string> ScalarAsync(PluginApiInstance instance, string sql)
    {
        var response = await instance.Datasette.Client.GetAsync("/data/-/query.json?_shape=arrayfirst&sql=" + Uri.EscapeDataString(sql), actor: Root);
        return response.Json()!.AsArray()[0]!.ToJsonString();
    }

    [Fact]
    public async Task Base64_cells_are_stored_as_blobs_and_come_back_in_the_same_form()
    {
        await using var instance = await CreateAsync();
        var inserted = await instance.Datasette.Client.PostAsync("/data/docs/-/insert", json: JsonNode.Parse("""{"row": {"id": 2, "body": {"$base64": true, "encoded": "AAEC/w=="}}}"""), actor: Root);

        Assert.Equal(201, inserted.Status);
        Assert.Equal("""{"ok":true,"rows":[{"id":2,"title":null,"body":{"$base64":true,"encoded":"AAEC/w=="},"score":null}]}""", inserted.Text);
        Assert.Equal("\"blob:0001\"", await ScalarAsync(instance, "select 'blob:' || hex(substr(body, 1, 2)) from docs where id = 2"));
    }

    [Theory]
    [InlineData("""{"$base64": true, "encoded": "not base64!"}""", "Invalid $base64 encoded value")]
    [InlineData("""{"$base64": true, "encoded": "AAE"}""", "Invalid $base64 encoded value")]
    [InlineData("""{"$base64": true, "encoded": 12}""", "$base64 encoded value must be a string")]
    public async Task A_bad_base64_cell_is_a_400_and_nothing_is_written(string cell, string message)
    {
        await using var instance = await CreateAsync();
        var response = await instance.Datasette.Client.PostAsync("/data/docs/-/insert", json: JsonNode.Parse($$"""{"rows": [{"id": 5}, {"id": 6, "body": {{cell}}}]}"""), actor: Root);

        Assert.Equal(400, response.Status);
        Assert.Equal(message, response.Json()!["error"]!.GetValue<string>());
        Assert.Equal("1", await ScalarAsync(instance, "select count(*) from docs"));
    }

    [Fact]
    public async Task Cells_are_stored_as_sqlite_utils_stores_them()
    {
        await using var instance = await CreateAsync();
        var response = await instance.Datasette.Client.PostAsync("/data/docs/-/insert", json: JsonNode.Parse("""
            {"rows": [
              {"id": 2, "title": {"a": [1, 2.5, true, null], "k": "ā\n"}},
              {"id": 3, "title": true, "score": 1.5e300},
              {"id": 4, "title": {"$raw": {"$base64": true, "encoded": "AA=="}}}
            ]}
            """), actor: Root);

        Assert.Equal(201, response.Status);
        Assert.Equal("""["{\"a\": [1, 2.5, true, null], \"k\": \"ā\\n\"}","1","{\"$base64\": true, \"encoded\": \"AA==\"}"]""",
            (await instance.Datasette.Client.GetAsync("/data/-/query.json?_shape=arrayfirst&sql=" + Uri.EscapeDataString("select cast(title as text) from docs where id > 1 order by id"), actor: Root)).Text);
        Assert.Equal("\"real\"", await ScalarAsync(instance, "select typeof(score) from docs where id = 3"));
    }

    [Fact]
    public async Task An_integer_sqlite_cannot_hold_is_a_400()
    {
        await using var instance = await CreateAsync();
        var response = await instance.Datasette.Client.PostAsync("/data/docs/-/insert", content: """{"row": {"id": 123456789012345678901234567890}}""", actor: Root,
            headers: new[] { KeyValuePair.Create("Content-Type", "application/json") });

        Assert.Equal(400, response.Status);
        Assert.Equal("Python int too large to convert to SQLite INTEGER", response.Json()!["error"]!.GetValue<string>());
    }

    [Fact]
    public async Task Every_row_endpoint_tracks_its_event_and_insert_with_alter_tracks_the_schema_change()
    {
        var events = new List<DatasetteEvent>();
        await using var instance = await CreateAsync(events: events);
        var client = instance.Datasette.Client;

        Assert.Equal(201, (await client.PostAsync("/data/docs/-/insert", json: JsonNode.Parse("""{"rows": [{"id": 7, "extra": 3}], "alter": true, "ignore": true}"""), actor: Root)).Status);
        Assert.Equal(200, (await client.PostAsync("/data/docs/-/upsert", json: JsonNode.Parse("""{"rows": [{"id": 7, "title": "x"}, {"id": 8}]}"""), actor: Root)).Status);
        Assert.Equal(200, (await client.PostAsync("/data/docs/7/-/update", json: JsonNode.Parse("""{"update": {"title": "y"}}"""), actor: Root)).Status);
        Assert.Equal(200, (await client.PostAsync("/data/docs/8/-/delete", actor: Root)).Status);

        Assert.Equal(new[] { "insert-rows", "alter-table", "upsert-rows", "update-row", "delete-row" }, events.Select(e => e.Name));
        Assert.Equal("""{"database":"data","table":"docs","num_rows":1,"ignore":true,"replace":false}""", events[0].Properties().ToJsonString());
        Assert.EndsWith("""score REAL, "extra" INTEGER)""", events[1].Properties()["after_schema"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal("""{"database":"data","table":"docs","num_rows":2}""", events[2].Properties().ToJsonString());
        Assert.Equal("""{"database":"data","table":"docs","pks":["7"]}""", events[3].Properties().ToJsonString());
        Assert.Equal("""{"database":"data","table":"docs","pks":["8"]}""", events[4].Properties().ToJsonString());
        Assert.All(events, e => Assert.Equal("root", e.Actor!["id"]!.GetValue<string>()));
    }

    [Fact]
    public async Task Upsert_leaves_the_columns_a_row_does_not_name_unchanged()
    {
        await using var instance = await CreateAsync();
        var response = await instance.Datasette.Client.PostAsync("/data/docs/-/upsert", json: JsonNode.Parse("""{"rows": [{"id": 1, "score": 9.5}, {"id": 2, "title": "Two"}], "return": true}"""), actor: Root);

        Assert.Equal(200, response.Status);
        Assert.Equal("""[{"id":1,"title":"One","body":null,"score":9.5},{"id":2,"title":"Two","body":null,"score":null}]""", response.Json()!["rows"]!.ToJsonString());
    }

    [Fact]
    public async Task Max_insert_rows_comes_from_the_setting()
    {
        await using var instance = await CreateAsync("settings:\n  max_insert_rows: 2\n");
        var client = instance.Datasette.Client;
        var tooMany = await client.PostAsync("/data/plain/-/insert", json: JsonNode.Parse("""{"rows": [{"t": "a"}, {"t": "b"}, {"t": "c"}]}"""), actor: Root);
        var enough = await client.PostAsync("/data/plain/-/insert", json: JsonNode.Parse("""{"rows": [{"t": "a"}, {"t": "b"}]}"""), actor: Root);

        Assert.Equal((400, "Too many rows, maximum allowed is 2"), (tooMany.Status, tooMany.Json()!["error"]!.GetValue<string>()));
        Assert.Equal(201, enough.Status);
    }

    [Fact]
    public async Task A_token_restricted_to_insert_row_on_one_table_may_insert_there_only()
    {
        await using var instance = await CreateAsync();
        var token = await instance.Datasette.CreateTokenAsync("root", restrictions: new Datasette.Gen.Runtime.Tokens.TokenRestrictions().AllowResource("data", "docs", "insert-row"));
        var bearer = new[] { KeyValuePair.Create("Authorization", "Bearer " + token) };
        var client = instance.Datasette.Client;
        async Task<(int, string?)> Post(string path, string json)
        {
            var response = await client.PostAsync(path, json: JsonNode.Parse(json), headers: bearer);
            return (response.Status, response.Json()!["error"]?.GetValue<string>());
        }

        Assert.Equal((201, null), await Post("/data/docs/-/insert", """{"row": {"id": 9}}"""));
        Assert.Equal((403, "Permission denied"), await Post("/data/plain/-/insert", """{"row": {"t": "x"}}"""));
        Assert.Equal((403, "Permission denied: need update-row to use \"replace\""), await Post("/data/docs/-/insert", """{"row": {"id": 9}, "replace": true}"""));
        Assert.Equal((403, "Permission denied for alter-table"), await Post("/data/docs/-/insert", """{"row": {"id": 10, "new": 1}, "alter": true}"""));
        Assert.Equal((403, "Permission denied: need both insert-row and update-row"), await Post("/data/docs/-/upsert", """{"row": {"id": 9}}"""));
        Assert.Equal((403, "Permission denied"), await Post("/data/docs/9/-/update", """{"update": {"title": "x"}}"""));
        Assert.Equal((403, "Permission denied"), await Post("/data/docs/9/-/delete", "{}"));
    }

    [Theory(Timeout = 30000)]
    [InlineData("/data/docs/-/insert", """{"row": {"id": 3, "a\u0000b": 1}, "alter": true}""")]
    [InlineData("/data/docs/-/upsert", """{"row": {"id": 1, "a\u0000b": 1}, "alter": true}""")]
    [InlineData("/data/-/create", """{"table": "t", "columns": [{"name": "x\u0000y"}]}""")]
    [InlineData("/data/docs/-/alter", """{"operations": [{"op": "rename_column", "args": {"name": "title", "to": "t\u0000"}}]}""")]
    public async Task A_name_holding_a_nul_is_a_400_and_the_writer_keeps_working(string path, string json)
    {
        await using var instance = await CreateAsync();
        var refused = await instance.Datasette.Client.PostAsync(path, json: JsonNode.Parse(json), actor: Root);
        var next = await instance.Datasette.Client.PostAsync("/data/plain/-/insert", json: JsonNode.Parse("""{"row": {"t": "after"}}"""), actor: Root);

        // Python's sqlite3 refuses such text before SQLite sees it; so do we, with its message.
        Assert.Equal((400, "the query contains a null character"), (refused.Status, refused.Json()!["error"]!.GetValue<string>()));
        Assert.Equal(201, next.Status);
    }

    [Fact]
    public async Task Update_and_delete_name_the_missing_row_like_a_python_list_of_strings()
    {
        await using var instance = await CreateAsync();
        var response = await instance.Datasette.Client.PostAsync("/data/docs/it's/-/delete", actor: Root);

        Assert.Equal(404, response.Status);
        Assert.Equal("Record not found: [\"it's\"]", response.Json()!["error"]!.GetValue<string>());
    }
}
