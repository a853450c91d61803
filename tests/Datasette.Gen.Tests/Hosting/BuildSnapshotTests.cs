using System;
using System.IO;
using System.Linq;
using System.Threading.Tasks;
using Datasette.Gen.Configuration.Schema;
using Datasette.Gen.SchemaTool;
using Datasette.Gen.Tests.Infrastructure;

namespace Datasette.Gen.Tests.Hosting;

/// <summary>The build-time schema tool (src/SchemaTool): the snapshot a deployment's declared databases get before every compile.</summary>
public sealed class BuildSnapshotTests : IDisposable
{
    private const string Config = """
        databases:
          birds:
            queries:
              heavy: select name, density(wingspan, 2) from species
              typo: select nme from species
        permissions:
          view-hello: true   # a plugin's action: unknown to the tool, which must not fail on it
        """;

    private readonly TempDatabaseFile _database = new("create table species (name text, wingspan integer)", stem: "birds");

    private string Output => Path.Combine(_database.Directory, "obj", "datasette.schema.json");

    public void Dispose() => _database.Dispose();

    private async Task<SchemaSnapshot> RunAsync()
    {
        var config = Path.Combine(_database.Directory, "datasette.yaml");
        File.WriteAllText(config, Config);
        var error = new StringWriter();
        Assert.True(await BuildSnapshot.RunAsync([_database.Path], config, Output, error) == 0, error.ToString());
        return SchemaSnapshotJson.Read(Output, File.ReadAllText(Output)).Snapshot!;
    }

    [Fact]
    public async Task Stored_queries_are_prepared_and_a_function_only_plugins_define_is_left_to_run_time()
    {
        var database = Assert.Single((await RunAsync()).Databases);

        Assert.Equal("birds", database.Name);
        Assert.Equal(new[] { "name", "wingspan" }, database.Table("species")!.Columns.Select(c => c.Name));
        Assert.True(database.Query(SchemaSnapshot.HashSql("select name, density(wingspan, 2) from species"))!.Ok);
        Assert.Equal("no such column: nme", database.Query(SchemaSnapshot.HashSql("select nme from species"))!.Error);
    }

    [Fact]
    public async Task The_snapshot_is_rewritten_only_when_the_schema_changes()
    {
        await RunAsync();
        var written = new DateTime(2001, 1, 1, 0, 0, 0, DateTimeKind.Utc);
        File.SetLastWriteTimeUtc(Output, written);

        await RunAsync();
        Assert.Equal(written, File.GetLastWriteTimeUtc(Output)); // unchanged: the compiler has nothing new to read

        _database.Execute("alter table species add column weight integer");
        var snapshot = await RunAsync();
        Assert.NotEqual(written, File.GetLastWriteTimeUtc(Output));
        Assert.Contains(snapshot.Databases[0].Table("species")!.Columns, c => c.Name == "weight");
    }
}
