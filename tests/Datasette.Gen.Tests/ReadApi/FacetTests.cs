using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json;
using System.Threading.Tasks;
using Datasette.Gen.Tests.Html;
using Datasette.Gen.Tests.Infrastructure;

namespace Datasette.Gen.Tests.ReadApi;

public sealed class FacetTests(FixturesServerFixture fixture) : IClassFixture<FixturesServerFixture>
{
    private TestServer Server => fixture.Server;

    [Fact]
    public async Task Column_facet_counts_values_in_descending_order_with_toggle_urls()
    {
        var response = await Server.Client.GetJsonAsync("/fixtures/facetable.json?_facet=state");
        var state = response.Json.GetProperty("facet_results").GetProperty("results").GetProperty("state");
        var values = state.GetProperty("results").EnumerateArray().Select(v => (v.GetProperty("value").GetString()!, v.GetProperty("count").GetInt32())).ToList();
        Assert.Equal(new[] { ("CA", 10), ("MI", 4), ("MC", 1) }, values);
        Assert.Equal("/fixtures/facetable.json", state.GetProperty("toggle_url").GetString());
        Assert.EndsWith("/fixtures/facetable.json?_facet=state&state=CA", state.GetProperty("results")[0].GetProperty("toggle_url").GetString());
    }

    [Fact]
    public async Task Selected_facet_value_toggles_off_and_foreign_key_facets_are_labelled()
    {
        var response = await Server.Client.GetJsonAsync("/fixtures/facetable.json?_facet=_city_id&_city_id__exact=1");
        var value = response.Json.GetProperty("facet_results").GetProperty("results").GetProperty("_city_id").GetProperty("results")[0];
        Assert.Equal(1, value.GetProperty("value").GetInt32());
        Assert.Equal("San Francisco", value.GetProperty("label").GetString());
        Assert.True(value.GetProperty("selected").GetBoolean());
        Assert.EndsWith("/fixtures/facetable.json?_facet=_city_id", value.GetProperty("toggle_url").GetString());
    }

    [Fact]
    public async Task Array_and_date_facets_count_items_and_days()
    {
        var arrays = await Server.Client.GetJsonAsync("/fixtures/facetable.json?_facet_array=tags");
        var tags = arrays.Json.GetProperty("facet_results").GetProperty("results").GetProperty("tags").GetProperty("results");
        Assert.Equal(("tag1", 2), (tags[0].GetProperty("value").GetString()!, tags[0].GetProperty("count").GetInt32()));
        Assert.EndsWith("tags__arraycontains=tag1", tags[0].GetProperty("toggle_url").GetString());

        var dates = await Server.Client.GetJsonAsync("/fixtures/facetable.json?_facet_date=created");
        var days = dates.Json.GetProperty("facet_results").GetProperty("results").GetProperty("created").GetProperty("results");
        Assert.All(days.EnumerateArray(), d => Assert.Matches("^2019-01-1[4-7]$", d.GetProperty("value").GetString()));
        Assert.Equal(15, days.EnumerateArray().Sum(d => d.GetProperty("count").GetInt32()));
    }

    [Fact]
    public async Task Facet_size_truncates_and_facets_follow_filters()
    {
        var sized = await Server.Client.GetJsonAsync("/fixtures/facetable.json?_facet=state&_facet_size=1");
        var state = sized.Json.GetProperty("facet_results").GetProperty("results").GetProperty("state");
        Assert.Equal(1, state.GetProperty("results").GetArrayLength());
        Assert.True(state.GetProperty("truncated").GetBoolean());

        var filtered = await Server.Client.GetJsonAsync("/fixtures/facetable.json?_facet=state&state=MI");
        var only = filtered.Json.GetProperty("facet_results").GetProperty("results").GetProperty("state").GetProperty("results");
        Assert.Equal(1, only.GetArrayLength());
        Assert.Equal(4, only[0].GetProperty("count").GetInt32());
    }

    [Fact]
    public async Task Facet_by_rowid_reads_the_subquerys_null_rowid_as_Datasette_does()
    {
        // SQLite reads rowid of the facet's subquery as NULL yet lets it past `is not null`.
        var response = await Server.Client.GetJsonAsync("/fixtures/facetable.json?_facet=rowid&state=CA");
        var html = await HtmlAssert.PageAsync(Server.Client, "/fixtures/facetable?_facet=rowid&state=CA");

        var value = Assert.Single(response.Json.GetProperty("facet_results").GetProperty("results").GetProperty("rowid").GetProperty("results").EnumerateArray());
        Assert.Equal(JsonValueKind.Null, value.GetProperty("value").ValueKind);
        Assert.Equal(JsonValueKind.Null, value.GetProperty("label").ValueKind);
        Assert.Equal(10, value.GetProperty("count").GetInt32());
        Assert.False(value.GetProperty("selected").GetBoolean());
        Assert.EndsWith("/fixtures/facetable.json?_facet=rowid&state=CA", value.GetProperty("toggle_url").GetString());
        Assert.Contains(">None</a>", html);
    }

    /// <summary>Every kind of facet over every column of every fixtures table, rowid included: never a 500.</summary>
    [Fact]
    public async Task Every_facet_of_every_column_answers_without_a_server_error()
    {
        var failures = new List<string>();
        foreach (var table in Server.Datasette.GetDatabase("fixtures").Schema.Tables)
        {
            foreach (var column in table.Columns.Select(c => c.Name).Append("rowid"))
            {
                foreach (var facet in new[] { "_facet", "_facet_array", "_facet_date" })
                {
                    foreach (var format in new[] { ".json", "" })
                    {
                        var url = "/fixtures/" + Uri.EscapeDataString(table.Name) + format + "?" + facet + "=" + Uri.EscapeDataString(column);
                        var status = (int)(await Server.Client.GetAsync(url)).StatusCode;
                        if (status >= 500)
                        {
                            failures.Add(status + " " + url);
                        }
                    }
                }
            }
        }
        Assert.Empty(failures);
    }

    [Fact]
    public async Task Facet_on_a_missing_column_is_a_400()
    {
        var response = await Server.Client.GetJsonAsync("/fixtures/facetable.json?_facet=nosuchcolumn");
        Assert.Equal(400, response.Status);
        Assert.Equal("no such column: nosuchcolumn", response.Json.GetProperty("error").GetString());
    }

    [Fact]
    public async Task Suggested_facets_offer_columns_dates_and_arrays()
    {
        var response = await Server.Client.GetJsonAsync("/fixtures/facetable.json?_extra=suggested_facets");
        var suggestions = response.Json.GetProperty("suggested_facets").EnumerateArray()
            .Select(s => (s.GetProperty("name").GetString()!, s.TryGetProperty("type", out var t) ? t.GetString()! : "column")).ToList();
        Assert.Contains(("state", "column"), suggestions);
        Assert.Contains(("created", "date"), suggestions);
        Assert.Contains(("tags", "array"), suggestions);
        Assert.DoesNotContain(("pk", "column"), suggestions);
        Assert.DoesNotContain(("complex_array", "array"), suggestions);
    }
}
