using System.Linq;
using System.Text.Json;
using System.Threading.Tasks;
using Datasette.Gen.Tests.Infrastructure;

namespace Datasette.Gen.Tests.Api;

/// <summary>routes.md §9: status codes and the JSON error envelope.</summary>
public sealed class ErrorEnvelopeTests(FixturesServerFixture fixture) : IClassFixture<FixturesServerFixture>
{
    private readonly TestServer _server = fixture.Server;

    private async Task AssertErrorAsync(string url, int status, string message)
    {
        var response = await _server.Client.GetJsonAsync(url);
        Assert.Equal(status, response.Status);
        Assert.Equal("application/json; charset=utf-8", response.Response.Content.Headers.ContentType?.ToString());
        var json = response.Json;
        Assert.False(json.GetProperty("ok").GetBoolean());
        Assert.Equal(message, json.GetProperty("error").GetString());
        Assert.Equal(new[] { message }, json.GetProperty("errors").EnumerateArray().Select(e => e.GetString()));
        Assert.Equal(status, json.GetProperty("status").GetInt32());
        Assert.False(json.TryGetProperty("title", out _));
    }

    [Theory]
    [InlineData("/nope.json", "Database not found")]
    [InlineData("/fixtures/nope.json", "Table not found")]
    [InlineData("/fixtures/simple_primary_key/99999.json", "Row not found")]
    [InlineData("/-/nope.json", "Database not found")]
    public async Task Unknown_databases_tables_and_rows_are_404_envelopes(string url, string message)
    {
        await AssertErrorAsync(url, 404, message);
    }

    [Fact]
    public async Task An_unknown_path_without_json_suffix_is_an_html_404()
    {
        var response = await _server.Client.GetAsync("/nope");
        Assert.Equal(404, (int)response.StatusCode);
        Assert.Equal("text/html; charset=utf-8", response.Content.Headers.ContentType?.ToString());
        Assert.Contains("Database not found", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task A_row_url_with_the_wrong_number_of_keys_is_a_400()
    {
        await AssertErrorAsync("/fixtures/compound_primary_key/a.json", 400, "URL row identifier does not match the primary key for this table");
    }

    [Fact]
    public async Task A_sqlite_error_is_a_400_envelope_with_empty_rows_and_truncated_false()
    {
        await AssertErrorAsync("/fixtures/-/query.json?sql=select+*+from+nope", 400, "no such table: nope");
        var json = (await _server.Client.GetJsonAsync("/fixtures/-/query.json?sql=select+*+from+nope")).Json;
        Assert.Equal(JsonValueKind.Array, json.GetProperty("rows").ValueKind);
        Assert.Equal(0, json.GetProperty("rows").GetArrayLength());
        Assert.False(json.GetProperty("truncated").GetBoolean());
    }

    [Theory]
    [InlineData("update+simple_primary_key+set+content+%3D+%27x%27")]
    [InlineData("pragma+cache_size")]
    [InlineData("%2Eschema")]
    public async Task Non_select_sql_is_refused(string sql)
    {
        await AssertErrorAsync("/fixtures/-/query.json?sql=" + sql, 400, "Statement must be a SELECT");
    }

    [Fact]
    public async Task A_disallowed_pragma_function_is_refused()
    {
        var response = await _server.Client.GetJsonAsync("/fixtures/-/query.json?sql=select+*+from+pragma_cache_size()");
        Assert.Equal(400, response.Status);
        Assert.StartsWith("Statement contained a disallowed PRAGMA. Allowed pragma functions are pragma_database_list(), ", response.Json.GetProperty("error").GetString());
    }

    [Fact]
    public async Task Two_statements_separated_by_a_semicolon_are_refused()
    {
        await AssertErrorAsync("/fixtures/-/query.json?sql=select+1;+select+2", 400, "You can only execute one statement at a time.");
    }

    [Fact]
    public async Task A_magic_parameter_in_arbitrary_sql_is_reported_as_unbound_by_name()
    {
        await AssertErrorAsync("/fixtures/-/query.json?sql=select+:a,+:_header_host&a=1", 400, "You did not supply a value for binding parameter :_header_host.");
    }

    [Fact]
    public async Task A_query_without_sql_is_a_400()
    {
        await AssertErrorAsync("/fixtures/-/query.json", 400, "?sql= is required");
        await AssertErrorAsync("/fixtures/-/query.json?sql=", 400, "?sql= is required");
    }

    [Fact]
    public async Task The_html_query_page_without_sql_is_the_empty_editor()
    {
        // views/database.py QueryView: only the csv and renderer branches require ?sql=
        Assert.Equal(200, (int)(await _server.Client.GetAsync("/fixtures/-/query")).StatusCode);
    }

    [Fact]
    public async Task Shape_object_is_refused_on_queries_and_on_tables_without_primary_keys()
    {
        await AssertErrorAsync("/fixtures/-/query.json?sql=select+1&_shape=object", 400, "_shape=object is only available on tables");
        await AssertErrorAsync("/fixtures/no_primary_key.json?_shape=object", 400, "_shape=object not available for tables with no primary keys");
        // a view has no primary key either (and no rowid to key by): refused once its query has run, never a crash
        await AssertErrorAsync("/fixtures/simple_view.json?_shape=object", 400, "_shape=object not available for tables with no primary keys");
    }

    [Theory]
    [InlineData("/fixtures/simple_primary_key.json?_shape=x")]
    [InlineData("/fixtures/-/query.json?sql=select+1&_shape=x")]
    public async Task An_invalid_shape_is_named(string url)
    {
        await AssertErrorAsync(url, 400, "Invalid _shape: x");
    }

    [Theory]
    [InlineData("/fixtures/simple_primary_key.json?_extra=b,a")]
    [InlineData("/fixtures/simple_primary_key.json?_extra=b&_extra=count&_extra=a")]
    [InlineData("/fixtures/-/query.json?sql=select+1&_extra=b,columns,a")]
    public async Task Unknown_extras_are_listed_sorted(string url)
    {
        await AssertErrorAsync(url, 400, "Unknown _extra: a, b");
    }

    [Fact]
    public async Task Col_and_nocol_errors_name_the_bad_columns()
    {
        await AssertErrorAsync("/fixtures/sortable.json?_col=nope&_col=content&_col=bad", 400, "_col=nope, bad - invalid columns");
        await AssertErrorAsync("/fixtures/sortable.json?_nocol=pk1", 400, "_nocol=pk1 - invalid columns");
    }

    [Fact]
    public async Task Sort_errors_are_400s()
    {
        await AssertErrorAsync("/fixtures/sortable.json?_sort=nope", 400, "Cannot sort table by nope");
        await AssertErrorAsync("/fixtures/sortable.json?_sort=content&_sort_desc=text", 400, "Cannot use _sort and _sort_desc at the same time");
        await AssertErrorAsync("/fixtures/sortable.json?_size=dog", 400, "_size must be a positive integer");
    }

    [Fact]
    public async Task An_expensive_query_with_a_one_millisecond_timelimit_is_interrupted()
    {
        const string sql = "with+recursive+c(x)+as+(select+1+union+all+select+x+%2B+1+from+c+where+x+<+100000000000)+select+count(*)+from+c";
        await AssertErrorAsync($"/fixtures/-/query.json?sql={sql}&_timelimit=1", 400,
            "SQL query took too long. The time limit is controlled by the sql_time_limit_ms setting.");
    }

    [Fact]
    public async Task The_interrupted_query_html_page_is_titled_sql_interrupted()
    {
        const string sql = "with+recursive+c(x)+as+(select+1+union+all+select+x+%2B+1+from+c+where+x+<+100000000000)+select+count(*)+from+c";
        var response = await _server.Client.GetAsync($"/fixtures/-/query?sql={sql}&_timelimit=1");
        Assert.Equal(400, (int)response.StatusCode);
        Assert.Contains("SQL Interrupted", await response.Content.ReadAsStringAsync());
    }
}
