using System.IO;
using System.Threading.Tasks;
using Datasette.Gen.Runtime.Hosting;
using Datasette.Gen.Tests.Infrastructure;

namespace Datasette.Gen.Tests.Hosting;

/// <summary>Issue 16: a -c file is checked against the databases' live schema at start-up, with the build's DSG diagnostics.</summary>
public sealed class ConfigSchemaCheckTests
{
    private static async Task<(int Exit, string Output, string Error)> ServeWithConfigAsync(TempDatabaseFile file, string yaml)
    {
        var config = Path.Combine(file.Directory, "datasette.yaml");
        await File.WriteAllTextAsync(config, yaml);
        var output = new StringWriter();
        var error = new StringWriter();
        var exit = await DatasetteHost.RunAsync([file.Path, "-c", config, "--get", "/test/t.json"], TestServer.EmptyDeployment, output, error);
        return (exit, output.ToString(), error.ToString());
    }

    [Fact]
    public async Task An_unknown_column_stops_start_up_at_its_yaml_line()
    {
        using var file = new TempDatabaseFile("create table t (id integer primary key, name text)");
        var (exit, _, error) = await ServeWithConfigAsync(file, "databases:\n  test:\n    tables:\n      t:\n        sort: nmae\n");
        Assert.Equal(1, exit);
        Assert.Contains("DSG", error);
        Assert.Contains("nmae", error);
        Assert.Contains("datasette.yaml(5,", error);
    }

    [Fact]
    public async Task An_unknown_table_stops_start_up()
    {
        using var file = new TempDatabaseFile("create table t (id integer primary key, name text)");
        var (exit, _, error) = await ServeWithConfigAsync(file, "databases:\n  test:\n    tables:\n      missing_table:\n        hidden: true\n");
        Assert.Equal(1, exit);
        Assert.Contains("missing_table", error);
    }

    [Fact]
    public async Task A_stored_query_sqlite_refuses_stops_start_up()
    {
        using var file = new TempDatabaseFile("create table t (id integer primary key, name text)");
        var (exit, _, error) = await ServeWithConfigAsync(file, "databases:\n  test:\n    queries:\n      q:\n        sql: select nope from t\n");
        Assert.Equal(1, exit);
        Assert.Contains("nope", error);
    }

    [Fact]
    public async Task A_configuration_that_matches_the_schema_starts()
    {
        using var file = new TempDatabaseFile("create table t (id integer primary key, name text)");
        var (exit, output, error) = await ServeWithConfigAsync(file, "databases:\n  test:\n    tables:\n      t:\n        sort: name\n    queries:\n      q:\n        sql: select name from t\n");
        Assert.True(exit == 0, output + error);
    }
}
