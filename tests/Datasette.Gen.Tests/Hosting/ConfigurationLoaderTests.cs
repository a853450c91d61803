using System.Collections.Generic;
using System.IO;
using Datasette.Gen.Configuration;
using Datasette.Gen.Configuration.Model;
using Datasette.Gen.Runtime.Hosting;
using Datasette.Gen.Tests.Infrastructure;

namespace Datasette.Gen.Tests.Hosting;

/// <summary>cli-and-config.md §2.4 and §3: -c, -m and -s at run time, checked like the build checks datasette.yaml.</summary>
public sealed class ConfigurationLoaderTests
{
    private static ConfigurationLoader.Loaded Load(params (string Key, string Value)[] settings) =>
        Load(TestServer.EmptyDeployment, null, settings);

    private static ConfigurationLoader.Loaded Load(Deployment deployment, string? configFile, params (string Key, string Value)[] settings) =>
        ConfigurationLoader.Load(deployment, new ServeOptions
        {
            ConfigFile = configFile,
            Settings = System.Linq.Enumerable.ToList(System.Linq.Enumerable.Select(settings, s => new KeyValuePair<string, string>(s.Key, s.Value))),
        });

    private static CommandLineException Fails(params (string Key, string Value)[] settings) =>
        Assert.Throws<CommandLineException>(() => Load(settings));

    [Fact]
    public void Without_files_or_settings_the_compiled_configuration_is_used_as_is()
    {
        var config = TestInstance.Config("settings:\n  default_page_size: 50\n");
        var deployment = new Deployment(config, EquatableArray<MetadataItem>.Empty, System.Array.Empty<EmbeddedDatabase>());
        var loaded = ConfigurationLoader.Load(deployment, new ServeOptions());
        Assert.Same(config, loaded.Config);
        Assert.Empty(loaded.Warnings);
    }

    [Fact]
    public void A_runtime_config_file_with_errors_fails_naming_the_file_line_column_and_diagnostic()
    {
        using var file = new TempDatabaseFile();
        var path = Path.Combine(file.Directory, "bad.yaml");
        File.WriteAllText(path, "settings:\n  nope: 1\n  default_page_size: '5'\n");
        var error = Assert.Throws<CommandLineException>(() => Load(TestServer.EmptyDeployment, path));
        Assert.Equal(1, error.ExitCode);
        Assert.Contains($"{path}(2,3): error DSG0004: Invalid setting 'nope' in config file", error.Message);
        Assert.Contains($"{path}(3,22): error DSG0005: Setting 'default_page_size' in config file has incorrect type. Expected int, got str. Value: '5'.", error.Message);
    }

    [Fact]
    public void A_missing_config_file_is_reported()
    {
        using var file = new TempDatabaseFile();
        var path = Path.Combine(file.Directory, "absent.yaml");
        var error = Assert.Throws<CommandLineException>(() => Load(TestServer.EmptyDeployment, path));
        Assert.Equal($"Invalid value for '-c' / '-m': File '{path}' does not exist.", error.Message);
    }

    [Fact]
    public void A_valid_runtime_config_file_replaces_the_compiled_one()
    {
        using var file = new TempDatabaseFile();
        var path = Path.Combine(file.Directory, "good.json");
        File.WriteAllText(path, "{\"settings\": {\"max_returned_rows\": 20, \"default_page_size\": 10}}");
        var compiled = TestInstance.Config("settings:\n  sql_time_limit_ms: 77\n");
        var loaded = Load(new Deployment(compiled, EquatableArray<MetadataItem>.Empty, System.Array.Empty<EmbeddedDatabase>()), path);
        Assert.Equal(20, loaded.Config.Settings.MaxReturnedRows);
        Assert.Equal(10, loaded.Config.Settings.DefaultPageSize);
        Assert.Equal(1000, loaded.Config.Settings.SqlTimeLimitMs);
    }

    [Fact]
    public void Setting_an_integer_by_bare_name_works()
    {
        Assert.Equal(5, Load(("default_page_size", "5")).Config.Settings.DefaultPageSize);
    }

    [Theory]
    [InlineData("x")]
    [InlineData("5.5")]
    [InlineData("-5")]
    [InlineData("")]
    public void Setting_an_integer_to_a_non_integer_is_a_usage_error(string value)
    {
        var error = Fails(("default_page_size", value));
        Assert.Equal("\"settings.default_page_size\" should be an integer", error.Message);
        Assert.Equal(2, error.ExitCode);
    }

    [Theory]
    [InlineData("on", true)]
    [InlineData("TRUE", true)]
    [InlineData("1", true)]
    [InlineData("off", false)]
    [InlineData("False", false)]
    [InlineData("0", false)]
    public void Setting_a_boolean_accepts_on_off_true_false_1_0(string value, bool expected)
    {
        Assert.Equal(expected, Load(("allow_facet", value)).Config.Settings.AllowFacet);
    }

    [Fact]
    public void Setting_a_boolean_to_anything_else_is_a_usage_error()
    {
        var error = Fails(("allow_facet", "maybe"));
        Assert.Equal("\"settings.allow_facet\" should be on/off/true/false/1/0", error.Message);
        Assert.Equal(2, error.ExitCode);
    }

    [Fact]
    public void A_dotted_settings_key_applies_its_json_value()
    {
        Assert.Equal(10, Load(("settings.sql_time_limit_ms", "10")).Config.Settings.SqlTimeLimitMs);
    }

    [Fact]
    public void A_dotted_settings_key_is_validated_like_a_config_file_value()
    {
        // "off" is not JSON, so it stays a string and fails the boolean type check.
        var error = Fails(("settings.default_allow_sql", "off"));
        Assert.Equal(1, error.ExitCode);
        Assert.Contains("error DSG0005: Setting 'default_allow_sql' in config file has incorrect type. Expected bool, got str. Value: 'off'.", error.Message);
    }

    [Fact]
    public void A_string_setting_is_taken_as_is()
    {
        Assert.Equal("/prefix/", Load(("base_url", "/prefix/")).Config.Settings.BaseUrl);
    }

    [Fact]
    public void Later_settings_win_and_settings_merge_over_the_compiled_configuration()
    {
        var compiled = TestInstance.Config("settings:\n  default_page_size: 50\n");
        var deployment = new Deployment(compiled, EquatableArray<MetadataItem>.Empty, System.Array.Empty<EmbeddedDatabase>());
        var loaded = Load(deployment, null, ("sql_time_limit_ms", "10"), ("sql_time_limit_ms", "20"));
        Assert.Equal(20, loaded.Config.Settings.SqlTimeLimitMs);
        Assert.Equal(50, loaded.Config.Settings.DefaultPageSize);
    }

    [Fact]
    public void A_dotted_key_reaches_nested_table_configuration()
    {
        var loaded = Load(("databases.db.tables.t.hidden", "true"), ("databases.db.tables.t.sortable_columns", "[\"a\", \"b\"]"));
        var table = loaded.Config.Table("db", "t")!;
        Assert.True(table.Hidden);
        Assert.Equal(new[] { "a", "b" }, table.SortableColumns!.Value);
    }
}
