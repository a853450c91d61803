using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Security.Cryptography;
using System.Threading.Tasks;
using Datasette.Gen.Runtime.Hosting;
using Datasette.Gen.Tests.Infrastructure;

namespace Datasette.Gen.Tests.Api;

/// <summary>routes.md §11: /-/settings.json and /-/databases.json reflect the command line.</summary>
public sealed class InstanceEndpointTests
{
    private static string Fixtures => Path.Combine(Paths.ConformanceData, "fixtures.db");

    [Fact]
    public async Task Settings_json_shows_settings_passed_with_s()
    {
        await using var server = await TestServer.StartAsync(new ServeOptions
        {
            Files = new() { Fixtures },
            Settings = new() { new("default_page_size", "7"), new("settings.sql_time_limit_ms", "321"), new("allow_facet", "off") },
        });
        var settings = (await server.Client.GetJsonAsync("/-/settings.json")).Json;
        Assert.True(settings.GetProperty("ok").GetBoolean());
        Assert.Equal(7, settings.GetProperty("default_page_size").GetInt32());
        Assert.Equal(321, settings.GetProperty("sql_time_limit_ms").GetInt32());
        Assert.False(settings.GetProperty("allow_facet").GetBoolean());
        Assert.Equal(1000, settings.GetProperty("max_returned_rows").GetInt32());
        Assert.Equal("/", settings.GetProperty("base_url").GetString());
        var page = (await server.Client.GetJsonAsync("/fixtures/compound_three_primary_keys.json")).Json;
        Assert.Equal(7, page.GetProperty("rows").GetArrayLength());
        Assert.Equal("a,a,g", page.GetProperty("next").GetString());
    }

    [Fact]
    public async Task Settings_json_lists_every_setting_in_the_canonical_order()
    {
        await using var server = await TestServer.StartAsync(new ServeOptions { Files = new() { Fixtures } });
        var names = (await server.Client.GetJsonAsync("/-/settings.json")).Json.EnumerateObject().Select(p => p.Name);
        Assert.Equal(new[]
        {
            "ok", "default_page_size", "max_returned_rows", "max_insert_rows", "max_post_body_bytes", "num_sql_threads", "sql_time_limit_ms",
            "default_facet_size", "facet_time_limit_ms", "facet_suggest_time_limit_ms", "allow_facet", "allow_download",
            "allow_signed_tokens", "default_allow_sql", "max_signed_tokens_ttl", "suggest_facets", "default_cache_ttl",
            "cache_size_kb", "allow_csv_stream", "max_csv_mb", "truncate_cells_html", "force_https_urls", "template_debug",
            "trace_debug", "base_url",
        }, names);
    }

    [Fact]
    public async Task Databases_json_shows_an_immutable_file_with_its_hash()
    {
        await using var server = await TestServer.StartAsync(new ServeOptions { ImmutableFiles = new() { Fixtures } });
        var databases = (await server.Client.GetJsonAsync("/-/databases.json")).Json.GetProperty("databases").EnumerateArray().ToList();
        var fixtures = Assert.Single(databases);
        Assert.Equal("fixtures", fixtures.GetProperty("name").GetString());
        Assert.Equal("fixtures", fixtures.GetProperty("route").GetString());
        Assert.Equal(Fixtures, fixtures.GetProperty("path").GetString());
        Assert.False(fixtures.GetProperty("is_mutable").GetBoolean());
        Assert.False(fixtures.GetProperty("is_memory").GetBoolean());
        Assert.Equal(new FileInfo(Fixtures).Length, fixtures.GetProperty("size").GetInt64());
        var hash = Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(Fixtures)));
        Assert.Equal(hash, fixtures.GetProperty("hash").GetString());
        var index = (await server.Client.GetJsonAsync("/.json")).Json.GetProperty("databases")[0];
        Assert.Equal(hash[..6], index.GetProperty("color").GetString());
        Assert.Equal(hash, index.GetProperty("hash").GetString());
    }

    [Fact]
    public async Task Databases_json_shows_mutable_files_and_the_memory_database()
    {
        using var file = new TempDatabaseFile("create table t (v)", stem: "fixtures");
        await using var server = await TestServer.StartAsync(new ServeOptions { Files = new() { file.Path, Fixtures }, Memory = true });
        var databases = (await server.Client.GetJsonAsync("/-/databases.json")).Json.GetProperty("databases").EnumerateArray().ToList();
        Assert.Equal(new[] { "_memory", "fixtures", "fixtures_2" }, databases.Select(d => d.GetProperty("name").GetString()));
        var memory = databases[0];
        Assert.True(memory.GetProperty("is_memory").GetBoolean());
        Assert.Equal(System.Text.Json.JsonValueKind.Null, memory.GetProperty("path").ValueKind);
        Assert.Equal(0, memory.GetProperty("size").GetInt64());
        Assert.All(databases.Skip(1), d =>
        {
            Assert.True(d.GetProperty("is_mutable").GetBoolean());
            Assert.Equal(System.Text.Json.JsonValueKind.Null, d.GetProperty("hash").ValueKind);
        });
        var second = await server.Client.GetJsonAsync("/fixtures_2/simple_primary_key/1.json");
        Assert.Equal(200, second.Status);
    }

    [Fact]
    public async Task Without_files_only_the_memory_database_is_served()
    {
        await using var server = await TestServer.StartAsync(new ServeOptions());
        var databases = (await server.Client.GetJsonAsync("/-/databases.json")).Json.GetProperty("databases").EnumerateArray();
        Assert.Equal(new[] { "_memory" }, databases.Select(d => d.GetProperty("name").GetString()));
        var query = await server.Client.GetJsonAsync("/_memory/-/query.json?sql=select+2+*+3+as+n");
        Assert.Equal(6, query.Json.GetProperty("rows")[0].GetProperty("n").GetInt32());
    }
}
