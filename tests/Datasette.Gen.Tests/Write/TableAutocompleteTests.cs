using System.Collections.Generic;
using System.Linq;
using System.Text.Json.Nodes;
using System.Threading.Tasks;
using Datasette.Gen.Runtime;
using Datasette.Gen.Runtime.Endpoints.Write;
using Datasette.Gen.Runtime.Tokens;
using Datasette.Gen.Tests.PluginApi;

namespace Datasette.Gen.Tests.Write;

/// <summary><c>GET /{db}/{table}/-/autocomplete?q=</c> (read-api spec §14): key and label search for the editing forms.</summary>
public sealed class TableAutocompleteTests
{
    private static Task<PluginApiInstance> CreateAsync() =>
        PluginApiInstance.CreateAsync("{}", null, new DatasetteOptions { RootEnabled = true, Secret = "s" }, databases: ("data", """
            CREATE TABLE cities (id INTEGER PRIMARY KEY, name TEXT);
            INSERT INTO cities VALUES (1, 'San Francisco'), (2, 'Los Angeles'), (3, 'Detroit'), (4, 'Memnonia'), (12, 'Zed 1%');
            CREATE TABLE notes (body TEXT, extra TEXT);
            INSERT INTO notes VALUES ('alpha', 'x'), ('beta', 'y');
            CREATE TABLE pairs (a TEXT, b INTEGER, title TEXT, PRIMARY KEY (a, b));
            INSERT INTO pairs VALUES ('k', 1, 'First'), ('k', 2, 'Second');
            CREATE VIEW city_names AS SELECT name FROM cities;
            """));

    private static async Task<string> RowsAsync(PluginApiInstance instance, string query, JsonObject? actor = null)
    {
        var response = await instance.Datasette.Client.GetAsync(query, actor: actor);
        Assert.Equal(200, response.Status);
        return response.Json()!["rows"]!.ToJsonString();
    }

    [Fact]
    public async Task Rows_whose_key_or_label_contains_q_come_back_label_matches_first_then_shorter_labels()
    {
        await using var instance = await CreateAsync();

        Assert.Equal("""[{"pks":{"id":2},"label":"Los Angeles"},{"pks":{"id":1},"label":"San Francisco"}]""",
            await RowsAsync(instance, "/data/cities/-/autocomplete?q=an"));
    }

    [Fact]
    public async Task An_exact_key_match_comes_first_and_like_wildcards_in_q_are_literal()
    {
        await using var instance = await CreateAsync();

        var byKey = JsonNode.Parse(await RowsAsync(instance, "/data/cities/-/autocomplete?q=1"))!.AsArray();
        Assert.Equal(new[] { 1L, 12L }, byKey.Select(r => r!["pks"]!["id"]!.GetValue<long>()));
        Assert.Equal("""[{"pks":{"id":12},"label":"Zed 1%"}]""", await RowsAsync(instance, "/data/cities/-/autocomplete?q=%25"));
        Assert.Equal("[]", await RowsAsync(instance, "/data/cities/-/autocomplete?q=_"));
    }

    [Fact]
    public async Task Without_q_no_rows_unless_initial_asks_for_the_latest()
    {
        await using var instance = await CreateAsync();

        Assert.Equal("[]", await RowsAsync(instance, "/data/cities/-/autocomplete"));
        Assert.Equal("[]", await RowsAsync(instance, "/data/cities/-/autocomplete?_initial=0"));
        var initial = JsonNode.Parse(await RowsAsync(instance, "/data/cities/-/autocomplete?_initial=1"))!.AsArray();
        Assert.Equal(new[] { 12L, 4L, 3L, 2L, 1L }, initial.Select(r => r!["pks"]!["id"]!.GetValue<long>()));
    }

    [Fact]
    public async Task Rowid_tables_key_by_rowid_and_compound_keys_by_every_column()
    {
        await using var instance = await CreateAsync();

        Assert.Equal("""[{"pks":{"rowid":2}}]""", await RowsAsync(instance, "/data/notes/-/autocomplete?q=2"));
        Assert.Equal("""[{"pks":{"a":"k","b":2},"label":"Second"}]""", await RowsAsync(instance, "/data/pairs/-/autocomplete?q=sec"));
    }

    [Fact]
    public async Task Views_unknown_tables_and_actors_without_view_table_are_refused()
    {
        await using var instance = await CreateAsync();
        var token = await instance.Datasette.CreateTokenAsync("bob", restrictions: new TokenRestrictions().AllowAll("view-instance").AllowAll("view-database"));

        var view = await instance.Datasette.Client.GetAsync("/data/city_names/-/autocomplete?q=a");
        var missing = await instance.Datasette.Client.GetAsync("/data/nope/-/autocomplete?q=a");
        var denied = await instance.Datasette.Client.GetAsync("/data/cities/-/autocomplete?q=a", headers: new[] { KeyValuePair.Create("Authorization", "Bearer " + token) });

        Assert.Equal((400, "Autocomplete is only available for tables"), (view.Status, view.Json()!["error"]!.GetValue<string>()));
        Assert.Equal((404, "Table not found"), (missing.Status, missing.Json()!["error"]!.GetValue<string>()));
        Assert.Equal((403, "You do not have permission to view this table"), (denied.Status, denied.Json()!["error"]!.GetValue<string>()));
        Assert.DoesNotContain("Francisco", denied.Text);
    }

    [Theory]
    [InlineData("abc", "abd")]
    [InlineData("a\U0010FFFF", "b")]
    [InlineData("\uD7FF", "\uE000")]
    [InlineData("x\U0001F600", "x\U0001F601")]
    [InlineData("\U0010FFFF", null)]
    [InlineData("", null)]
    public void The_prefix_search_bound_increments_the_last_code_point_that_can_be(string prefix, string? end) =>
        Assert.Equal(end, TableAutocomplete.PrefixRangeEnd(prefix));
}
