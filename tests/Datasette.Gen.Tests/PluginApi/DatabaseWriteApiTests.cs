using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading.Tasks;
using Datasette.Gen.Runtime.Data;
using Microsoft.Data.Sqlite;

namespace Datasette.Gen.Tests.PluginApi;

/// <summary>
/// The plugin API's writes (<c>db.execute_write</c> and friends, and the Datasette methods that
/// write the internal database) take the same path as the JSON write API: the database's single
/// writer and its group commit, so a plugin's write is as durable and as ordered as a request's.
/// </summary>
public sealed class DatabaseWriteApiTests
{
    [Fact]
    [Trait("seed", "internals:datasette-add-database")]
    public async Task Execute_write_on_an_added_database_runs_in_a_group_commit_and_is_served_at_once()
    {
        await using var instance = await PluginApiInstance.CreateAsync();
        var datasette = instance.Datasette;
        var db = datasette.AddMemoryDatabase("statistics_" + Guid.NewGuid().ToString("N"), "statistics");
        var commits = db.GroupCommits;

        await db.ExecuteWriteAsync("CREATE TABLE foo(id integer primary key, name text)");
        var inserted = await db.ExecuteWriteAsync("insert into foo (name) values (:name)", new Dictionary<string, object?> { ["name"] = "first" });

        Assert.Equal(1, inserted);
        Assert.Equal(commits + 2, db.GroupCommits);
        var response = await datasette.Client.GetAsync("/statistics/foo.json?_shape=array");
        Assert.Equal("""[{"id":1,"name":"first"}]""", response.Text);
    }

    [Fact]
    public async Task Execute_write_many_is_one_transaction_all_or_nothing()
    {
        await using var instance = await PluginApiInstance.CreateAsync();
        var db = instance.Datasette.AddMemoryDatabase("many_" + Guid.NewGuid().ToString("N"), "many");
        await db.ExecuteWriteAsync("create table t (id integer primary key, v text not null)");
        static IReadOnlyDictionary<string, object?> Row(long id, string? v) => new Dictionary<string, object?> { ["id"] = id, ["v"] = v };

        Assert.Equal(2, await db.ExecuteWriteManyAsync("insert into t values (:id, :v)", new[] { Row(1, "a"), Row(2, "b") }));
        await Assert.ThrowsAsync<SqliteException>(() => db.ExecuteWriteManyAsync("insert into t values (:id, :v)", new[] { Row(3, "c"), Row(4, null) }));

        var ids = db.Read(c =>
        {
            using var command = c.Connection.CreateCommand();
            command.CommandText = "select group_concat(id) from t";
            return command.ExecuteScalar();
        });
        Assert.Equal("1,2", ids);
    }

    [Fact]
    public async Task Execute_write_script_runs_several_statements_with_their_own_transaction()
    {
        await using var instance = await PluginApiInstance.CreateAsync();
        var db = instance.Datasette.AddMemoryDatabase("script_" + Guid.NewGuid().ToString("N"), "script");

        await db.ExecuteWriteScriptAsync("begin; create table a (x); insert into a values (1); insert into a values (2); commit;");

        var response = await instance.Datasette.Client.GetAsync("/script/a.json?_shape=arrayfirst");
        Assert.Equal("[1,2]", response.Text);
    }

    [Fact]
    public async Task Column_type_and_metadata_writes_of_the_datasette_class_share_the_internal_databases_group_commit()
    {
        await using var instance = await PluginApiInstance.CreateAsync();
        var datasette = instance.Datasette;
        var internalDb = datasette.Internal.Database;
        var commits = internalDb.GroupCommits;

        await datasette.SetColumnTypeAsync("data", "people", "email", "email");
        await datasette.RemoveColumnTypeAsync("data", "people", "email");
        await datasette.SetInstanceMetadataAsync("title", "Hello");
        await datasette.SetDatabaseMetadataAsync("data", "title", "Data");
        await datasette.SetResourceMetadataAsync("data", "people", "title", "People");
        await datasette.SetColumnMetadataAsync("data", "people", "name", "description", "Their name");

        Assert.Equal(commits + 6, internalDb.GroupCommits);
        Assert.Equal("Hello", datasette.Internal.Metadata.Values()["title"]);
    }
}
