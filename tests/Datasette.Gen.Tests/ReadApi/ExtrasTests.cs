using System.Linq;
using System.Threading.Tasks;
using Datasette.Gen.Tests.Infrastructure;

namespace Datasette.Gen.Tests.ReadApi;

public sealed class ExtrasTests(FixturesServerFixture fixture) : IClassFixture<FixturesServerFixture>
{
    private TestServer Server => fixture.Server;

    [Fact]
    public async Task Human_description_lists_search_then_filters_and_the_sort()
    {
        var response = await Server.Client.GetJsonAsync("/fixtures/facetable.json?state=CA&planet_int__gte=1&_sort_desc=pk&_extra=human_description_en");
        Assert.Equal("where planet_int \u2265 1 and state = \"CA\" sorted by pk descending", response.Json.GetProperty("human_description_en").GetString());
    }

    [Fact]
    public async Task Table_definition_includes_indexes_and_view_definition_the_view()
    {
        var table = await Server.Client.GetJsonAsync("/fixtures/compound_three_primary_keys.json?_size=0&_extra=table_definition,view_definition,is_view");
        var definition = table.Json.GetProperty("table_definition").GetString()!;
        Assert.StartsWith("CREATE TABLE compound_three_primary_keys", definition);
        Assert.EndsWith("CREATE INDEX idx_compound_three_primary_keys_content ON compound_three_primary_keys(content);", definition);
        Assert.False(table.Json.GetProperty("is_view").GetBoolean());

        var view = await Server.Client.GetJsonAsync("/fixtures/simple_view.json?_size=0&_extra=view_definition,table_definition");
        Assert.StartsWith("CREATE VIEW simple_view", view.Json.GetProperty("view_definition").GetString());
        Assert.Equal(System.Text.Json.JsonValueKind.Null, view.Json.GetProperty("table_definition").ValueKind);
    }

    [Fact]
    public async Task Row_and_query_scopes_reject_table_only_extras()
    {
        var row = await Server.Client.GetJsonAsync("/fixtures/simple_primary_key/1.json?_extra=facet_results");
        Assert.Equal(400, row.Status);
        Assert.Equal("Unknown _extra: facet_results", row.Json.GetProperty("error").GetString());
        var query = await Server.Client.GetJsonAsync("/fixtures/-/query.json?sql=select+1&_extra=count,table");
        Assert.Equal("Unknown _extra: count, table", query.Json.GetProperty("error").GetString());
    }

    [Fact]
    public async Task Extras_catalogue_marks_selected_blocks_and_their_toggle_removes_them()
    {
        var response = await Server.Client.GetJsonAsync("/fixtures/facetable.json?_size=0&_extra=extras,count");
        var items = response.Json.GetProperty("extras").EnumerateArray().ToDictionary(e => e.GetProperty("name").GetString()!);
        Assert.True(items["count"].GetProperty("selected").GetBoolean());
        Assert.False(items["columns"].GetProperty("selected").GetBoolean());
        Assert.EndsWith("&_extra=columns", items["columns"].GetProperty("toggle_url").GetString());
        Assert.DoesNotContain("foreign_key_tables", items.Keys);
    }
}
