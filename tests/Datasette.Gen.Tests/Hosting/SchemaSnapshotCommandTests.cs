using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Threading.Tasks;
using Datasette.Gen.App;
using Datasette.Gen.Configuration;
using Datasette.Gen.Configuration.Model;
using Datasette.Gen.Configuration.Schema;
using Datasette.Gen.Runtime.Hosting;
using Datasette.Gen.Tests.Infrastructure;

namespace Datasette.Gen.Tests.Hosting;

/// <summary><c>datasette-gen schema-snapshot</c>: what it writes, and --check.</summary>
public sealed class SchemaSnapshotCommandTests : IDisposable
{
    private const string Sql = """
        CREATE TABLE authors (id INTEGER PRIMARY KEY, name TEXT NOT NULL);
        CREATE TABLE books (isbn TEXT, edition INTEGER, author_id INTEGER REFERENCES authors(id), title TEXT, PRIMARY KEY (isbn, edition));
        CREATE VIRTUAL TABLE books_fts USING fts5(title, content="books");
        CREATE VIEW titles AS SELECT title FROM books;
        """;

    private const string Config = """
        databases:
          library:
            queries:
              by_author: select title from books where author_id = :author
              broken: select nope from books
              two: select 1; select 2
              add:
                sql: insert into authors (name) values (:name)
                write: true
        """;

    private readonly string _directory = Directory.CreateTempSubdirectory("snapshot").FullName;

    private static Deployment Library => new(TestInstance.Config(Config), EquatableArray<MetadataItem>.Empty, [new EmbeddedDatabase("library", Sql)]);

    private string PathOf(string name) => Path.Combine(_directory, name);

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Fact]
    public async Task It_records_tables_keys_fts_and_whether_each_stored_query_prepares()
    {
        var snapshot = await SchemaSnapshotCommand.BuildAsync(Library, new ServeOptions());

        var database = Assert.Single(snapshot.Databases);
        Assert.Equal("library", database.Name);
        Assert.Matches("^[0-9a-f]{64}$", database.SchemaHash);
        var books = database.Table("books")!;
        Assert.Equal(new[] { "isbn", "edition" }, books.PrimaryKeys);
        Assert.Equal(new ForeignKeySnapshot("author_id", "authors", "id"), Assert.Single(books.ForeignKeys));
        Assert.Equal("books_fts", books.FtsTable);
        Assert.Equal(("fts5", "books", true), (database.Table("books_fts")!.FtsModule, database.Table("books_fts")!.FtsContent, database.Table("books_fts")!.Hidden));
        Assert.True(database.Table("titles")!.IsView);
        Assert.Equal(new ColumnSnapshot("name", "TEXT", true, 0, 0), database.Table("authors")!.Columns[1]);
        Assert.Null(Check(database, "select title from books where author_id = :author"));
        Assert.Null(Check(database, "insert into authors (name) values (:name)"));
        Assert.Equal("no such column: nope", Check(database, "select nope from books"));
        Assert.Equal("You can only execute one statement at a time.", Check(database, "select 1; select 2"));
    }

    [Fact]
    public async Task Writing_is_deterministic_and_check_passes_on_the_written_file()
    {
        var output = new StringWriter();

        Assert.Equal(0, await SchemaSnapshotCommand.RunAsync(new[] { "-o", PathOf("a.json") }, Library, output));
        Assert.Equal(0, await SchemaSnapshotCommand.RunAsync(new[] { "--output", PathOf("b.json") }, Library, output));
        Assert.Equal(0, await SchemaSnapshotCommand.RunAsync(new[] { "-o", PathOf("a.json"), "--check" }, Library, output));

        Assert.Equal(File.ReadAllText(PathOf("a.json")), File.ReadAllText(PathOf("b.json")));
        Assert.Contains("is up to date: 1 database(s), 8 table(s) and view(s), 4 stored query check(s)", output.ToString());
    }

    [Fact]
    public async Task Check_fails_naming_what_changed()
    {
        await SchemaSnapshotCommand.RunAsync(new[] { "-o", PathOf("s.json") }, Library, TextWriter.Null);
        var changed = Library with { DefaultDatabases = [new EmbeddedDatabase("library", Sql.Replace("title TEXT,", "title TEXT, year INTEGER,"))] };

        var error = await Assert.ThrowsAsync<CommandLineException>(() => SchemaSnapshotCommand.RunAsync(new[] { "-o", PathOf("s.json"), "--check" }, changed, TextWriter.Null));

        Assert.Equal(1, error.ExitCode);
        Assert.StartsWith(PathOf("s.json") + " is stale; run `datasette-gen schema-snapshot`", error.Message);
        Assert.Contains("table 'books' in database 'library': new column 'year'", error.Message);
    }

    [Fact]
    public async Task Check_fails_when_the_file_is_missing()
    {
        var error = await Assert.ThrowsAsync<CommandLineException>(() => SchemaSnapshotCommand.RunAsync(new[] { "--check", "-o", PathOf("none.json") }, Library, TextWriter.Null));

        Assert.Equal(1, error.ExitCode);
        Assert.Contains("does not exist", error.Message);
    }

    [Fact]
    public async Task Files_are_attached_as_serve_attaches_them()
    {
        var file = PathOf("extra.db");
        using (var connection = TestSqlite.Open(file))
        {
            TestSqlite.Execute(connection, "CREATE TABLE t (a)");
        }

        var snapshot = await SchemaSnapshotCommand.BuildAsync(Library, CommandLine.ParseServe(new[] { file, "--memory" }));

        Assert.Equal(new[] { "_memory", "extra" }, snapshot.Databases.Select(d => d.Name));
    }

    [Fact]
    public async Task The_default_deployments_checked_in_snapshot_is_fresh()
    {
        var deployment = new Deployment(Generated.Deployment.Config, Generated.Deployment.Metadata, [DemoDatabase.Load()]);
        var path = Path.Combine(Paths.RepositoryRoot, SchemaSnapshot.FileName);
        var output = new StringWriter();

        Assert.Equal(0, await SchemaSnapshotCommand.RunAsync(new[] { "--check", "-o", path }, deployment, output));
    }

    private static string? Check(DatabaseSnapshot database, string sql) => database.Query(SchemaSnapshot.HashSql(sql))!.Error;
}
