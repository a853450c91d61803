using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json;
using System.Threading.Tasks;
using Datasette.Gen.App;
using Datasette.Gen.Runtime.Hosting;
using Datasette.Gen.Tests.Infrastructure;

namespace Datasette.Gen.Tests.Api;

/// <summary>The compiled default deployment: datasette.yaml, metadata.yaml and the embedded demo database.</summary>
public sealed class DefaultDeploymentTests(DefaultDeploymentTests.ServerFixture fixture) : IClassFixture<DefaultDeploymentTests.ServerFixture>
{
    /// <summary>One server for the class's tests.</summary>
    public sealed class ServerFixture : IAsyncLifetime
    {
        public TestServer Server { get; private set; } = null!;

        public async Task InitializeAsync() => Server = await StartAsync();

        public async Task DisposeAsync() => await Server.DisposeAsync();
    }

    private readonly TestServer _server = fixture.Server;

    private static Task<TestServer> StartAsync() => TestServer.StartAsync(new ServeOptions(), new Deployment(
        Datasette.Gen.Generated.Deployment.Config,
        Datasette.Gen.Generated.Deployment.Metadata,
        [DemoDatabase.Load()]));

    /// <summary>Runs SQL against a fresh private copy of the demo database built from the same script.</summary>
    private static List<string> Direct(string sql, params (string Name, string Value)[] parameters)
    {
        using var connection = TestSqlite.Open(":memory:");
        TestSqlite.Execute(connection, DemoDatabase.Load().Sql);
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(":" + name, value);
        }
        using var reader = command.ExecuteReader();
        var rows = new List<string>();
        while (reader.Read())
        {
            rows.Add(string.Join("|", Enumerable.Range(0, reader.FieldCount).Select(i => reader.IsDBNull(i) ? "NULL" : Convert.ToString(reader.GetValue(i), System.Globalization.CultureInfo.InvariantCulture))));
        }
        return rows;
    }

    private static string Row(JsonElement row) => string.Join("|", row.EnumerateObject().Select(p => p.Value.ValueKind switch
    {
        JsonValueKind.Null => "NULL",
        JsonValueKind.String => p.Value.GetString(),
        _ => p.Value.GetRawText(),
    }));

    [Fact]
    public async Task The_demo_database_lists_its_tables_and_view()
    {
        var response = await _server.Client.GetJsonAsync("/demo.json");
        Assert.Equal(200, response.Status);
        var json = response.Json;
        var tables = json.GetProperty("tables").EnumerateArray().ToDictionary(t => t.GetProperty("name").GetString()!);
        foreach (var name in new[] { "cities", "countries", "landmarks", "visitor_counts", "landmarks_fts" })
        {
            Assert.True(tables.ContainsKey(name), name + " missing");
        }
        Assert.Equal(new[] { "large_cities" }, json.GetProperty("views").EnumerateArray().Select(v => v.GetProperty("name").GetString()));
        Assert.True(tables["landmarks_fts"].GetProperty("hidden").GetBoolean());
        Assert.False(tables["landmarks"].GetProperty("hidden").GetBoolean());
        Assert.Equal("landmarks_fts", tables["landmarks"].GetProperty("fts_table").GetString());
        Assert.Equal(new[] { "landmark_id", "year" }, tables["visitor_counts"].GetProperty("primary_keys").EnumerateArray().Select(k => k.GetString()));
        Assert.Equal(long.Parse(Direct("select count(*) from cities").Single()), tables["cities"].GetProperty("count").GetInt64());
        Assert.Equal("A small data set that ships inside the executable.", json.GetProperty("metadata").GetProperty("description").GetString());
        Assert.Contains(json.GetProperty("queries").EnumerateArray(), q => q.GetProperty("name").GetString() == "landmarks_by_kind");
    }

    [Fact]
    public async Task Search_on_landmarks_finds_the_rows_full_text_search_matches()
    {
        var response = await _server.Client.GetJsonAsync("/demo/landmarks.json?_search=museum&_col=name");
        Assert.Equal(200, response.Status);
        var ids = response.Json.GetProperty("rows").EnumerateArray().Select(r => r.GetProperty("id").GetInt64().ToString()).ToList();
        var expected = Direct("select id from landmarks where id in (select rowid from landmarks_fts where landmarks_fts match '\"museum\"') order by id");
        Assert.True(expected.Count >= 3, "the demo should have several museums");
        Assert.Equal(expected, ids);
        var none = await _server.Client.GetJsonAsync("/demo/landmarks.json?_search=zzzznotthere");
        Assert.Equal(0, none.Json.GetProperty("rows").GetArrayLength());
    }

    [Fact]
    public async Task The_compiled_settings_show_in_settings_json_and_apply()
    {
        var settings = (await _server.Client.GetJsonAsync("/-/settings.json")).Json;
        Assert.Equal(50, settings.GetProperty("default_page_size").GetInt32());
        Assert.Equal(1000, settings.GetProperty("sql_time_limit_ms").GetInt32());
        var metadata = (await _server.Client.GetJsonAsync("/.json")).Json.GetProperty("metadata");
        Assert.Equal("Datasette.Gen demo", metadata.GetProperty("title").GetString());
        Assert.Equal("CC0 1.0", metadata.GetProperty("license").GetString());
    }

    [Fact]
    public async Task The_stored_query_answers_with_the_rows_of_its_sql()
    {
        var response = await _server.Client.GetJsonAsync("/demo/landmarks_by_kind.json?kind=museum");
        Assert.Equal(200, response.Status);
        var rows = response.Json.GetProperty("rows").EnumerateArray().Select(Row).ToList();
        var expected = Direct("""
            select landmarks.name, cities.name as city, landmarks.opened
            from landmarks join cities on cities.id = landmarks.city_id
            where kind = :kind
            order by landmarks.opened
            """, ("kind", "museum"));
        Assert.NotEmpty(expected);
        Assert.Equal(expected, rows);
        var definition = (await _server.Client.GetJsonAsync("/demo/landmarks_by_kind/-/definition")).Json.GetProperty("query");
        Assert.Equal("Landmarks of one kind", definition.GetProperty("title").GetString());
        Assert.Equal("config", definition.GetProperty("source").GetString());
    }

    [Fact]
    public async Task Configured_sortable_columns_and_default_sort_apply()
    {
        var refused = await _server.Client.GetJsonAsync("/demo/cities.json?_sort=country_code");
        Assert.Equal(400, refused.Status);
        Assert.Equal("Cannot sort table by country_code", refused.Json.GetProperty("error").GetString());
        var byPopulation = await _server.Client.GetJsonAsync("/demo/cities.json?_sort_desc=population&_col=population&_size=max");
        var populations = byPopulation.Json.GetProperty("rows").EnumerateArray().Select(r => r.GetProperty("population")).Where(p => p.ValueKind != JsonValueKind.Null).Select(p => p.GetInt64()).ToList();
        Assert.Equal(populations.OrderByDescending(p => p), populations);
        var countries = (await _server.Client.GetJsonAsync("/demo/countries.json?_size=max")).Json.GetProperty("rows").EnumerateArray().Select(r => r.GetProperty("name").GetString()!).ToList();
        Assert.Equal(Direct("select name from countries order by name, code"), countries);
    }

    [Fact]
    public async Task A_second_instance_in_the_same_process_gets_its_own_demo_database()
    {
        await using var second = await StartAsync();
        var query = "/demo/-/query.json?sql=select+count(*)+as+n+from+countries";
        var first = (await _server.Client.GetJsonAsync(query)).Json.GetProperty("rows")[0].GetProperty("n").GetInt64();
        var other = (await second.Client.GetJsonAsync(query)).Json.GetProperty("rows")[0].GetProperty("n").GetInt64();
        Assert.Equal(long.Parse(Direct("select count(*) from countries").Single()), first);
        Assert.Equal(first, other);
    }

    [Fact]
    public async Task The_view_serves_its_rows_in_natural_order()
    {
        var response = await _server.Client.GetJsonAsync("/demo/large_cities.json?_size=max");
        Assert.Equal(Direct("select * from large_cities"), response.Json.GetProperty("rows").EnumerateArray().Select(Row).ToList());
    }
}
