using System.IO;
using System.Linq;
using System.Threading.Tasks;
using Datasette.Gen.Examples.Near;
using Datasette.Gen.Examples.Tsv;
using Datasette.Gen.Runtime.Data;
using Datasette.Gen.Runtime.Plugins;
using Datasette.Gen.Tests.Infrastructure;
using Datasette.Gen.Tests.PluginApi;

namespace Datasette.Gen.Tests.Examples;

/// <summary>The example plugins of examples/ against the fixtures database (roadside_attractions has latitude and longitude).</summary>
public sealed class ExamplePluginTests
{
    private static async Task<PluginApiInstance> FixturesAsync(PluginRegistry plugins)
    {
        var instance = await PluginApiInstance.CreateAsync(plugins: plugins, start: false);
        instance.Datasette.AddDatabase(new Database(DatabaseKind.ImmutableFile, Path.Combine(Paths.ConformanceData, "fixtures.db")));
        await instance.Datasette.InvokeStartupAsync();
        return instance;
    }

    private static PluginRegistry Tsv() => new PluginRegistry().AddRegisterOutputRenderer("tsv", _ => new[] { TsvPlugin.RegisterOutputRenderer() });

    private static PluginRegistry Near() => new PluginRegistry().AddFiltersFromRequest("near", (request, database, table, datasette) =>
        new ValueTask<Runtime.Querying.FilterArguments?>(NearPlugin.FiltersFromRequest(request, database, table, datasette)));

    [Fact]
    public async Task Tsv_renders_tables_queries_and_rows_and_is_linked_from_the_table_page()
    {
        await using var instance = await FixturesAsync(Tsv());
        var client = instance.Datasette.Client;

        var table = await client.GetAsync("/fixtures/roadside_attractions.tsv?_size=2");
        Assert.Equal("text/tab-separated-values; charset=utf-8", table.ContentType);
        Assert.Equal("pk\tname\taddress\turl\tlatitude\tlongitude\n"
            + "1\tThe Mystery Spot\t465 Mystery Spot Road, Santa Cruz, CA 95065\thttps://www.mysteryspot.com/\t37.0167\t-122.0024\n"
            + "2\tWinchester Mystery House\t525 South Winchester Boulevard, San Jose, CA 95128\thttps://winchestermysteryhouse.com/\t37.3184\t-121.9511\n", table.Text);
        Assert.Equal("a\tb\nx y\t\n", (await client.GetAsync("/fixtures/-/query.tsv?sql=select+%27x%09y%27+as+a,+null+as+b")).Text);
        Assert.StartsWith("pk\tname", (await client.GetAsync("/fixtures/roadside_attractions/3.tsv")).Text);
        Assert.Contains("<a href=\"/fixtures/roadside_attractions.tsv\">tsv</a>", (await client.GetAsync("/fixtures/roadside_attractions")).Text);
        var error = await client.GetAsync("/fixtures/-/query.tsv?sql=select+*+from+nope");
        Assert.Equal(400, error.Status);
    }

    [Theory]
    // Felton and Santa Cruz are ~5 km apart; San Jose ~30 km and Burlingame ~65 km from Santa Cruz.
    [InlineData("37.0167,-122.0024,10", new[] { 1L, 4L })]
    [InlineData("37.0167,-122.0024,40", new[] { 1L, 2L, 4L })]
    [InlineData("37.0167,-122.0024", new[] { 1L, 4L })]
    [InlineData("0,0,100", new long[0])]
    public async Task Near_keeps_rows_within_the_radius(string near, long[] expected)
    {
        await using var instance = await FixturesAsync(Near());
        var page = (await instance.Datasette.Client.GetAsync("/fixtures/roadside_attractions.json?_extra=count&_near=" + near)).Json()!;
        Assert.Equal(expected, page["rows"]!.AsArray().Select(r => (long)r!["pk"]!).ToArray());
        Assert.Equal(expected.Length, (int)page["count"]!);
    }

    [Fact]
    public async Task Near_describes_itself_on_the_html_page_and_ignores_tables_without_coordinates()
    {
        await using var instance = await FixturesAsync(Near());
        var client = instance.Datasette.Client;
        Assert.Contains("within 10 km of 37.0167, -122.0024", (await client.GetAsync("/fixtures/roadside_attractions?_near=37.0167,-122.0024,10")).Text);
        Assert.Equal(200, (await client.GetAsync("/fixtures/facetable.json?_near=1,2")).Status);
    }

    [Theory]
    [InlineData("abc,1")]
    [InlineData("1")]
    [InlineData("1,2,3,4")]
    [InlineData("91,0")]
    [InlineData("0,-181")]
    [InlineData("0,0,0")]
    [InlineData("0,0,-5")]
    [InlineData("0,0,1e400")]
    [InlineData("NaN,0")]
    [InlineData("0,Infinity")]
    public async Task Near_answers_bad_input_with_a_400_in_datasettes_shape(string near)
    {
        await using var instance = await FixturesAsync(Near());
        var response = await instance.Datasette.Client.GetAsync("/fixtures/roadside_attractions.json?_near=" + near);
        Assert.Equal(400, response.Status);
        var error = response.Json()!;
        Assert.False((bool)error["ok"]!);
        Assert.Equal(400, (int)error["status"]!);
        Assert.StartsWith("_near=", (string?)error["error"]);
        Assert.Equal(400, (await instance.Datasette.Client.GetAsync("/fixtures/roadside_attractions?_near=" + near)).Status);
    }
}
