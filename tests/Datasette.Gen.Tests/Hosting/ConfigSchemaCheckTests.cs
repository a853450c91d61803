using System.Collections.Generic;
using System.IO;
using System.Threading.Tasks;
using Datasette.Gen.Runtime.Hosting;
using Datasette.Gen.Tests.Infrastructure;

namespace Datasette.Gen.Tests.Hosting;

/// <summary>
/// Issue 16: a -c file is checked against the databases' live schema at start-up, with the build's
/// DSG diagnostics (printed; the instance still starts, as Datasette's does).
/// </summary>
public sealed class ConfigSchemaCheckTests
{
    private static async Task<IReadOnlyList<string>> SchemaDiagnosticsAsync(TempDatabaseFile file, string yaml)
    {
        var config = Path.Combine(file.Directory, "datasette.yaml");
        await File.WriteAllTextAsync(config, yaml);
        var options = new ServeOptions { Files = new() { file.Path }, ConfigFile = config };
        await using var server = await TestServer.StartAsync(options);
        var loaded = ConfigurationLoader.Load(TestServer.EmptyDeployment, options);
        Assert.NotNull(loaded.CheckSchema);
        return loaded.CheckSchema(SchemaSnapshotBuilder.Build(server.Datasette));
    }

    [Fact]
    public async Task An_unknown_column_is_reported_at_its_yaml_line()
    {
        using var file = new TempDatabaseFile("create table t (id integer primary key, name text)");
        var diagnostic = Assert.Single(await SchemaDiagnosticsAsync(file, "databases:\n  test:\n    tables:\n      t:\n        sort: nmae\n"));
        Assert.Contains("datasette.yaml(5,", diagnostic);
        Assert.Contains("DSG", diagnostic);
        Assert.Contains("nmae", diagnostic);
    }

    [Fact]
    public async Task An_unknown_table_is_reported()
    {
        using var file = new TempDatabaseFile("create table t (id integer primary key, name text)");
        Assert.Contains("missing_table", Assert.Single(await SchemaDiagnosticsAsync(file, "databases:\n  test:\n    tables:\n      missing_table:\n        hidden: true\n")));
    }

    [Fact]
    public async Task A_stored_query_sqlite_refuses_is_reported()
    {
        using var file = new TempDatabaseFile("create table t (id integer primary key, name text)");
        var diagnostic = Assert.Single(await SchemaDiagnosticsAsync(file, "databases:\n  test:\n    queries:\n      q:\n        sql: select nope from t\n"));
        Assert.Contains("DSG0034", diagnostic);
        Assert.Contains("nope", diagnostic);
    }

    [Fact]
    public async Task A_configuration_that_matches_the_schema_gives_no_diagnostic()
    {
        using var file = new TempDatabaseFile("create table t (id integer primary key, name text)");
        Assert.Empty(await SchemaDiagnosticsAsync(file, "databases:\n  test:\n    tables:\n      t:\n        sort: name\n    queries:\n      q:\n        sql: select name from t\n"));
    }
}
