using System.Linq;
using System.Threading.Tasks;
using Datasette.Gen.Tests.Infrastructure;

namespace Datasette.Gen.Tests.ReadApi;

public sealed class JumpTests(FixturesServerFixture fixture) : IClassFixture<FixturesServerFixture>
{
    [Fact]
    public async Task Jump_matches_terms_in_order_and_ranks_exact_and_prefix_first()
    {
        var response = await fixture.Server.Client.GetJsonAsync("/-/jump.json?q=facet");
        var matches = response.Json.GetProperty("matches").EnumerateArray().Select(m => (m.GetProperty("name").GetString()!, m.GetProperty("type").GetString()!)).ToList();
        Assert.Contains(("fixtures: facetable", "table"), matches);
        Assert.Contains(("fixtures: facet_cities", "table"), matches);
        Assert.DoesNotContain(matches, m => m.Item1 == "fixtures: simple_primary_key");

        var database = await fixture.Server.Client.GetJsonAsync("/-/jump.json?q=fixtures");
        Assert.Equal(("fixtures", "database"), (database.Json.GetProperty("matches")[0].GetProperty("name").GetString()!, database.Json.GetProperty("matches")[0].GetProperty("type").GetString()!));

        var spaced = await fixture.Server.Client.GetJsonAsync("/-/jump.json?q=fix+cities");
        Assert.Contains(spaced.Json.GetProperty("matches").EnumerateArray(), m => m.GetProperty("name").GetString() == "fixtures: facet_cities");
    }
}
