using System.Threading.Tasks;
using Datasette.Gen.Tests.Infrastructure;

namespace Datasette.Gen.Tests.ReadApi;

public sealed class LabelTests(FixturesServerFixture fixture) : IClassFixture<FixturesServerFixture>
{
    private TestServer Server => fixture.Server;

    [Fact]
    public async Task Labels_expand_single_column_foreign_keys_with_each_label_rule()
    {
        var response = await Server.Client.GetJsonAsync("/fixtures/foreign_key_references.json?_shape=array&_labels=on");
        var row = response.Json[0];
        Assert.Equal("{\"value\":1,\"label\":\"hello\"}", HttpJson.Compact(row.GetProperty("foreign_key_with_label")));
        Assert.Equal("{\"value\":3,\"label\":\"\"}", HttpJson.Compact(row.GetProperty("foreign_key_with_blank_label")));
        Assert.Equal("{\"value\":\"1\",\"label\":\"1\"}", HttpJson.Compact(row.GetProperty("foreign_key_with_no_label")));
        Assert.Equal("a", row.GetProperty("foreign_key_compound_pk1").GetString());
        Assert.Equal(System.Text.Json.JsonValueKind.Null, response.Json[1].GetProperty("foreign_key_with_label").ValueKind);
    }

    [Fact]
    public async Task Label_names_one_column_and_configured_label_columns_win()
    {
        var one = await Server.Client.GetJsonAsync("/fixtures/foreign_key_references.json?_shape=array&_label=foreign_key_with_label");
        Assert.Equal(System.Text.Json.JsonValueKind.Object, one.Json[0].GetProperty("foreign_key_with_label").ValueKind);
        Assert.Equal(System.Text.Json.JsonValueKind.Number, one.Json[0].GetProperty("foreign_key_with_blank_label").ValueKind);

        var custom = await Server.Client.GetJsonAsync("/fixtures/custom_foreign_key_label.json?_shape=array&_labels=on");
        Assert.Equal("world2", custom.Json[0].GetProperty("foreign_key_with_custom_label").GetProperty("label").GetString());
    }

    [Fact]
    public async Task Through_filters_rows_by_a_table_that_references_them()
    {
        var through = System.Uri.EscapeDataString("{\"table\":\"roadside_attraction_characteristics\",\"column\":\"characteristic_id\",\"value\":\"1\"}");
        var response = await Server.Client.GetJsonAsync($"/fixtures/roadside_attractions.json?_through={through}&_extra=human_description_en");
        Assert.Equal(200, response.Status);
        Assert.Equal("where roadside_attraction_characteristics.characteristic_id = \"1\"", response.Json.GetProperty("human_description_en").GetString());
        Assert.True(response.Json.GetProperty("rows").GetArrayLength() > 0);
    }

    [Fact]
    public async Task Through_a_column_the_other_table_lacks_is_an_error_not_a_match_on_every_row()
    {
        var through = System.Uri.EscapeDataString("{\"table\":\"roadside_attraction_characteristics\",\"column\":\"no_such\",\"value\":\"no_such\"}");
        var response = await Server.Client.GetJsonAsync($"/fixtures/roadside_attractions.json?_through={through}");
        Assert.Equal(400, response.Status);
        Assert.Equal("no such column: no_such", response.Json.GetProperty("error").GetString());
    }
}
