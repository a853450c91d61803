using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Net.Http;
using System.Text.Json;
using System.Threading.Tasks;
using Datasette.Gen.Runtime.Hosting;
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

    [Fact]
    public async Task Items_carry_no_description_even_when_metadata_has_one()
    {
        // default_jump_items.py selects NULL AS description for databases, tables and queries;
        // the corpus metadata describes the fixtures database and titles neighborhood_search.
        var all = await fixture.Server.Client.GetJsonAsync("/-/jump.json");
        var matches = all.Json.GetProperty("matches").EnumerateArray().ToList();
        Assert.Contains(matches, m => m.GetProperty("name").GetString() == "fixtures");
        Assert.Contains(matches, m => m.GetProperty("name").GetString() == "fixtures: neighborhood_search");
        Assert.All(matches, m =>
        {
            Assert.Equal(new[] { "name", "url", "type", "description" }, m.EnumerateObject().Select(p => p.Name));
            Assert.Equal(JsonValueKind.Null, m.GetProperty("description").ValueKind);
        });
    }

    [Fact]
    public async Task A_stored_query_is_found_by_its_name_not_its_title()
    {
        // "Search neighborhoods" is the title; the search text is only "fixtures neighborhood_search".
        var byTitle = await fixture.Server.Client.GetJsonAsync("/-/jump.json?q=neighborhoods");
        Assert.Equal("{\"ok\":true,\"matches\":[],\"truncated\":false}", HttpJson.Compact(byTitle.Json));
        var byName = await fixture.Server.Client.GetJsonAsync("/-/jump.json?q=neighborhood_search");
        Assert.Equal(
            "{\"ok\":true,\"matches\":[{\"name\":\"fixtures: neighborhood_search\",\"url\":\"/fixtures/neighborhood_search\",\"type\":\"query\",\"description\":null}],\"truncated\":false}",
            HttpJson.Compact(byName.Json));
    }

    [Fact]
    public async Task Terms_are_a_like_pattern_where_underscore_is_any_one_character()
    {
        // Datasette matches search_text LIKE '%fixtures_facetable%': "_" stands for the space.
        var response = await fixture.Server.Client.GetJsonAsync("/-/jump.json?q=fixtures_facetable");
        Assert.Contains(response.Json.GetProperty("matches").EnumerateArray(), m => m.GetProperty("name").GetString() == "fixtures: facetable");
    }

    [Fact]
    public async Task Actors_allowed_the_debug_menu_also_find_the_debug_pages_with_their_descriptions()
    {
        // default_debug_menu.py's items: type "debug", a description, search text "debug LABEL DESCRIPTION".
        var data = Paths.ConformanceData;
        await using var server = await TestServer.StartAsync(new ServeOptions
        {
            Files = new List<string> { Path.Combine(data, "fixtures.db") },
            Secret = "secret-1",
            Root = true,
        });
        var anonymous = await server.Client.GetJsonAsync("/-/jump.json?q=threads");
        Assert.Equal("{\"ok\":true,\"matches\":[],\"truncated\":false}", HttpJson.Compact(anonymous.Json));

        using var request = new HttpRequestMessage(HttpMethod.Get, "/-/jump.json?q=threads");
        request.Headers.Add("Cookie", "ds_actor=eyJhIjp7ImlkIjoicm9vdCJ9fQ.CGlNemCq9_Juuo5YVTEqKkbM0ew");
        var root = await server.Client.SendAsync(request);
        Assert.Equal(
            "{\"ok\":true,\"matches\":[{\"name\":\"Debug threads\",\"url\":\"/-/threads\",\"type\":\"debug\",\"description\":\"Inspect worker threads and database tasks.\"}],\"truncated\":false}",
            HttpJson.Compact(await root.Content.ReadAsStringAsync()));
    }
}
