using System;
using System.Collections.Generic;
using System.Threading.Tasks;
using Datasette.Gen.Runtime.Data;
using Datasette.Gen.Tests.Infrastructure;

namespace Datasette.Gen.Tests.Internal;

/// <summary>internal-database.md §3: the catalog of attached databases and its refresh.</summary>
public sealed class CatalogStoreTests
{
    private static List<string> Column(Runtime.Datasette datasette, string sql) => TestSqlite.Column(datasette.Internal.Database, sql);

    [Fact]
    public async Task A_forced_refresh_catalogues_tables_views_columns_indexes_and_foreign_keys()
    {
        using var file = new TempDatabaseFile("""
            create table target (id integer primary key, name text not null default 'x');
            create table child (id integer primary key, target_id integer references target(id));
            create index idx_child on child(target_id);
            create view v as select * from child;
            """, stem: "cat");
        await using var instance = await TestInstance.CreateAsync();
        var database = instance.Datasette.AddDatabase(new Database(DatabaseKind.MutableFile, file.Path));
        await instance.Datasette.RefreshCatalogAsync(force: true);

        Assert.Equal(new[] { "child", "target" }, Column(instance.Datasette, "select table_name from catalog_tables where database_name = 'cat' order by table_name"));
        Assert.Equal(new[] { "v" }, Column(instance.Datasette, "select view_name from catalog_views where database_name = 'cat'"));
        Assert.Equal(new[] { "id|INTEGER|0|1", "name|TEXT|1|0" },
            Column(instance.Datasette, "select name || '|' || type || '|' || \"notnull\" || '|' || is_pk from catalog_columns where table_name = 'target' order by cid"));
        Assert.Equal(new[] { "'x'" }, Column(instance.Datasette, "select default_value from catalog_columns where table_name = 'target' and name = 'name'"));
        Assert.Equal(new[] { "idx_child|c" }, Column(instance.Datasette, "select name || '|' || origin from catalog_indexes where table_name = 'child'"));
        Assert.Equal(new[] { "target_id->target.id" }, Column(instance.Datasette, "select \"from\" || '->' || \"table\" || '.' || \"to\" from catalog_foreign_keys where table_name = 'child'"));
        Assert.Equal(new[] { file.Path + "|0|" + database.Schema.Version },
            Column(instance.Datasette, "select path || '|' || is_memory || '|' || schema_version from catalog_databases where database_name = 'cat'"));
    }

    [Fact]
    public async Task A_forced_refresh_sees_a_table_created_by_another_connection_at_once()
    {
        using var file = new TempDatabaseFile("create table first (v)", stem: "live");
        await using var instance = await TestInstance.CreateAsync();
        instance.Datasette.AddDatabase(new Database(DatabaseKind.MutableFile, file.Path));
        await instance.Datasette.RefreshCatalogAsync(force: true);
        Assert.Equal(new[] { "first" }, Column(instance.Datasette, "select table_name from catalog_tables where database_name = 'live'"));

        file.Execute("create table second (v integer)");
        await instance.Datasette.RefreshCatalogAsync(force: true);

        Assert.Equal(new[] { "first", "second" }, Column(instance.Datasette, "select table_name from catalog_tables where database_name = 'live' order by table_name"));
        Assert.Equal(new[] { "v" }, Column(instance.Datasette, "select name from catalog_columns where database_name = 'live' and table_name = 'second'"));
    }

    [Fact(Timeout = 60000)]
    public async Task An_unforced_refresh_is_throttled_then_picks_up_the_change()
    {
        using var file = new TempDatabaseFile("create table first (v)", stem: "slow");
        await using var instance = await TestInstance.CreateAsync();
        instance.Datasette.AddDatabase(new Database(DatabaseKind.MutableFile, file.Path));
        await instance.Datasette.RefreshCatalogAsync(force: true);

        file.Execute("create table dropped_in (v)");
        await instance.Datasette.RefreshCatalogAsync(); // within a second of the last refresh: skipped
        Assert.Empty(Column(instance.Datasette, "select table_name from catalog_tables where table_name = 'dropped_in'"));

        await Task.Delay(1100);
        await instance.Datasette.RefreshCatalogAsync();
        Assert.Equal(new[] { "dropped_in" }, Column(instance.Datasette, "select table_name from catalog_tables where table_name = 'dropped_in'"));
    }

    [Fact]
    public async Task Dropped_tables_leave_the_catalog_with_their_columns()
    {
        using var file = new TempDatabaseFile("create table keep (v); create table gone (w)", stem: "drop");
        await using var instance = await TestInstance.CreateAsync();
        instance.Datasette.AddDatabase(new Database(DatabaseKind.MutableFile, file.Path));
        await instance.Datasette.RefreshCatalogAsync(force: true);
        file.Execute("drop table gone");
        await instance.Datasette.RefreshCatalogAsync(force: true);
        Assert.Equal(new[] { "keep" }, Column(instance.Datasette, "select table_name from catalog_tables where database_name = 'drop'"));
        Assert.Empty(Column(instance.Datasette, "select name from catalog_columns where table_name = 'gone'"));
    }

    [Fact]
    public async Task Databases_no_longer_attached_are_removed_from_the_catalog()
    {
        using var file = new TempDatabaseFile("create table t (v)", stem: "detached");
        await using var instance = await TestInstance.CreateAsync();
        var database = instance.Datasette.AddDatabase(new Database(DatabaseKind.MutableFile, file.Path));
        await instance.Datasette.Internal.Catalog.RefreshAsync(new[] { database }, force: true);
        Assert.Equal(new[] { "detached" }, Column(instance.Datasette, "select database_name from catalog_databases"));

        await instance.Datasette.Internal.Catalog.RefreshAsync(Array.Empty<Database>(), force: true);

        Assert.Empty(Column(instance.Datasette, "select database_name from catalog_databases"));
        Assert.Empty(Column(instance.Datasette, "select table_name from catalog_tables"));
        Assert.Empty(Column(instance.Datasette, "select name from catalog_columns"));
    }
}
