using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.Json;
using System.Threading.Tasks;
using Datasette.Gen.Tests.Infrastructure;
using Microsoft.Data.Sqlite;

namespace Datasette.Gen.Tests.Api;

/// <summary>read-api.md §5.10: keyset pagination followed end to end, checked against SQLite's own ordering.</summary>
public sealed class PaginationTests(FixturesServerFixture fixture) : IClassFixture<FixturesServerFixture>
{
    private readonly TestServer _server = fixture.Server;

    /// <summary>The rows of a direct query on fixtures.db, each as its columns joined with '|'.</summary>
    private static List<string> Direct(string sql)
    {
        using var connection = TestSqlite.Open(Path.Combine(Paths.ConformanceData, "fixtures.db"), SqliteOpenMode.ReadOnly);
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        using var reader = command.ExecuteReader();
        var rows = new List<string>();
        while (reader.Read())
        {
            rows.Add(string.Join("|", Enumerable.Range(0, reader.FieldCount).Select(i => reader.GetValue(i) switch
            {
                System.DBNull => "NULL",
                double real => Real(real),
                var other => other.ToString(),
            })));
        }
        return rows;
    }

    private static string Real(double value) => "real:" + value.ToString("R", System.Globalization.CultureInfo.InvariantCulture);

    private static string Cell(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.Null => "NULL",
        JsonValueKind.String => value.GetString()!,
        JsonValueKind.Number when value.GetRawText().IndexOfAny(new[] { '.', 'e', 'E' }) >= 0 => Real(value.GetDouble()),
        _ => value.GetRawText(),
    };

    /// <summary>Follows next_url from <paramref name="url"/> to the end, returning every row's <paramref name="columns"/> and the page count.</summary>
    private async Task<(List<string> Rows, int Pages)> WalkAsync(string url, params string[] columns)
    {
        var rows = new List<string>();
        var pages = 0;
        string? next = url;
        while (next is not null)
        {
            Assert.True(++pages < 500, "pagination does not end");
            var response = await _server.Client.GetJsonAsync(next);
            Assert.Equal(200, response.Status);
            foreach (var row in response.Json.GetProperty("rows").EnumerateArray())
            {
                rows.Add(string.Join("|", columns.Select(c => Cell(row.GetProperty(c)))));
            }
            var nextUrl = response.Json.GetProperty("next_url");
            next = nextUrl.ValueKind == JsonValueKind.Null ? null : nextUrl.GetString();
            if (next is not null)
            {
                Assert.StartsWith(_server.BaseUrl + "/", next);
                Assert.Equal($"<{next}>; rel=\"next\"", string.Join(",", response.Response.Headers.GetValues("Link")));
            }
            else
            {
                Assert.False(response.Response.Headers.Contains("Link"));
            }
        }
        return (rows, pages);
    }

    [Theory]
    [InlineData("/fixtures/compound_three_primary_keys.json", 11)]
    [InlineData("/fixtures/compound_three_primary_keys.json?_size=37", 28)]
    [InlineData("/fixtures/compound_three_primary_keys.json?_size=1000", 2)]
    public async Task Following_next_url_visits_every_row_of_a_compound_key_table_once_in_key_order(string url, int expectedPages)
    {
        var (rows, pages) = await WalkAsync(url, "pk1", "pk2", "pk3", "content");
        var expected = Direct("select pk1, pk2, pk3, content from compound_three_primary_keys order by pk1, pk2, pk3");
        Assert.Equal(1001, expected.Count);
        Assert.Equal(rows.Count, rows.Distinct().Count());
        Assert.Equal(expected, rows);
        Assert.Equal(expectedPages, pages);
    }

    [Fact]
    public async Task Next_is_the_last_rows_encoded_key_and_link_repeats_next_url()
    {
        var response = await _server.Client.GetJsonAsync("/fixtures/compound_three_primary_keys.json?_size=10");
        Assert.Equal("a,a,j", response.Json.GetProperty("next").GetString());
        var nextUrl = response.Json.GetProperty("next_url").GetString();
        Assert.Equal(_server.BaseUrl + "/fixtures/compound_three_primary_keys.json?_size=10&_next=a%2Ca%2Cj", nextUrl);
        Assert.Equal($"<{nextUrl}>; rel=\"next\"", response.Response.Headers.GetValues("Link").Single());
    }

    [Fact]
    public async Task Keys_with_special_characters_paginate_through_tilde_encoded_tokens()
    {
        var first = await _server.Client.GetJsonAsync("/fixtures/compound_primary_key.json?_size=1&_next=a,b");
        Assert.Equal("a/b", first.Json.GetProperty("rows")[0].GetProperty("pk1").GetString());
        Assert.Equal("a~2Fb,~2Ec-d", first.Json.GetProperty("next").GetString());
        var (rows, _) = await WalkAsync("/fixtures/compound_primary_key.json?_size=1", "pk1", "pk2");
        Assert.Equal(Direct("select pk1, pk2 from compound_primary_key order by pk1, pk2"), rows);
    }

    [Fact]
    public async Task Bare_shapes_still_send_the_next_link()
    {
        var response = await _server.Client.GetAsync("/fixtures/compound_three_primary_keys.json?_size=2&_shape=array");
        var link = response.Headers.GetValues("Link").Single();
        Assert.Equal($"<{_server.BaseUrl}/fixtures/compound_three_primary_keys.json?_size=2&_shape=array&_next=a%2Ca%2Cb>; rel=\"next\"", link);
    }

    [Fact]
    public async Task Rowid_tables_and_views_paginate_to_the_end()
    {
        var (rowidRows, _) = await WalkAsync("/fixtures/no_primary_key.json?_size=3", "rowid", "content");
        Assert.Equal(Direct("select rowid, content from no_primary_key order by rowid"), rowidRows);
        var (viewRows, _) = await WalkAsync("/fixtures/paginated_view.json?_size=4", "content");
        Assert.Equal(Direct("select content from paginated_view"), viewRows);
    }

    [Fact]
    public async Task Next_url_restates_the_sort_after_the_next_token()
    {
        var response = await _server.Client.GetJsonAsync("/fixtures/sortable.json?_size=2&_col=sortable_with_nulls&_sort=sortable_with_nulls");
        Assert.Equal("$null,a,b", response.Json.GetProperty("next").GetString());
        Assert.Equal(
            _server.BaseUrl + "/fixtures/sortable.json?_size=2&_col=sortable_with_nulls&_next=%24null%2Ca%2Cb&_sort=sortable_with_nulls",
            response.Json.GetProperty("next_url").GetString());
    }

    [Fact]
    public async Task A_descending_sort_token_carries_the_python_text_of_the_float()
    {
        var response = await _server.Client.GetJsonAsync("/fixtures/sortable.json?_size=2&_sort_desc=sortable_with_nulls");
        Assert.Equal("0~2E9961213802400968,a,o", response.Json.GetProperty("next").GetString());
    }

    [Theory]
    [InlineData("sortable_with_nulls", false)]
    [InlineData("sortable_with_nulls", true)]
    [InlineData("sortable_with_nulls_2", false)]
    [InlineData("sortable_with_nulls_2", true)]
    [InlineData("text", false)]
    [InlineData("text", true)]
    [InlineData("sortable", false)]
    [InlineData("sortable", true)]
    public async Task Sorted_pagination_with_nulls_matches_sqlites_order_by(string column, bool descending)
    {
        var sort = descending ? "_sort_desc" : "_sort";
        var (rows, _) = await WalkAsync($"/fixtures/sortable.json?{sort}={column}&_size=7", "pk1", "pk2", column);
        var expected = Direct($"select pk1, pk2, {column} from sortable order by {column}{(descending ? " desc" : "")}, pk1, pk2");
        Assert.Equal(201, expected.Count);
        Assert.Equal(expected, rows);
    }

    [Fact]
    public async Task Sorted_pagination_works_when_the_sort_column_is_not_output()
    {
        var (rows, _) = await WalkAsync("/fixtures/sortable.json?_sort_desc=sortable_with_nulls&_size=9&_col=content", "pk1", "pk2", "content");
        Assert.Equal(Direct("select pk1, pk2, content from sortable order by sortable_with_nulls desc, pk1, pk2"), rows);
    }

    [Fact]
    public async Task Filtered_and_sorted_pagination_stays_within_the_filter()
    {
        var (rows, _) = await WalkAsync("/fixtures/sortable.json?sortable__gt=50&_sort=sortable_with_nulls_2&_size=5", "pk1", "pk2", "sortable");
        Assert.Equal(Direct("select pk1, pk2, sortable from sortable where sortable > 50 order by sortable_with_nulls_2, pk1, pk2"), rows);
    }

    [Fact]
    public async Task A_page_size_of_zero_returns_no_rows_and_no_next()
    {
        var response = await _server.Client.GetJsonAsync("/fixtures/sortable.json?_size=0");
        Assert.Equal(0, response.Json.GetProperty("rows").GetArrayLength());
        Assert.Equal(JsonValueKind.Null, response.Json.GetProperty("next").ValueKind);
    }

    [Fact]
    public async Task A_token_that_does_not_fit_the_key_is_ignored()
    {
        var response = await _server.Client.GetJsonAsync("/fixtures/compound_three_primary_keys.json?_size=1&_next=only-one");
        Assert.Equal("a", response.Json.GetProperty("rows")[0].GetProperty("pk3").GetString());
    }
}
