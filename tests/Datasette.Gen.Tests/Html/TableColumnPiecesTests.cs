using System;
using System.IO;
using System.Threading.Tasks;
using Datasette.Gen.Runtime.Data;
using Datasette.Gen.Tests.Infrastructure;

namespace Datasette.Gen.Tests.Html;

/// <summary>
/// What the table page keeps with a table's schema (the rows table's per-column pieces, the filter form's columns,
/// the label column of a referenced table) and with the metadata (source links): a table recreated with the same
/// column names but another type, a new foreign key and a new column shows all of them on the next page, and new
/// metadata shows too, not the kept ones.
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
        Assert.DoesNotContain("nickname", before, StringComparison.Ordinal);

        using (var connection = TestSqlite.Open(path))
        {
            TestSqlite.Execute(connection, """
                drop table pets;
                create table pets (id integer primary key, owner INTEGER references owners(id), nickname text);
                insert into pets (owner, nickname) values (1, 'Rex');
                """);
        }
        database.InvalidateSchema();

        var after = (await instance.Datasette.Client.GetAsync("/data/pets")).Text;
        Assert.Contains("data-column=\"owner\" data-column-type=\"integer\"", after, StringComparison.Ordinal);
        Assert.Contains("<a href=\"/data/owners/1\">Ann</a>", after, StringComparison.Ordinal);
        // The new column is in the filter form, the sort select and its heading's sort link.
        Assert.Contains("<option>nickname</option>", after, StringComparison.Ordinal);
        Assert.Contains("<option value=\"nickname\">Sort by nickname</option>", after, StringComparison.Ordinal);
        Assert.Contains("href=\"/data/pets?_sort=nickname\"", after, StringComparison.Ordinal);
        // The page's script data names the new column, and the shown ones when a page chooses them.
        Assert.Contains("\"allColumns\":[\"id\",\"owner\",\"nickname\"]", after, StringComparison.Ordinal);
        var chosen = (await instance.Datasette.Client.GetAsync("/data/pets?_col=nickname")).Text;
        Assert.Contains("\"columns\":[\"id\",\"nickname\"]", chosen, StringComparison.Ordinal);
        Assert.Contains("\"primaryKeys\":[\"id\"]", chosen, StringComparison.Ordinal);

        // The referenced table is recreated with a title column first, which now labels its rows (the first of name and title).
        using (var connection = TestSqlite.Open(path))
        {
            TestSqlite.Execute(connection, """
                drop table owners;
                create table owners (id integer primary key, title text, name text);
                insert into owners (title, name) values ('Boss', 'Ann');
                """);
        }
        database.InvalidateSchema();

        var relabelled = (await instance.Datasette.Client.GetAsync("/data/pets")).Text;
        Assert.Contains("<a href=\"/data/owners/1\">Boss</a>", relabelled, StringComparison.Ordinal);
    }

    [Fact]
    public async Task New_metadata_shows_on_the_next_page()
    {
        var path = Path.Combine(_directory, "meta.db");
        using (var connection = TestSqlite.Open(path))
        {
            TestSqlite.Execute(connection, "create table things (id integer primary key, name text);");
        }
        await using var instance = await TestInstance.CreateAsync(TestInstance.Config("{}"));
        instance.Datasette.AddDatabase(new Database(DatabaseKind.MutableFile, path), "data");
        await instance.Datasette.SetDatabaseMetadataAsync("data", "license", "First licence");

        Assert.Contains("First licence", (await instance.Datasette.Client.GetAsync("/data/things")).Text, StringComparison.Ordinal);

        // The table's own links win over the database's.
        await instance.Datasette.SetResourceMetadataAsync("data", "things", "license", "Table licence");
        var after = (await instance.Datasette.Client.GetAsync("/data/things")).Text;
        Assert.Contains("Table licence", after, StringComparison.Ordinal);
        Assert.DoesNotContain("First licence", after, StringComparison.Ordinal);

        await instance.Datasette.SetResourceMetadataAsync("data", "things", "license", "Second licence");
        Assert.Contains("Second licence", (await instance.Datasette.Client.GetAsync("/data/things")).Text, StringComparison.Ordinal);
    }
}
