using System.Collections.Generic;
using System.Threading.Tasks;
using Datasette.Gen.Runtime.Permissions;

namespace Datasette.Gen.Tests.Permissions;

/// <summary>Verdicts are shared across requests until the internal database is written, unless a rule source is volatile.</summary>
public sealed class VerdictSharingTests
{
    private sealed class Switch : IPermissionSource
    {
        public bool Deny { get; set; }

        public string Name => "switch";

        public bool IsVolatile => true;

        public void Contribute(PermissionRequest request, List<PermissionSql> contributions)
        {
            if (Deny)
            {
                contributions.Add(PermissionSql.Deny("switched off"));
            }
        }
    }

    [Fact]
    public async Task A_volatile_rule_source_is_asked_again_on_every_request()
    {
        await using var instance = await PermissionTestInstance.CreateAsync("{}");
        var checker = instance.Datasette.Permissions;
        var source = new Switch();
        checker.Sources.Add(source);

        PermissionScope.BeginRequest();
        Assert.True(checker.Allowed(null, "view-instance"));
        source.Deny = true;
        PermissionScope.BeginRequest();
        Assert.False(checker.Allowed(null, "view-instance"));
    }

    [Fact]
    public async Task Built_in_verdicts_follow_writes_to_the_internal_database()
    {
        await using var instance = await PermissionTestInstance.CreateAsync("{}");
        var checker = instance.Datasette.Permissions;
        await Execute(instance, "insert into queries (database_name, name, sql) values ('data', 'mine', 'select 1')");
        PermissionScope.BeginRequest();
        Assert.True(checker.Allowed(null, "view-query", "data", "mine"));

        // Made private to its owner, the stored query is hidden from everybody else at once.
        await Execute(instance, "update queries set is_private = 1, owner_id = 'alice' where name = 'mine'");
        PermissionScope.BeginRequest();
        Assert.False(checker.Allowed(null, "view-query", "data", "mine"));
    }

    private static Task<int> Execute(PermissionTestInstance instance, string sql) =>
        instance.Datasette.Internal.Database.WriteAsync(c =>
        {
            using var command = c.Connection.CreateCommand();
            command.CommandText = sql;
            return command.ExecuteNonQuery();
        });
}
