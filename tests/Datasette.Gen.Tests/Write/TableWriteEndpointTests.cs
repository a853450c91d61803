using System.Collections.Generic;
using System.Linq;
using System.Text.Json.Nodes;
using System.Threading.Tasks;
using Datasette.Gen.Runtime;
using Datasette.Gen.Tests.PluginApi;

namespace Datasette.Gen.Tests.Write;

/// <summary>Create, alter and drop beyond the corpus: validation messages and the refusals that replace Datasette's silent data loss.</summary>
public sealed class TableWriteEndpointTests
{
    private static readonly JsonObject Root = PluginApiInstance.Actor("root");

    private static Task<PluginApiInstance> CreateAsync() =>
        PluginApiInstance.CreateAsync("{}", null, new DatasetteOptions { RootEnabled = true }, databases: ("data", """
            CREATE TABLE places (id INTEGER PRIMARY KEY, name TEXT, address TEXT, score INTEGER DEFAULT 0);
            CREATE INDEX places_score ON places (score);
            INSERT INTO places VALUES (1, 'One', 'A street', 5), (2, 'Two', 'B street', 7);
            CREATE VIEW named AS SELECT name FROM places;
            """));

    private static async Task<(int Status, JsonNode Body)> PostAsync(PluginApiInstance instance, string path, string json)
    {
        var response = await instance.Datasette.Client.PostAsync(path, json: JsonNode.Parse(json), actor: Root);
        return (response.Status, response.Json()!);
    }

    private static async Task<string> RowsAsync(PluginApiInstance instance) =>
        (await instance.Datasette.Client.GetAsync("/data/places.json?_shape=array&_sort=id", actor: Root)).Text;

    [Theory]
    [InlineData("""{"op": "rename_column", "args": {"name": "nope", "to": "x"}}""", "Cannot rename column nope: no such column")]
    [InlineData("""{"op": "rename_column", "args": {"name": "address", "to": "name"}}""", "Cannot rename column address to name: a column of that name exists")]
    [InlineData("""{"op": "set_primary_key", "args": {"columns": ["nope"]}}""", "Cannot set primary key: no such column nope")]
    [InlineData("""{"op": "add_column", "args": {"name": "x", "not_null": true}}""", "add_column args.default or args.default_expr is required when not_null is true")]
    [InlineData("""{"op": "add_foreign_key", "args": {"column": "nope", "fk_table": "places", "fk_column": "id"}}""", "Cannot set foreign key: no such column nope")]
    [InlineData("""{"op": "set_foreign_keys", "args": {"foreign_keys": [{"column": "score", "fk_table": "places", "fk_column": "id"}]}}""", "Cannot set foreign key: no such column score")]
    [InlineData("""{"op": "rename_column", "args": {"name": "address", "to": "street"}}, {"op": "set_foreign_keys", "args": {"foreign_keys": [{"column": "address", "fk_table": "places", "fk_column": "id"}]}}""", "Cannot set foreign key: no such column address")]
    public async Task Alter_refuses_what_would_lose_or_invent_data_and_changes_nothing(string operation, string message)
    {
        await using var instance = await CreateAsync();
        var before = await RowsAsync(instance);
        var (status, body) = await PostAsync(instance, "/data/places/-/alter", """{"operations": [{"op": "drop_column", "args": {"name": "score"}}, """ + operation + "]}");

        Assert.Equal((400, message), (status, body["error"]!.GetValue<string>()));
        Assert.Equal(before, await RowsAsync(instance));
    }

    [Theory]
    [InlineData("""{"operations": []}""", "operations: List should have at least 1 item after validation, not 0")]
    [InlineData("""{"operations": [{"op": "bogus", "args": {}}]}""", "operations.0: Input tag 'bogus' found using 'op' does not match any of the expected tags: 'add_column', 'rename_column', 'rename_table', 'alter_column', 'drop_column', 'set_primary_key', 'reorder_columns', 'add_foreign_key', 'drop_foreign_key', 'set_foreign_keys'")]
    [InlineData("""{"operations": [{"op": "add_column"}]}""", "operations.0.add_column.args: Field required")]
    [InlineData("""{"operations": [{"op": "alter_column", "args": {"name": "score"}}]}""", "operations.0.alter_column.args: Value error, At least one of type, not_null, default or default_expr must be provided")]
    [InlineData("""{"operations": [{"op": "add_column", "args": {"name": "x", "type": "varchar", "zzz": 1}}]}""", "operations.0.add_column.args.type: Input should be 'text', 'integer', 'float' or 'blob'; operations.0.add_column.args.zzz: Extra inputs are not permitted")]
    [InlineData("""{"operations": [{"op": "add_foreign_key", "args": {"column": "name", "fk_column": "id"}}]}""", "operations.0.add_foreign_key.args: fk_column requires fk_table")]
    public async Task Alter_validation_reports_locations_as_pydantic_does(string json, string message)
    {
        await using var instance = await CreateAsync();
        var (status, body) = await PostAsync(instance, "/data/places/-/alter", json);

        Assert.Equal((400, message), (status, body["error"]!.GetValue<string>()));
    }

    [Fact]
    public async Task Alter_rebuilds_the_table_keeping_rows_indexes_and_the_views_that_name_it()
    {
        await using var instance = await CreateAsync();
        var (status, body) = await PostAsync(instance, "/data/places/-/alter", """
            {"operations": [
              {"op": "alter_column", "args": {"name": "score", "type": "float", "not_null": true}},
              {"op": "add_column", "args": {"name": "rank", "type": "integer", "not_null": true, "default": 3}},
              {"op": "rename_column", "args": {"name": "address", "to": "street"}}
            ]}
            """);

        Assert.Equal(200, status);
        Assert.True(body["altered"]!.GetValue<bool>());
        Assert.Equal("CREATE TABLE \"places\" (\n   \"id\" INTEGER PRIMARY KEY,\n   \"name\" TEXT,\n   \"street\" TEXT,\n   \"score\" REAL NOT NULL DEFAULT '0',\n   \"rank\" INTEGER NOT NULL DEFAULT '3'\n)", body["schema"]!.GetValue<string>());
        Assert.Equal("""[{"id":1,"name":"One","street":"A street","score":5.0,"rank":3},{"id":2,"name":"Two","street":"B street","score":7.0,"rank":3}]""", await RowsAsync(instance));
        Assert.Equal("""["places_score"]""", (await instance.Datasette.Client.GetAsync("/data/-/query.json?_shape=arrayfirst&sql=select+name+from+sqlite_master+where+type%3D'index'", actor: Root)).Text);
        Assert.Equal(200, (await instance.Datasette.Client.GetAsync("/data/named.json", actor: Root)).Status);
    }

    [Fact]
    public async Task The_key_and_foreign_keys_name_columns_renamed_in_the_same_request_by_their_new_names()
    {
        await using var instance = await CreateAsync();
        var (status, body) = await PostAsync(instance, "/data/places/-/alter", """
            {"operations": [
              {"op": "set_primary_key", "args": {"columns": ["label"]}},
              {"op": "set_foreign_keys", "args": {"foreign_keys": [{"column": "near", "fk_table": "places", "fk_column": "id"}]}},
              {"op": "rename_column", "args": {"name": "name", "to": "label"}},
              {"op": "rename_column", "args": {"name": "score", "to": "near"}}
            ]}
            """);

        Assert.True(status == 200, body.ToJsonString());
        Assert.Equal("CREATE TABLE \"places\" (\n   \"id\" INTEGER,\n   \"label\" TEXT PRIMARY KEY,\n   \"address\" TEXT,\n   \"near\" INTEGER DEFAULT '0' REFERENCES \"places\"(\"id\")\n)", body["schema"]!.GetValue<string>());
    }

    [Theory]
    [InlineData("""{"table": "t", "columns": [{"name": "a", "zzz": 1}]}""", "columns.0.zzz: Extra inputs are not permitted")]
    [InlineData("""{"table": "t", "columns": [{"name": "a", "not_null": "maybe"}]}""", "columns.0.not_null: Input should be a valid boolean")]
    [InlineData("""{"table": "t", "columns": [{"name": "a", "default": 1, "default_expr": "current_date"}]}""", "columns.0: Value error, default and default_expr cannot both be provided")]
    [InlineData("""{"table": "t", "columns": [{"name": "a", "fk_column": "id"}]}""", "columns.0: fk_column requires fk_table")]
    [InlineData("""{"table": "t", "columns": [{"name": "a", "type": "varchar"}]}""", "Unsupported column type: varchar")]
    [InlineData("""{"table": "t", "columns": [{"name": "a"}, {"name": "a"}]}""", "Duplicate column name: a")]
    [InlineData("""{"table": "t", "rows": [{"a": 1}], "pk": "a", "pks": ["a"]}""", "Cannot specify both pk and pks")]
    [InlineData("""{"table": "t", "rows": [{"a": 1}], "ignore": true}""", "ignore and replace require pk or pks")]
    [InlineData("""{"table": "t", "columns": [{"name": "a", "fk_table": "nowhere"}]}""", "Could not detect single primary key for table 'nowhere'")]
    public async Task Create_validation_reports_datasettes_messages(string json, string message)
    {
        await using var instance = await CreateAsync();
        var (status, body) = await PostAsync(instance, "/data/-/create", json);

        Assert.Equal((400, message), (status, body["error"]!.GetValue<string>()));
    }

    [Fact]
    public async Task Drop_previews_without_confirm_and_refuses_a_body_that_is_not_an_object()
    {
        await using var instance = await CreateAsync();
        var preview = await PostAsync(instance, "/data/places/-/drop", "{}");
        var listBody = await PostAsync(instance, "/data/places/-/drop", "[1]");
        var dropped = await PostAsync(instance, "/data/places/-/drop", """{"confirm": 1}""");

        Assert.Equal((200, "places", 2L, "Pass \"confirm\": true to confirm"), (preview.Status, preview.Body["table"]!.GetValue<string>(), preview.Body["row_count"]!.GetValue<long>(), preview.Body["message"]!.GetValue<string>()));
        Assert.Equal((400, "JSON must be a dictionary"), (listBody.Status, listBody.Body["error"]!.GetValue<string>()));
        Assert.Equal((200, """{"ok":true}"""), (dropped.Status, dropped.Body.ToJsonString()));
        Assert.Equal(404, (await instance.Datasette.Client.GetAsync("/data/places.json", actor: Root)).Status);
    }
}
