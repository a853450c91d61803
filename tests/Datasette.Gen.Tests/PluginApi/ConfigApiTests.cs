using System;
using System.IO;
using System.Text.Json.Nodes;
using System.Threading.Tasks;

namespace Datasette.Gen.Tests.PluginApi;

/// <summary>plugin_config (client-urls-events spec §8) and setting (§7).</summary>
public sealed class ConfigApiTests
{
    private const string Yaml = """
        plugins:
          cluster-map: {zoom: 3}
          vault:
            api_key: {$env: DATASETTE_GEN_TEST_KEY}
            file: {$file: FILE}
            nested: [{$env: DATASETTE_GEN_TEST_KEY}, {env: DATASETTE_GEN_TEST_KEY, other: 1}]
            unset: {$env: DATASETTE_GEN_TEST_UNSET_VARIABLE}
        databases:
          data:
            plugins:
              cluster-map: {zoom: 5}
            tables:
              people:
                plugins:
                  cluster-map: {zoom: 9}
          other:
            plugins:
              something-else: {x: 1}
          empty:
            plugins:
              cluster-map: {}
            tables:
              t:
                hidden: true
        """;

    [Fact]
    [Trait("seed", "internals:datasette-plugin-config")]
    public async Task Datasette_plugin_config_looks_up_table_then_database_then_top_level()
    {
        await using var instance = await PluginApiInstance.CreateAsync(Yaml.Replace("FILE", "/nonexistent"));
        var datasette = instance.Datasette;
        string? Zoom(JsonNode? node) => node?["zoom"]?.ToJsonString();

        Assert.Equal("3", Zoom(datasette.PluginConfig("cluster-map")));
        Assert.Equal("5", Zoom(datasette.PluginConfig("cluster-map", database: "data")));
        Assert.Equal("9", Zoom(datasette.PluginConfig("cluster-map", database: "data", table: "people")));
        Assert.Equal("5", Zoom(datasette.PluginConfig("cluster-map", database: "data", table: "pairs")));
        Assert.Null(datasette.PluginConfig("cluster-map", database: "data", table: "pairs", fallback: false));
        // Database without an entry: the top level (with fallback), also for a table without a database.
        Assert.Equal("3", Zoom(datasette.PluginConfig("cluster-map", database: "unconfigured")));
        Assert.Null(datasette.PluginConfig("cluster-map", database: "unconfigured", fallback: false));
        Assert.Equal("3", Zoom(datasette.PluginConfig("cluster-map", table: "people")));
        // Datasette's quirk: a configured database without this plugin gives null, even with fallback...
        Assert.Null(datasette.PluginConfig("cluster-map", database: "other"));
        // ...but a table lookup falls back to the top level when the database value is empty.
        Assert.Equal("3", Zoom(datasette.PluginConfig("cluster-map", database: "empty", table: "t")));
        Assert.Null(datasette.PluginConfig("not-configured"));
    }

    [Fact]
    public async Task Plugin_config_resolves_env_and_file_references_at_each_call()
    {
        var file = Path.GetTempFileName();
        await File.WriteAllTextAsync(file, "from a file\n");
        try
        {
            await using var instance = await PluginApiInstance.CreateAsync(Yaml.Replace("FILE", file));
            var datasette = instance.Datasette;

            Environment.SetEnvironmentVariable("DATASETTE_GEN_TEST_KEY", "first");
            var first = datasette.PluginConfig("vault")!;
            Environment.SetEnvironmentVariable("DATASETTE_GEN_TEST_KEY", "second");
            var second = datasette.PluginConfig("vault")!;

            Assert.Equal("first", first["api_key"]!.GetValue<string>());
            Assert.Equal("second", second["api_key"]!.GetValue<string>());
            Assert.Equal("from a file\n", second["file"]!.GetValue<string>());
            Assert.Equal("""["second",{"env":"DATASETTE_GEN_TEST_KEY","other":1}]""", second["nested"]!.ToJsonString());
            Assert.Null(second["unset"]);
            Assert.True(second.AsObject().ContainsKey("unset"));
            // The configuration keeps the markers: /-/config.json shows them unresolved and redacts secret-looking keys.
            var config = (await datasette.Client.GetAsync("/-/config.json")).Text;
            Assert.Contains("\"$env\":\"DATASETTE_GEN_TEST_KEY\"", config, StringComparison.Ordinal);
            Assert.Contains("\"api_key\":\"***\"", config, StringComparison.Ordinal);
        }
        finally
        {
            Environment.SetEnvironmentVariable("DATASETTE_GEN_TEST_KEY", null);
            File.Delete(file);
        }
    }

    [Fact]
    public async Task A_missing_file_reference_fails_when_it_is_read()
    {
        await using var instance = await PluginApiInstance.CreateAsync(Yaml.Replace("FILE", "/nonexistent/datasette-gen-secret"));

        Assert.ThrowsAny<IOException>(() => instance.Datasette.PluginConfig("vault"));
        Assert.NotNull(instance.Datasette.PluginConfig("cluster-map"));
    }

    [Fact]
    [Trait("seed", "internals:datasette-setting")]
    public async Task Datasette_setting_returns_typed_values_or_null_for_unknown_names()
    {
        await using var instance = await PluginApiInstance.CreateAsync("settings:\n  allow_download: false\n  default_page_size: 25\n  base_url: /p/\n");
        var datasette = instance.Datasette;

        Assert.Equal(false, datasette.Setting("allow_download"));
        Assert.Equal(25L, datasette.Setting("default_page_size"));
        Assert.Equal("/p/", datasette.Setting("base_url"));
        Assert.Equal(1000L, datasette.Setting("max_returned_rows"));
        Assert.Equal(true, datasette.Setting("allow_facet"));
        Assert.Null(datasette.Setting("hash_urls"));
        Assert.Null(datasette.Setting("no_such_setting"));
    }
}
