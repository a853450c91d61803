using System;
using System.IO;
using System.Linq;
using System.Text.Json.Nodes;
using System.Threading.Tasks;
using Datasette.Gen.Runtime.Hosting;
using Datasette.Gen.Tests.Infrastructure;

namespace Datasette.Gen.Tests.Hosting;

/// <summary>cli-and-config.md §5: <c>serve mydir/</c>, each part of the directory, and bad files in it.</summary>
public sealed class ConfigurationDirectoryTests : IDisposable
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "dsg-confdir-" + Guid.NewGuid().ToString("N"));

    public ConfigurationDirectoryTests() => Directory.CreateDirectory(_directory);

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    private string PathOf(string name) => Path.Combine(_directory, name);

    private void Write(string name, string text)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(PathOf(name))!);
        File.WriteAllText(PathOf(name), text);
    }

    private void Database(string name, string sql = "create table t (id integer primary key, name text)")
    {
        using var connection = TestSqlite.Open(PathOf(name));
        TestSqlite.Execute(connection, sql);
    }

    private static async Task<(int Exit, string Output, string Error)> RunAsync(params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var exit = await DatasetteHost.RunAsync(args, TestServer.EmptyDeployment, output, error);
        return (exit, output.ToString(), error.ToString());
    }

    private async Task<JsonNode> GetJsonAsync(string path, params string[] more)
    {
        var (exit, output, error) = await RunAsync([_directory, .. more, "--get", path]);
        Assert.True(exit == 0, output + error);
        return JsonNode.Parse(output)!;
    }

    private async Task<JsonArray> DatabasesAsync(params string[] more) => (await GetJsonAsync("/-/databases.json", more))["databases"]!.AsArray();

    [Fact]
    public async Task Its_database_files_are_served_after_the_named_files_by_extension_then_name()
    {
        Database("b.db");
        Database("a.db");
        Database("c.sqlite3");
        Database("d.sqlite");
        Database(".hidden.db");
        Database("notes.txt");
        Directory.CreateDirectory(PathOf("nested"));
        Database("nested/deep.db");
        using var named = new TempDatabaseFile("create table x (v)", stem: "named");
        var names = (await DatabasesAsync(named.Path)).Select(d => (string?)d!["name"]).ToList();
        Assert.Equal(["named", "a", "b", "d", "c"], names);
    }

    [Fact]
    public async Task Two_directories_are_refused_as_Datasette_refuses_them()
    {
        var other = Path.Combine(Path.GetTempPath(), "dsg-confdir-other-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(other);
        try
        {
            var (exit, _, error) = await RunAsync(_directory, other, "--get", "/.json");
            Assert.Equal(1, exit);
            Assert.Equal("Error: Cannot pass multiple directories. Pass a single directory as config_dir.", error.Trim());
        }
        finally
        {
            Directory.Delete(other);
        }
    }

    [Fact]
    public async Task The_same_file_named_and_found_in_the_directory_is_a_duplicate()
    {
        Database("data.db");
        var (exit, _, error) = await RunAsync(PathOf("data.db"), _directory, "--get", "/.json");
        Assert.Equal(1, exit);
        Assert.Equal($"Error: Duplicate database file: '{PathOf("data.db")}' and '{PathOf("data.db")}' both refer to {PathOf("data.db")}", error.Trim());
    }

    [Fact]
    public async Task Its_configuration_file_is_used_json_before_yaml_and_minus_c_replaces_it()
    {
        Database("data.db");
        Write("datasette.yaml", "settings:\n  default_page_size: 7\n");
        Assert.Equal(7, (int?)(await GetJsonAsync("/-/settings.json"))["default_page_size"]);
        Write("datasette.json", """{"settings": {"default_page_size": 9}}""");
        Assert.Equal(9, (int?)(await GetJsonAsync("/-/settings.json"))["default_page_size"]);
        var other = PathOf("other/config.yaml");
        Write("other/config.yaml", "settings:\n  default_page_size: 11\n");
        Assert.Equal(11, (int?)(await GetJsonAsync("/-/settings.json", "-c", other))["default_page_size"]);
    }

    [Fact]
    public async Task Minus_s_merges_over_its_configuration_file_instead_of_discarding_it()
    {
        Database("data.db");
        Write("datasette.yaml", "settings:\n  default_page_size: 7\n");
        var settings = await GetJsonAsync("/-/settings.json", "-s", "max_returned_rows", "500");
        Assert.Equal(7, (int?)settings["default_page_size"]);
        Assert.Equal(500, (int?)settings["max_returned_rows"]);
    }

    [Fact]
    public async Task Its_configuration_is_checked_against_the_live_schema_as_minus_c_is()
    {
        Database("data.db");
        Write("datasette.yaml", "databases:\n  data:\n    tables:\n      missing_table:\n        hidden: true\n");
        var options = DatasetteHost.Resolve(new ServeOptions { Files = [_directory] });
        await using var server = await TestServer.StartAsync(options);
        var loaded = ConfigurationLoader.Load(TestServer.EmptyDeployment, options);
        var diagnostic = Assert.Single(loaded.CheckSchema!(SchemaSnapshotBuilder.Build(server.Datasette)));
        Assert.Contains("datasette.yaml(4,", diagnostic);
        Assert.Contains("missing_table", diagnostic);
    }

    [Fact]
    public async Task An_invalid_configuration_file_stops_start_up_at_its_line()
    {
        Database("data.db");
        Write("datasette.yaml", "settings:\n  nope: 1\n");
        var (exit, _, error) = await RunAsync(_directory, "--get", "/.json");
        Assert.Equal(1, exit);
        Assert.Contains("datasette.yaml(2,3): error DSG0004", error);
    }

    [Fact]
    public async Task A_configuration_file_that_cannot_be_read_stops_start_up_with_its_path()
    {
        Database("data.db");
        Directory.CreateDirectory(PathOf("datasette.yaml"));
        var (exit, _, error) = await RunAsync(_directory, "--get", "/.json");
        Assert.Equal(1, exit);
        Assert.StartsWith($"Error: Could not read {PathOf("datasette.yaml")}: ", error);
    }

    [Fact]
    public async Task Its_metadata_file_is_used_unless_minus_m_is_given()
    {
        Database("data.db");
        Write("metadata.yml", "title: From the directory\n");
        Assert.Equal("From the directory", (string?)(await GetJsonAsync("/.json"))["metadata"]!["title"]);
        Write("other/metadata.json", """{"title": "From -m"}""");
        Assert.Equal("From -m", (string?)(await GetJsonAsync("/.json", "-m", PathOf("other/metadata.json")))["metadata"]!["title"]);
    }

    [Fact]
    public async Task Settings_json_lies_under_the_configuration_files_settings_and_minus_s()
    {
        Database("data.db");
        Write("settings.json", """{"default_page_size": 5, "max_returned_rows": 600, "default_allow_sql": false}""");
        Write("datasette.yaml", "settings:\n  max_returned_rows: 700\n");
        var settings = await GetJsonAsync("/-/settings.json", "-s", "default_allow_sql", "on");
        Assert.Equal(5, (int?)settings["default_page_size"]);
        Assert.Equal(700, (int?)settings["max_returned_rows"]);
        Assert.True((bool?)settings["default_allow_sql"]);
    }

    [Fact]
    public async Task Settings_json_alone_applies_over_the_compiled_configuration()
    {
        Database("data.db");
        Write("settings.json", """{"default_allow_sql": false}""");
        var (exit, output, _) = await RunAsync(_directory, "--get", "/data/-/query.json?sql=select+1");
        Assert.Equal(1, exit);
        Assert.Equal(403, (int?)JsonNode.Parse(output)!["status"]);
    }

    [Theory]
    [InlineData("{\n  \"nope\": 1\n}", "settings.json(2,3): error DSG0004")]
    [InlineData("[1, 2]", "settings.json(1,1): error DSG0003")]
    [InlineData("{\"default_page_size\": ", "error DSG0001")]
    public async Task A_bad_settings_json_stops_start_up_at_its_line(string json, string expected)
    {
        Database("data.db");
        Write("settings.json", json);
        var (exit, _, error) = await RunAsync(_directory, "--get", "/.json");
        Assert.Equal(1, exit);
        Assert.Contains($"{PathOf("settings.json")}(", error);
        Assert.Contains(expected, error);
    }

    [Fact]
    public async Task Inspect_data_makes_the_files_it_lists_immutable_with_its_hash()
    {
        Database("listed.db");
        Database("other.db");
        Write("inspect-data.json", """{"listed": {"hash": "abc123", "size": 1, "file": "listed.db", "tables": {"t": {"count": 42}}}}""");
        var databases = await DatabasesAsync();
        var listed = databases.Single(d => (string?)d!["name"] == "listed")!;
        Assert.False((bool?)listed["is_mutable"]);
        Assert.Equal("abc123", (string?)listed["hash"]);
        Assert.True((bool?)databases.Single(d => (string?)d!["name"] == "other")!["is_mutable"]);
        Assert.Equal(42, (int?)(await GetJsonAsync("/listed.json"))["tables"]![0]!["count"]);
    }

    [Fact]
    public async Task With_minus_i_only_those_files_are_immutable()
    {
        Database("listed.db");
        Write("inspect-data.json", """{"listed": {"hash": "abc123", "size": 1, "file": "listed.db", "tables": {}}}""");
        using var named = new TempDatabaseFile("create table x (v)", stem: "named");
        var databases = await DatabasesAsync("-i", named.Path);
        Assert.True((bool?)databases.Single(d => (string?)d!["name"] == "listed")!["is_mutable"]);
        Assert.False((bool?)databases.Single(d => (string?)d!["name"] == "named")!["is_mutable"]);
    }

    [Fact]
    public async Task An_invalid_inspect_data_json_stops_start_up_naming_it()
    {
        Database("data.db");
        Write("inspect-data.json", "{\"data\": {\"size\": 1}}");
        var (exit, _, error) = await RunAsync(_directory, "--get", "/.json");
        Assert.NotEqual(0, exit);
        Assert.Contains($"{PathOf("inspect-data.json")} is not a valid inspect file", error);
    }

    [Fact]
    public async Task Python_plugins_stop_start_up_rather_than_being_skipped()
    {
        Database("data.db");
        Write("plugins/auth_plugin.py", "from datasette import hookimpl\n");
        var (exit, _, error) = await RunAsync(_directory, "--get", "/.json");
        Assert.Equal(1, exit);
        Assert.StartsWith($"Error: {PathOf("plugins")} holds Python plugins (auth_plugin.py)", error);
    }

    [Fact]
    public async Task A_plugins_folder_without_python_files_and_a_templates_folder_only_warn_or_pass()
    {
        Database("data.db");
        Write("plugins/README.md", "notes\n");
        Write("templates/index.html", "<h1>custom</h1>\n");
        var (exit, _, error) = await RunAsync(_directory, "--get", "/.json");
        Assert.Equal(0, exit);
        Assert.Equal($"Warning: {PathOf("templates")} is not used: templates are compiled into the executable, not read at run time; to use them, put them beside datasette.yaml as templates/*.cshtml and build the deployment (docs/templates.md).", error.Trim());
    }

    [Fact]
    public async Task A_directory_without_databases_serves_the_deployments_own()
    {
        Write("datasette.yaml", "settings:\n  default_page_size: 7\n");
        var deployment = TestServer.EmptyDeployment with { DefaultDatabases = [new EmbeddedDatabase("demo", "create table d (x)")] };
        var output = new StringWriter();
        var exit = await DatasetteHost.RunAsync([_directory, "--get", "/-/databases.json"], deployment, output, new StringWriter());
        Assert.Equal(0, exit);
        Assert.Equal(["demo"], JsonNode.Parse(output.ToString())!["databases"]!.AsArray().Select(d => (string?)d!["name"]));
    }

    [Fact]
    public async Task Plugins_dir_and_template_dir_are_checked_as_the_directorys_folders_are()
    {
        Write("elsewhere/plugins/p.py", "");
        Write("elsewhere/templates/base.html", "");
        var (exit, _, error) = await RunAsync("--plugins-dir", PathOf("elsewhere/plugins"), "--get", "/.json");
        Assert.Equal(1, exit);
        Assert.StartsWith($"Error: {PathOf("elsewhere/plugins")} holds Python plugins (p.py)", error);
        (exit, _, error) = await RunAsync("--template-dir", PathOf("elsewhere/templates"), "--get", "/.json");
        Assert.Equal(0, exit);
        Assert.StartsWith($"Warning: {PathOf("elsewhere/templates")} is not used", error);
        (exit, _, error) = await RunAsync("--template-dir", PathOf("nowhere"), "--get", "/.json");
        Assert.Equal(2, exit);
        Assert.Equal($"Error: Invalid value for '--template-dir': Directory '{PathOf("nowhere")}' does not exist.", error.Trim());
    }

    [Fact]
    public async Task Version_note_is_shown_in_versions()
    {
        Database("data.db");
        Assert.Equal("deployed by CI", (string?)(await GetJsonAsync("/-/versions.json", "--version-note", "deployed by CI"))["datasette"]!["note"]);
        Assert.Null((await GetJsonAsync("/-/versions.json"))["datasette"]!["note"]);
    }
}
