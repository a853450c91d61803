using System;
using System.Linq;
using System.Threading.Tasks;
using Datasette.Gen.Runtime.Data;
using Datasette.Gen.Tests.Infrastructure;

namespace Datasette.Gen.Tests.Data;

/// <summary>What the schema reader learns from a database's PRAGMAs (read-api.md §3).</summary>
public sealed class SchemaReaderTests : IDisposable
{
    private const string Sql = """
        create table parent (a text, b integer, name text, primary key (b, a));
        create table rowid_table (x text);
        create table target (id integer primary key, name text);
        create table child (
            id integer primary key,
            target_id integer references target(id),
            implicit_id integer references target,
            pa text,
            pb integer,
            foreign key (pb, pa) references parent(b, a)
        );
        create table docs (id integer primary key, body text);
        create virtual table docs_fts using fts5(body, content="docs", content_rowid="id");
        create virtual table standalone_fts using fts5(text);
        create table _private (v);
        create index idx_child_target on child(target_id);
        create unique index idx_target_name on target(name);
        create view child_view as select id, target_id from child;
        create view broken_view as select * from nowhere_at_all;
        insert into child (id, target_id) values (1, 1);
        analyze;
        """;

    private readonly TempDatabaseFile _file = new(Sql);

    public void Dispose() => _file.Dispose();

    private DatabaseSchema Load()
    {
        using var connection = _file.Open();
        return SchemaReader.Load(connection, SchemaReader.SchemaVersion(connection));
    }

    [Fact]
    public void Primary_keys_are_listed_in_key_order_not_column_order()
    {
        var parent = Load().Find("parent")!;
        Assert.Equal(new[] { "b", "a" }, parent.PrimaryKeys);
        Assert.Equal(new[] { "b", "a" }, parent.KeyColumns);
        Assert.False(parent.IsRowidTable);
        Assert.Equal(new[] { "a", "b", "name" }, parent.Columns.Select(c => c.Name));
    }

    [Fact]
    public void Tables_without_a_declared_key_are_rowid_tables()
    {
        var table = Load().Find("rowid_table")!;
        Assert.True(table.IsRowidTable);
        Assert.Empty(table.PrimaryKeys);
        Assert.Equal(new[] { "rowid" }, table.KeyColumns);
        var keyed = Load().Find("target")!;
        Assert.False(keyed.IsRowidTable);
        Assert.Equal(new[] { "id" }, keyed.PrimaryKeys);
    }

    [Fact]
    public void Only_single_column_foreign_keys_are_kept_and_an_implicit_target_is_the_single_primary_key()
    {
        var child = Load().Find("child")!;
        Assert.Equal(
            new[] { ("implicit_id", "target", "id"), ("target_id", "target", "id") },
            child.Outgoing.Select(f => (f.Column, f.OtherTable, f.OtherColumn)));
        // The compound key is still visible to the catalog as raw rows.
        Assert.Equal(2, child.RawForeignKeys.Count(k => k.Table == "parent"));
    }

    [Fact]
    public void Incoming_keys_name_the_referencing_table_and_ignore_compound_keys()
    {
        var schema = Load();
        Assert.Equal(
            new[] { ("id", "child", "implicit_id"), ("id", "child", "target_id") },
            schema.Find("target")!.Incoming.Select(f => (f.Column, f.OtherTable, f.OtherColumn)));
        Assert.Empty(schema.Find("parent")!.Incoming);
    }

    [Fact]
    public void An_fts_table_declared_with_content_is_linked_to_its_table_and_hidden()
    {
        var schema = Load();
        Assert.Equal("docs_fts", schema.Find("docs")!.FtsTable);
        Assert.True(schema.Find("docs_fts")!.IsHidden);
        Assert.False(schema.Find("docs")!.IsHidden);
        Assert.Null(schema.Find("target")!.FtsTable);
    }

    [Fact]
    public void An_fts_table_without_content_is_its_own_fts_table_and_stays_visible()
    {
        var fts = Load().Find("standalone_fts")!;
        Assert.Equal("standalone_fts", fts.FtsTable);
        Assert.False(fts.IsHidden);
    }

    [Fact]
    public void Shadow_tables_underscore_tables_and_sqlite_stat_are_hidden()
    {
        var schema = Load();
        foreach (var name in new[] { "docs_fts_data", "docs_fts_idx", "docs_fts_docsize", "docs_fts_config", "standalone_fts_content", "_private", "sqlite_stat1" })
        {
            var table = schema.Find(name);
            Assert.True(table is not null, name + " missing");
            Assert.True(table!.IsHidden, name + " should be hidden");
        }
        Assert.False(schema.Find("child")!.IsHidden);
    }

    [Fact]
    public void Views_come_after_tables_each_sorted_by_name_and_a_broken_view_still_lists()
    {
        var schema = Load();
        Assert.Equal(new[] { "broken_view", "child_view" }, schema.Views.Select(v => v.Name));
        Assert.All(schema.Views, v => Assert.True(v.IsView));
        Assert.Empty(schema.Find("broken_view")!.Columns);
        Assert.Equal(new[] { "id", "target_id" }, schema.Find("child_view")!.Columns.Select(c => c.Name));
        var names = schema.Objects.Select(o => o.Name).ToList();
        Assert.Equal(schema.Tables.Select(t => t.Name).Concat(schema.Views.Select(v => v.Name)), names);
        Assert.Equal(schema.Tables.Select(t => t.Name).OrderBy(n => n, StringComparer.Ordinal), schema.Tables.Select(t => t.Name));
        Assert.Empty(schema.Find("child_view")!.PrimaryKeys);
        Assert.False(schema.Find("child_view")!.IsRowidTable);
    }

    [Fact]
    public void Indexes_are_read_with_their_columns()
    {
        var child = Load().Find("child")!;
        var index = Assert.Single(child.Indexes, i => i.Name == "idx_child_target");
        Assert.Equal(new[] { "target_id" }, index.Columns);
        Assert.False(index.Unique);
        Assert.Equal("c", index.Origin);
        Assert.True(Load().Find("target")!.Indexes.Single(i => i.Name == "idx_target_name").Unique);
    }

    [Fact]
    public void Virtual_table_hidden_columns_are_reported()
    {
        var fts = Load().Find("docs_fts")!;
        Assert.Equal(0, fts.Columns.Single(c => c.Name == "body").Hidden);
        Assert.Contains(fts.Columns, c => c.Hidden == 1); // FTS5's own hidden columns (the table-named one, rank)
    }

    [Fact]
    public async Task Database_Schema_is_reread_after_the_schema_version_changes()
    {
        await using var database = new Database(DatabaseKind.MutableFile, _file.Path);
        var before = database.Schema;
        Assert.Null(before.Find("added_later"));
        _file.Execute("create table added_later (v)");
        database.InvalidateSchema();
        var after = database.Schema;
        Assert.NotNull(after.Find("added_later"));
        Assert.NotEqual(before.Version, after.Version);
    }
}
