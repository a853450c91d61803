using System;
using System.Linq;
using System.Threading.Tasks;
using Datasette.Gen.Tests.Infrastructure;

namespace Datasette.Gen.Tests.ReadApi;

/// <summary>
/// read-api.md §5.5: <c>_where</c> fragments go into the table's SQL verbatim, as Datasette's
/// where_filters hook adds them (filters.py) and table_view_data joins them with " and ", so
/// SQLite reports a bad fragment in the same words.
/// </summary>
public sealed class WhereClauseTests(FixturesServerFixture fixture) : IClassFixture<FixturesServerFixture>
{
    /// <summary>Datasette's error_body, and nothing else: no rows or truncated on a table page.</summary>
    internal static string Envelope(int status, string message)
    {
        using var stream = new System.IO.MemoryStream();
        using (var writer = new System.Text.Json.Utf8JsonWriter(stream))
        {
            writer.WriteStartObject();
            writer.WriteBoolean("ok", false);
            writer.WriteString("error", message);
            writer.WriteStartArray("errors");
            writer.WriteStringValue(message);
            writer.WriteEndArray();
            writer.WriteNumber("status", status);
            writer.WriteEndObject();
        }
        return HttpJson.Compact(System.Text.Encoding.UTF8.GetString(stream.ToArray()));
    }

    [Theory]
    [InlineData("/fixtures/facetable.json?_where=nosuchcol=1", "no such column: nosuchcol")]
    [InlineData("/fixtures/facetable.json?_where=1)", "near \")\": syntax error")]
    [InlineData("/fixtures/facetable.json?_where=", "near \"order\": syntax error")]
    [InlineData("/fixtures/facetable.json?_where=1+or", "near \"order\": syntax error")]
    [InlineData("/fixtures/facetable.json?_where=(1", "near \"order\": syntax error")]
    [InlineData("/fixtures/facetable.json?state=CA&_where=and+1", "near \"and\": syntax error")]
    [InlineData("/fixtures/facetable.json?_where=1)+or+(1", "near \")\": syntax error")]
    [InlineData("/fixtures/simple_view.json?_where=", "near \"limit\": syntax error")]
    [InlineData("/fixtures/facetable.json?_where=pk+%3E+%271", "unrecognized token: \"'1 order by pk limit 101\"")]
    public async Task A_malformed_fragment_is_sqlites_error_for_datasettes_sql(string url, string message)
    {
        var response = await fixture.Server.Client.GetJsonAsync(url);
        Assert.Equal(400, response.Status);
        Assert.Equal(Envelope(400, message), HttpJson.Compact(response.Text));
    }

    [Theory]
    [InlineData("/fixtures/facetable.json?_where=1;select+2")]
    [InlineData("/fixtures/facetable.json?_where=1;")]
    [InlineData("/fixtures/facetable.json?_where=1;;")]
    public async Task A_fragment_that_ends_the_statement_is_refused_before_anything_runs(string url)
    {
        var response = await fixture.Server.Client.GetJsonAsync(url);
        Assert.Equal(400, response.Status);
        Assert.Equal(Envelope(400, "You can only execute one statement at a time."), HttpJson.Compact(response.Text));
    }

    [Fact]
    public async Task A_fragment_that_closes_a_parenthesis_cannot_smuggle_a_second_statement()
    {
        // Wrapping fragments in parentheses let "1);select (2" through as two statements.
        var response = await fixture.Server.Client.GetJsonAsync("/fixtures/facetable.json?_where=1);select+(2");
        Assert.Equal(Envelope(400, "near \")\": syntax error"), HttpJson.Compact(response.Text));
    }

    [Fact]
    public async Task Fragments_join_the_filters_unparenthesised_so_sqlite_precedence_applies()
    {
        var response = await fixture.Server.Client.GetJsonAsync("/fixtures/facetable.json?state=CA&_where=1+or+1&_extra=query,count");
        Assert.Equal(200, response.Status);
        Assert.Equal(
            "select pk, created, planet_int, on_earth, state, _city_id, _neighborhood, tags, complex_array, distinct_some_null, n from facetable where \"state\" = :p0 and 1 or 1 order by pk limit 101",
            response.Json.GetProperty("query").GetProperty("sql").GetString());
        // "state" = 'CA' and 1 or 1: every row, not only California's
        Assert.Equal(15, response.Json.GetProperty("count").GetInt32());
    }

    [Fact]
    public async Task A_trailing_comment_hides_the_rest_of_the_statement_as_in_datasette()
    {
        var response = await fixture.Server.Client.GetJsonAsync("/fixtures/facetable.json?_where=pk+%3E+13+--&_shape=array");
        Assert.Equal(200, response.Status);
        Assert.Equal(new[] { 14, 15 }, response.Json.EnumerateArray().Select(r => r.GetProperty("pk").GetInt32()));
    }

    [Fact]
    public async Task Where_then_through_then_search_clauses_follow_the_column_filters()
    {
        // pluggy calls filters_from_request hooks last-registered first: where, through, search.
        const string through = "{\"table\":\"roadside_attraction_characteristics\",\"column\":\"characteristic_id\",\"value\":\"1\"}";
        var url = "/fixtures/roadside_attractions.json?pk__gt=0&_where=1&_search=x&_fts_table=searchable_fts&_extra=query,human_description_en&_through="
            + Uri.EscapeDataString(through);
        var response = await fixture.Server.Client.GetJsonAsync(url);
        Assert.Equal(200, response.Status);
        Assert.Equal(
            "select pk, name, address, url, latitude, longitude from roadside_attractions where \"pk\" > :p0 and 1"
            + " and pk in (select attraction_id from roadside_attraction_characteristics where characteristic_id = :through_1)"
            + " and rowid in (select rowid from searchable_fts where searchable_fts match escape_fts(:search)) order by pk limit 101",
            response.Json.GetProperty("query").GetProperty("sql").GetString());
        Assert.Equal(
            "where roadside_attraction_characteristics.characteristic_id = \"1\", search matches \"x\" and pk > 0",
            response.Json.GetProperty("human_description_en").GetString());
    }

    [Fact]
    public async Task An_unknown_through_column_is_sqlites_no_such_column()
    {
        const string through = "{\"table\":\"roadside_attraction_characteristics\",\"column\":\"nope\",\"value\":\"1\"}";
        var response = await fixture.Server.Client.GetJsonAsync("/fixtures/roadside_attractions.json?_through=" + Uri.EscapeDataString(through));
        Assert.Equal(Envelope(400, "no such column: nope"), HttpJson.Compact(response.Text));
    }
}
