using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading.Tasks;
using Datasette.Gen.Runtime.Data;
using Datasette.Gen.Tests.Infrastructure;

namespace Datasette.Gen.Tests.PluginApi;

/// <summary>The seed's database registry: .databases, add_database, add_memory_database, remove_database, get_database, get_internal_database.</summary>
public sealed class DatabaseRegistryTests
{
    [Fact]
    [Trait("seed", "internals:datasette-databases")]
    public async Task Datasette_databases_lists_every_database_in_order_by_name_whatever_the_permissions()
    {
        await using var instance = await PluginApiInstance.CreateAsync("allow: false", databases: new[] { ("first", "create table t (x)"), ("second", "create table u (y)") });
        var datasette = instance.Datasette;

        Assert.Equal(new[] { "first", "second" }, datasette.Databases.Names);
        Assert.Equal(new[] { "first", "second" }, datasette.Databases.Select(d => d.Name));
        Assert.Same(datasette.Databases[1], datasette.Databases["second"]);
        Assert.True(datasette.Databases.ContainsKey("first"));
        Assert.DoesNotContain(datasette.Databases, d => d.Name == "__INTERNAL__");
        Assert.Throws<KeyNotFoundException>(() => datasette.Databases["missing"]);

        // A snapshot: adding a database later does not change a collection already being read.
        var before = datasette.Databases;
        datasette.AddMemoryDatabase("registry_" + Guid.NewGuid().ToString("N"), "third");
        Assert.Equal(2, before.Count);
        Assert.Equal(3, datasette.Databases.Count);
    }

    [Fact]
    [Trait("seed", "internals:datasette-add-database")]
    public async Task Datasette_add_database_suffixes_taken_names_serves_the_route_at_once_and_returns_the_database()
    {
        await using var instance = await PluginApiInstance.CreateAsync();
        var datasette = instance.Datasette;
        using var file = new TempDatabaseFile("create table sales (id integer primary key, amount integer); insert into sales values (1, 10);", stem: "sales");

        var first = datasette.AddDatabase(new Database(DatabaseKind.MutableFile, file.Path));
        var second = datasette.AddDatabase(new Database(DatabaseKind.MutableFile, file.Path));
        var named = datasette.AddDatabase(new Database(DatabaseKind.ImmutableFile, file.Path), name: "sales");
        var routed = datasette.AddDatabase(new Database(DatabaseKind.ImmutableFile, file.Path), name: "routed", route: "custom-route");

        Assert.Equal(("sales", "sales"), (first.Name, first.Route));
        Assert.Equal("sales_2", second.Name);
        Assert.Equal("sales_3", named.Name);
        Assert.Equal(("routed", "custom-route"), (routed.Name, routed.Route));
        Assert.False(named.IsMutable);

        var response = await datasette.Client.GetAsync("/custom-route/sales.json?_shape=array");
        Assert.Equal(200, response.Status);
        Assert.Equal("""[{"id":1,"amount":10}]""", response.Text);
        Assert.Equal(404, (await datasette.Client.GetAsync("/routed/sales.json")).Status);

        // The catalog (and so permission listings) learns about it at the next refresh.
        await datasette.RefreshCatalogAsync(force: true);
        var tables = await datasette.AllowedResourcesAsync("view-table", parent: "sales_3");
        Assert.Equal(new[] { "sales" }, tables.Resources.Select(r => r.Child));
    }

    [Fact]
    [Trait("seed", "internals:datasette-add-memory-database")]
    public async Task Datasette_add_memory_database_attaches_a_shared_named_memory_database()
    {
        await using var instance = await PluginApiInstance.CreateAsync();
        var datasette = instance.Datasette;
        var memoryName = "statistics_" + Guid.NewGuid().ToString("N");

        var db = datasette.AddMemoryDatabase(memoryName);
        await db.WriteAsync(c =>
        {
            using var command = c.Connection.CreateCommand();
            command.CommandText = "create table foo (id integer primary key); insert into foo values (7)";
            return command.ExecuteNonQuery();
        });
        var other = datasette.AddMemoryDatabase(memoryName, name: "stats", route: "s");

        Assert.Equal(memoryName, db.Name);
        Assert.True(db.IsMemory && db.IsMutable);
        Assert.Equal("""[{"id":7}]""", (await datasette.Client.GetAsync($"/{memoryName}/foo.json?_shape=array")).Text);
        // Shared by name: the second Database sees the same data.
        Assert.Equal("""[{"id":7}]""", (await datasette.Client.GetAsync("/s/foo.json?_shape=array")).Text);
        Assert.Equal("stats", other.Name);
    }

    [Fact]
    [Trait("seed", "internals:datasette-remove-database")]
    public async Task Datasette_remove_database_closes_it_and_the_catalog_drops_it_at_the_next_refresh()
    {
        await using var instance = await PluginApiInstance.CreateAsync(databases: new[] { ("keep", "create table k (x)"), ("gone", "create table g (x)") });
        var datasette = instance.Datasette;
        var gone = datasette.GetDatabase("gone");
        Assert.Contains("gone", await CataloguedAsync(datasette));

        datasette.RemoveDatabase("gone");

        Assert.Equal(new[] { "keep" }, datasette.Databases.Names);
        Assert.Equal(404, (await datasette.Client.GetAsync("/gone.json")).Status);
        var closed = Assert.Throws<DatabaseClosedException>(() => gone.Read(c => 1));
        Assert.Equal("Database 'gone' has been closed", closed.Message);
        Assert.Throws<KeyNotFoundException>(() => datasette.RemoveDatabase("gone"));
        await datasette.RefreshCatalogAsync(force: true);
        Assert.Equal(new[] { "keep" }, await CataloguedAsync(datasette));
    }

    [Fact]
    [Trait("seed", "internals:datasette-get-database")]
    public async Task Datasette_get_database_by_name_by_route_or_the_first()
    {
        await using var instance = await PluginApiInstance.CreateAsync(databases: new[] { ("one", "create table a (x)"), ("two", "create table b (x)") });
        var datasette = instance.Datasette;
        var routed = datasette.AddMemoryDatabase("get_" + Guid.NewGuid().ToString("N"), "three", route: "third");

        Assert.Same(datasette.Databases[0], datasette.GetDatabase());
        Assert.Equal("two", datasette.GetDatabase("two").Name);
        Assert.Same(routed, datasette.GetDatabase(route: "third"));
        Assert.Throws<KeyNotFoundException>(() => datasette.GetDatabase("third_route_is_not_a_name"));
        Assert.Throws<KeyNotFoundException>(() => datasette.GetDatabase(route: "three"));
        Assert.Null(datasette.TryGetDatabase("missing"));
    }

    [Fact]
    [Trait("seed", "internals:id2")]
    public async Task Datasette_get_internal_database_reads_and_writes_the_private_database()
    {
        await using var instance = await PluginApiInstance.CreateAsync();
        var datasette = instance.Datasette;

        var internalDatabase = datasette.GetInternalDatabase();
        await internalDatabase.WriteAsync(c =>
        {
            using var command = c.Connection.CreateCommand();
            command.CommandText = "create table my_plugin_notes (note text); insert into my_plugin_notes values ('kept')";
            return command.ExecuteNonQuery();
        });

        Assert.Equal("__INTERNAL__", internalDatabase.Name);
        Assert.Equal("kept", internalDatabase.Read(c =>
        {
            using var command = c.Connection.CreateCommand();
            command.CommandText = "select note from my_plugin_notes";
            return (string)command.ExecuteScalar()!;
        }));
        Assert.Contains("data", internalDatabase.Read(c =>
        {
            using var command = c.Connection.CreateCommand();
            command.CommandText = "select group_concat(database_name) from catalog_databases";
            return (string)command.ExecuteScalar()!;
        }));
        Assert.DoesNotContain(datasette.Databases, d => ReferenceEquals(d, internalDatabase));
        Assert.Equal(404, (await datasette.Client.GetAsync("/__INTERNAL__.json")).Status);
    }

    private static Task<List<string>> CataloguedAsync(Runtime.Datasette datasette) =>
        Task.FromResult(TestSqlite.Column(datasette.GetInternalDatabase(), "select database_name from catalog_databases order by database_name"));
}
