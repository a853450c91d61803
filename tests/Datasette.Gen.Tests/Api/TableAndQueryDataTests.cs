using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.Json;
using System.Threading.Tasks;
using Datasette.Gen.Tests.Infrastructure;
using Microsoft.Data.Sqlite;

namespace Datasette.Gen.Tests.Api;

/// <summary>read-api.md §4, §5 and §9: the rows table and query endpoints return.</summary>
public sealed class TableAndQueryDataTests(FixturesServerFixture fixture) : IClassFixture<FixturesServerFixture>
{
    private readonly TestServer _server = fixture.Server;

    private static long DirectCount(string where)
    {
        using var connection = TestSqlite.Open(Path.Combine(Paths.ConformanceData, "fixtures.db"), SqliteOpenMode.ReadOnly);
        return (long)TestSqlite.Scalar(connection, "select count(*) from sortable where " + where)!;
    }

    [Fact]
    public async Task Where_fragments_filter_the_rows()
    {
        var response = await _server.Client.GetJsonAsync("/fixtures/sortable.json?_where=sortable+%3E+90&_where=pk1+%21%3D+%27a%27&_size=max&_col=sortable");
        Assert.Equal(200, response.Status);
        var rows = response.Json.GetProperty("rows").EnumerateArray().ToList();
        Assert.Equal(DirectCount("sortable > 90 and pk1 != 'a'"), rows.Count);
        Assert.NotEmpty(rows);
        Assert.All(rows, r =>
        {
            Assert.True(r.GetProperty("sortable").GetInt32() > 90);
            Assert.NotEqual("a", r.GetProperty("pk1").GetString());
        });
    }

    [Fact]
    public async Task An_invalid_where_fragment_is_a_400_with_sqlites_message()
    {
        var response = await _server.Client.GetJsonAsync("/fixtures/sortable.json?_where=nope+%3E+1");
        Assert.Equal(400, response.Status);
        Assert.Equal("no such column: nope", response.Json.GetProperty("error").GetString());
    }

    [Fact]
    public async Task Column_filters_combine_and_count_extra_counts_the_filtered_rows()
    {
        var response = await _server.Client.GetJsonAsync("/fixtures/sortable.json?sortable__gte=50&pk1__in=a,b&_extra=count&_size=max");
        var rows = response.Json.GetProperty("rows").EnumerateArray().ToList();
        var expected = DirectCount("sortable >= 50 and pk1 in ('a', 'b')");
        Assert.Equal(expected, rows.Count);
        Assert.Equal(expected, response.Json.GetProperty("count").GetInt64());
    }

    [Fact]
    public async Task The_query_extra_shows_the_sql_and_typed_parameters()
    {
        var response = await _server.Client.GetJsonAsync("/fixtures/facetable.json?_size=1&state__in=CA,MI&planet_int__gte=1&_neighborhood__startswith=M&_extra=query");
        var query = response.Json.GetProperty("query");
        Assert.Equal(
            "select pk, created, planet_int, on_earth, state, _city_id, _neighborhood, tags, complex_array, distinct_some_null, n from facetable " +
            "where \"_neighborhood\" like :p0 and \"planet_int\" >= :p1 and state in (:p2, :p3) order by pk limit 2",
            query.GetProperty("sql").GetString());
        Assert.Equal("{\"p0\":\"M%\",\"p1\":1,\"p2\":\"CA\",\"p3\":\"MI\"}", HttpJson.Compact(query.GetProperty("params")));
    }

    [Fact]
    public async Task Query_parameters_are_bound_as_strings_from_the_query_string()
    {
        var response = await _server.Client.GetJsonAsync("/fixtures/-/query.json?sql=select+:a+as+x,+:missing+as+y,+typeof(:a)+as+t&a=5");
        Assert.Equal("[{\"x\":\"5\",\"y\":\"\",\"t\":\"text\"}]", HttpJson.Compact(response.Json.GetProperty("rows")));
    }

    [Fact]
    public async Task Query_results_are_truncated_at_max_returned_rows()
    {
        var response = await _server.Client.GetJsonAsync("/fixtures/-/query.json?sql=select+*+from+compound_three_primary_keys");
        Assert.Equal(1000, response.Json.GetProperty("rows").GetArrayLength());
        Assert.True(response.Json.GetProperty("truncated").GetBoolean());
        var small = await _server.Client.GetJsonAsync("/fixtures/-/query.json?sql=select+1");
        Assert.False(small.Json.GetProperty("truncated").GetBoolean());
    }

    [Fact]
    public async Task Shapes_reshape_the_same_rows()
    {
        const string url = "/fixtures/simple_primary_key.json?_size=2";
        Assert.Equal("[[1,\"hello\"],[2,\"world\"]]", HttpJson.Compact((await _server.Client.GetJsonAsync(url + "&_shape=arrays")).Json.GetProperty("rows")));
        Assert.Equal("[{\"id\":1,\"content\":\"hello\"},{\"id\":2,\"content\":\"world\"}]", HttpJson.Compact((await _server.Client.GetJsonAsync(url + "&_shape=array")).Text));
        Assert.Equal("[1,2]", HttpJson.Compact((await _server.Client.GetJsonAsync(url + "&_shape=arrayfirst")).Text));
        Assert.Equal("{\"1\":{\"id\":1,\"content\":\"hello\"},\"2\":{\"id\":2,\"content\":\"world\"}}", HttpJson.Compact((await _server.Client.GetJsonAsync(url + "&_shape=object")).Text));
    }

    [Fact]
    public async Task Blobs_and_infinities_are_written_as_the_spec_says()
    {
        var blob = await _server.Client.GetJsonAsync("/fixtures/binary_data.json?_size=1");
        Assert.Equal("{\"$base64\":true,\"encoded\":\"FRwCx60F/g==\"}", HttpJson.Compact(blob.Json.GetProperty("rows")[0].GetProperty("data")));
        var infinity = await _server.Client.GetAsync("/fixtures/-/query.json?sql=select+1e999+as+a,+-1e999+as+b&_json_infinity=1&_shape=array");
        Assert.Equal("[{\"a\":Infinity,\"b\":-Infinity}]", await infinity.Content.ReadAsStringAsync());
        var nulls = await _server.Client.GetJsonAsync("/fixtures/-/query.json?sql=select+1e999+as+a&_shape=array");
        Assert.Equal("[{\"a\":null}]", HttpJson.Compact(nulls.Text));
    }

    [Fact]
    public async Task Stored_queries_answer_on_the_table_route_with_their_parameters()
    {
        var response = await _server.Client.GetJsonAsync("/fixtures/neighborhood_search.json?text=town&_shape=arrays");
        Assert.Equal(200, response.Status);
        Assert.Equal(6, response.Json.GetProperty("rows").GetArrayLength());
    }

    [Fact]
    public async Task Json_columns_are_embedded_when_they_hold_json()
    {
        var response = await _server.Client.GetJsonAsync("/fixtures/-/query.json?sql=select+%27%5B1%2C2%5D%27+as+j,+%27nope%27+as+k&_json=j&_json=k&_shape=array");
        Assert.Equal("[{\"j\":[1,2],\"k\":\"nope\"}]", HttpJson.Compact(response.Text));
    }

    [Fact]
    public async Task Nl_with_shape_array_writes_one_object_per_line()
    {
        var response = await _server.Client.GetAsync("/fixtures/simple_primary_key.json?_size=2&_shape=array&_nl=on");
        Assert.Equal("{\"id\":1,\"content\":\"hello\"}\n{\"id\":2,\"content\":\"world\"}", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Row_pages_return_the_row_and_its_decoded_key()
    {
        var response = await _server.Client.GetJsonAsync("/fixtures/compound_primary_key/a~2Fb,~2Ec-d.json");
        Assert.Equal(200, response.Status);
        var json = response.Json;
        Assert.Equal("[{\"pk1\":\"a/b\",\"pk2\":\".c-d\",\"content\":\"c\"}]", HttpJson.Compact(json.GetProperty("rows")));
        Assert.Equal(new[] { "a/b", ".c-d" }, json.GetProperty("primary_key_values").EnumerateArray().Select(v => v.GetString()));
    }
}
