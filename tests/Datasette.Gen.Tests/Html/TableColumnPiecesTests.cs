using System;
using System.IO;
using System.Threading.Tasks;
using Datasette.Gen.Runtime.Data;
using Datasette.Gen.Tests.Infrastructure;

namespace Datasette.Gen.Tests.Html;

/// <summary>
/// The rows table's per-column pieces are kept with the table's schema: a table recreated with the same column
/// names but another type and a new foreign key shows both on the next page, not the kept ones.
/// </summary>
public sealed class TableColumnPiecesTests : IAsyncLifetime
{
    private readonly string _directory = Directory.CreateTempSubdirectory("table-column-pieces-").FullName;

    public Task InitializeAsync() => Task.CompletedTask;

    public Task DisposeAsync()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_directory, recursive: true);
        return Task.CompletedTask;
    }

    [Fact]
    public async Task A_schema_change_shows_on_the_next_table_page()
    {
        var path = Path.Combine(_directory, "data.db");
        using (var connection = TestSqlite.Open(path))
        {
            TestSqlite.Execute(connection, """
                create table owners (id integer primary key, name text);
                insert into owners (name) values ('Ann');
                create table pets (id integer primary key, owner text);
                insert into pets (owner) values ('1');
                """);
        }
        await using var instance = await TestInstance.CreateAsync(TestInstance.Config("{}"));
        var database = instance.Datasette.AddDatabase(new Database(DatabaseKind.MutableFile, path), "data");

        var before = (await instance.Datasette.Client.GetAsync("/data/pets")).Text;
        Assert.Contains("data-column=\"owner\" data-column-type=\"text\"", before, StringComparison.Ordinal);
        Assert.DoesNotContain("href=\"/data/owners/1\"", before, StringComparison.Ordinal);

        using (var connection = TestSqlite.Open(path))
        {
            TestSqlite.Execute(connection, """
                drop table pets;
                create table pets (id integer primary key, owner INTEGER references owners(id));
                insert into pets (owner) values (1);
                """);
        }
        database.InvalidateSchema();

        var after = (await instance.Datasette.Client.GetAsync("/data/pets")).Text;
        Assert.Contains("data-column=\"owner\" data-column-type=\"integer\"", after, StringComparison.Ordinal);
        Assert.Contains("<a href=\"/data/owners/1\">Ann</a>", after, StringComparison.Ordinal);
    }
}
