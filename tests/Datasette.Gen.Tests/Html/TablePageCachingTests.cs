using System;
using System.IO;
using System.Text.Json.Nodes;
using System.Threading;
using System.Threading.Tasks;
using Datasette.Gen.Runtime.Data;
using Datasette.Gen.Tests.Infrastructure;

namespace Datasette.Gen.Tests.Html;

/// <summary>
/// The HTML table page's count and suggested facets are kept per database content version: a
/// page of unchanged data runs neither again, any write (ours or another process's) shows the new
/// values, an answer that varies keeps nothing, and the cached pages of immutable databases never
/// cross actors.
/// </summary>
public sealed class TablePageCachingTests : IAsyncLifetime
{
    // size: all distinct (not worth a facet) until a write repeats a value.
    private const string Schema = """
        create table pets (id integer primary key, kind text, size integer);
        insert into pets (kind, size) values ('cat', 1), ('dog', 2), ('cat', 3), ('fish', 4);
        create table secret (id integer primary key, code text);
        insert into secret (code) values ('hunter2');
        create table owners (id integer primary key, name text);
        insert into owners (name) values ('Ann'), ('Bo');
        create table licences (id integer primary key, owner integer references owners(id));
        insert into licences (owner) values (1), (2), (1);
        """;

    private static readonly JsonObject Root = new() { ["id"] = "root" };

    private readonly string _directory = Directory.CreateTempSubdirectory("table-page-cache-").FullName;
    private int _sqlCalls;

    public Task InitializeAsync() => Task.CompletedTask;

    public Task DisposeAsync()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_directory, recursive: true);
        return Task.CompletedTask;
    }

    private async Task<(TestInstance Instance, Database Database)> StartAsync(DatabaseKind kind)
    {
        var path = Path.Combine(_directory, Guid.NewGuid().ToString("N") + ".db");
        using (var connection = TestSqlite.Open(path))
        {
            TestSqlite.Execute(connection, Schema);
        }
        var instance = await TestInstance.CreateAsync(TestInstance.Config("""
            databases:
              data:
                tables:
                  secret:
                    allow:
                      id: root
            """));
        var database = instance.Datasette.AddDatabase(new Database(kind, path), "data");
        // Every evaluation of sql_calls() counts, so a filter calling it shows which queries ran.
        database.Preparer = (connection, _) => connection.CreateFunction("sql_calls", () => Interlocked.Increment(ref _sqlCalls), isDeterministic: true);
        _ = database.Hash;
        return (instance, database);
    }

    private static async Task<string> HtmlAsync(Runtime.Datasette datasette, string path, JsonObject? actor = null)
    {
        var response = await datasette.Client.GetAsync(path, actor: actor);
        Assert.Equal(200, response.Status);
        return response.Text;
    }

    [Fact]
    public async Task A_page_of_unchanged_data_takes_its_count_and_suggestions_once()
    {
        var (instance, _) = await StartAsync(DatabaseKind.MutableFile);
        await using var __ = instance;
        var datasette = instance.Datasette;
        const string Filter = "?_where=sql_calls()+>+0";

        // What the page's own query costs: the JSON page takes neither a count nor suggestions.
        var before = _sqlCalls;
        await datasette.Client.GetAsync("/data/pets.json" + Filter);
        var pageQuery = _sqlCalls - before;

        before = _sqlCalls;
        var first = await HtmlAsync(datasette, "/data/pets" + Filter);
        Assert.True(_sqlCalls - before > pageQuery, "the first page counts and probes");

        before = _sqlCalls;
        var second = await HtmlAsync(datasette, "/data/pets" + Filter);
        Assert.Equal(pageQuery, _sqlCalls - before);
        Assert.Equal(first, second);
        Assert.Contains("<h2 class=\"count-heading\">4 rows", second);
        Assert.Contains("_facet=kind", second);
    }

    [Fact]
    public async Task Any_write_shows_the_new_count_and_suggestions()
    {
        var (instance, database) = await StartAsync(DatabaseKind.MutableFile);
        await using var __ = instance;
        var datasette = instance.Datasette;

        var page = await HtmlAsync(datasette, "/data/pets");
        Assert.Contains("<h2 class=\"count-heading\">4 rows</h2>", page);
        Assert.Contains("_facet=kind#facet-kind", page);
        Assert.DoesNotContain("_facet=size#facet-size", page);
        Assert.Equal(page, await HtmlAsync(datasette, "/data/pets"));

        await WriteOursAsync(database, "insert into pets (kind, size) values ('dog', 1)");
        page = await HtmlAsync(datasette, "/data/pets");
        Assert.Contains("<h2 class=\"count-heading\">5 rows</h2>", page);
        Assert.Contains("_facet=size#facet-size", page);
        Assert.Equal(5, JsonNode.Parse((await datasette.Client.GetAsync("/data/pets.json?_extra=count")).Text)!["count"]!.GetValue<long>());

        WriteFromAnotherProcess(database, "delete from pets where size = 1");
        page = await HtmlAsync(datasette, "/data/pets");
        Assert.Contains("<h2 class=\"count-heading\">3 rows</h2>", page);
        Assert.DoesNotContain("_facet=size#facet-size", page);
    }

    [Fact]
    public async Task Foreign_key_labels_are_looked_up_once_and_follow_any_write()
    {
        var (instance, database) = await StartAsync(DatabaseKind.MutableFile);
        await using var __ = instance;
        var datasette = instance.Datasette;

        var page = await HtmlAsync(datasette, "/data/licences");
        Assert.Contains(">Ann</a>&nbsp;<em>1</em>", page);
        // The count, the suggestions, the table's definition and the owners' labels.
        Assert.Equal(4, database.Derived.Count);
        Assert.Equal(page, await HtmlAsync(datasette, "/data/licences"));
        Assert.Equal(4, database.Derived.Count);

        await WriteOursAsync(database, "update owners set name = 'Anna' where id = 1");
        page = await HtmlAsync(datasette, "/data/licences");
        Assert.Contains(">Anna</a>&nbsp;<em>1</em>", page);
        Assert.DoesNotContain(">Ann</a>", page);

        WriteFromAnotherProcess(database, "update owners set name = 'Bob' where id = 2");
        Assert.Contains(">Bob</a>&nbsp;<em>2</em>", await HtmlAsync(datasette, "/data/licences"));
        var json = JsonNode.Parse((await datasette.Client.GetAsync("/data/licences.json?_labels=on")).Text)!;
        Assert.Equal("Bob", json["rows"]![1]!["owner"]!["label"]!.GetValue<string>());
    }

    [Fact]
    public async Task An_answer_that_varies_keeps_nothing()
    {
        var (instance, database) = await StartAsync(DatabaseKind.MutableFile);
        await using var __ = instance;

        await HtmlAsync(instance.Datasette, "/data/pets?_where=random()+is+not+null");
        Assert.Equal(0, database.Derived.Count);

        await HtmlAsync(instance.Datasette, "/data/pets");
        // The count, the suggestions and the table's definition.
        Assert.Equal(3, database.Derived.Count);
    }

    [Fact]
    public async Task A_schema_change_by_another_connection_shows_in_the_next_page_definition()
    {
        var (instance, database) = await StartAsync(DatabaseKind.MutableFile);
        await using var __ = instance;
        var datasette = instance.Datasette;

        var page = await HtmlAsync(datasette, "/data/pets");
        Assert.Contains("CREATE TABLE pets (id integer primary key, kind text, size integer);", page);
        Assert.DoesNotContain("pets_kind", page);
        Assert.Equal(page, await HtmlAsync(datasette, "/data/pets"));

        // Another process: only SQLite's data_version can tell, and the schema is re-read at most once a second.
        WriteFromAnotherProcess(database, "create index pets_kind on pets (kind)");
        page = await HtmlAsync(datasette, "/data/pets");
        Assert.Contains("CREATE INDEX pets_kind on pets (kind);", page);

        WriteFromAnotherProcess(database, "alter table pets add column colour text");
        var definition = JsonNode.Parse((await datasette.Client.GetAsync("/data/pets.json?_extra=table_definition")).Text)!["table_definition"]!.GetValue<string>();
        Assert.Equal("CREATE TABLE pets (id integer primary key, kind text, size integer, colour text);\nCREATE INDEX pets_kind on pets (kind);", definition);
    }

    [Fact]
    public async Task A_cached_html_page_is_never_served_to_another_actor()
    {
        var (instance, _) = await StartAsync(DatabaseKind.ImmutableFile);
        await using var __ = instance;
        var datasette = instance.Datasette;

        var forRoot = await HtmlAsync(datasette, "/data/secret", Root);
        Assert.Contains("hunter2", forRoot);
        Assert.Contains("<span class=\"actor-name\" title=\"Signed in as root\">", forRoot);
        Assert.Equal(forRoot, await HtmlAsync(datasette, "/data/secret", Root));
        var anonymous = await datasette.Client.GetAsync("/data/secret");
        Assert.Equal(403, anonymous.Status);
        Assert.DoesNotContain("hunter2", anonymous.Text);

        // A public page first cached for root shows anonymous no actor chrome, and the other way round.
        var publicForRoot = await HtmlAsync(datasette, "/data/pets", Root);
        Assert.Contains("Signed in as root", publicForRoot);
        var publicAnonymous = await HtmlAsync(datasette, "/data/pets");
        Assert.DoesNotContain("Signed in as", publicAnonymous);
        Assert.Contains("Signed in as root", await HtmlAsync(datasette, "/data/pets", Root));
        Assert.DoesNotContain("Signed in as", await HtmlAsync(datasette, "/data/pets"));
    }

    /// <summary>A write through the server's own database handle.</summary>
    private static Task WriteOursAsync(Database database, string sql) => database.WriteAsync(c =>
    {
        TestSqlite.Execute(c.Connection, sql);
        return 0;
    });

    /// <summary>Another process writing the file: only SQLite's data_version can tell.</summary>
    private static void WriteFromAnotherProcess(Database database, string sql)
    {
        using var other = TestSqlite.Open(database.Path!);
        TestSqlite.Execute(other, sql);
    }
}
