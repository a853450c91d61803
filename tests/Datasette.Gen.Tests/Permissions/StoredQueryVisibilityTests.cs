using System;
using System.Linq;
using System.Threading.Tasks;
using Datasette.Gen.Configuration.Permissions;
using Datasette.Gen.Runtime.Internal;
using Datasette.Gen.Runtime.Permissions;
using static Datasette.Gen.Tests.Permissions.PermissionTestInstance;

namespace Datasette.Gen.Tests.Permissions;

/// <summary>Private stored queries (spec §5.5) and which matchers the configuration's rules use.</summary>
public sealed class StoredQueryVisibilityTests
{
    private static async Task<PermissionTestInstance> WithUserQueries()
    {
        var instance = await CreateAsync("databases:\n  sales:\n    queries:\n      public_q: select 1\n", null, ("sales", "create table orders (id integer primary key);"));
        await instance.Datasette.Internal.Database.WriteAsync(c =>
        {
            using var command = c.Connection.CreateCommand();
            command.CommandText = """
                insert into queries (database_name, name, sql, is_private, source, owner_id) values
                  ('sales', 'alices_secret', 'select 2', 1, 'user', 'alice'),
                  ('sales', 'alices_shared', 'select 3', 0, 'user', 'alice');
                """;
            return command.ExecuteNonQuery();
        });
        return instance;
    }

    [Fact]
    public async Task Private_queries_are_visible_to_their_owner_only_and_flagged_private()
    {
        await using var instance = await WithUserQueries();
        var checker = instance.Datasette.Permissions;
        var alice = Actor("""{"id": "alice"}""");

        Assert.False(checker.Allowed(null, "view-query", "sales", "alices_secret"));
        Assert.False(checker.Allowed(Actor("""{"id": "bob"}"""), "view-query", "sales", "alices_secret"));
        Assert.True(checker.Allowed(alice, "view-query", "sales", "alices_secret"));
        Assert.True(checker.Allowed(alice, "update-query", "sales", "alices_secret"));
        Assert.False(checker.Allowed(alice, "update-query", "sales", "public_q"));
        Assert.Equal((true, true), await instance.Datasette.CheckVisibilityAsync(alice, "view-query", new QueryResource("sales", "alices_secret")));

        var page = instance.Datasette.Internal.Queries.List("sales", QueryFilter.None, 10, null, checker.AllowedResourcesSql(alice, "view-query", "sales", includeIsPrivate: true));
        Assert.Equal(new[] { "alices_secret:True", "alices_shared:False", "public_q:False" }, page.Queries.Select(q => $"{q.Name}:{q.ActorPrivate}"));
    }

    [Fact]
    public async Task Filtering_by_owner_id_never_reveals_someone_elses_private_query()
    {
        // Datasette bound the owner_id filter under the name the permission SQL used for the actor id,
        // so ?owner_id=alice showed alice's private queries to anyone.
        await using var instance = await WithUserQueries();
        var anonymous = instance.Datasette.Permissions.AllowedResourcesSql(null, "view-query", "sales", includeIsPrivate: true);

        var page = instance.Datasette.Internal.Queries.List("sales", QueryFilter.None with { OwnerId = "alice" }, 10, null, anonymous);

        Assert.Equal(new[] { "alices_shared" }, page.Queries.Select(q => q.Name));
        Assert.Equal(1, instance.Datasette.Internal.Queries.Count("sales", QueryFilter.None with { OwnerId = "alice" }, instance.Datasette.Permissions.AllowedResourcesSql(null, "view-query", "sales")));
    }

    [Fact]
    public void Compiled_matchers_are_used_only_for_the_configuration_they_were_compiled_from()
    {
        var config = Bind("allow:\n  id: root\n");
        var model = PermissionCompiler.Compile(config);
        var calls = 0;
        var compiled = new CompiledPermissions(model, new Func<IActorValues?, bool>[] { _ => { calls++; return true; } });

        var same = PermissionRules.For(config, compiled);
        Assert.Same(compiled, same.Compiled);
        var other = PermissionRules.For(Bind("allow:\n  id: admin\n"), compiled);
        Assert.NotSame(compiled, other.Compiled);
        Assert.True(other.Compiled.IsInterpreted);
        Assert.True(PermissionRules.For(config).Compiled.IsInterpreted);
        Assert.True(same.Compiled.Matchers[0](null));
        Assert.Equal(1, calls);
    }
}
