using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading.Tasks;
using Datasette.Gen.Runtime.Http;
using Datasette.Gen.Runtime.Permissions;
using static Datasette.Gen.Tests.Permissions.PermissionTestInstance;
using Datasette.Gen.Runtime.Errors;

namespace Datasette.Gen.Tests.Permissions;

/// <summary>The seed's permission API on Datasette, one test per seed entry (ids in the trait and the name).</summary>
public sealed class SeedPermissionApiTests : IAsyncLifetime
{
    private PermissionTestInstance _instance = null!;

    public async Task InitializeAsync() => _instance = await CreateAsync(DecisionTableTests.Config, null, DecisionTableTests.Databases);

    public async Task DisposeAsync() => await _instance.DisposeAsync();

    [Fact]
    [Trait("seed", "internals:datasette-allowed")]
    public async Task Datasette_allowed_checks_an_action_on_a_resource_for_an_actor()
    {
        var datasette = _instance.Datasette;

        Assert.True(await datasette.AllowedAsync("view-table", new TableResource("sales", "public_stats")));
        Assert.False(await datasette.AllowedAsync("view-table", new TableResource("sales", "secrets")));
        Assert.True(await datasette.AllowedAsync("view-table", new TableResource("sales", "secrets"), Actor("""{"id": "alice"}""")));
        Assert.True(await datasette.AllowedAsync("execute-sql", new DatabaseResource("sales"), Actor("""{"id": "alice"}""")));
        Assert.True(await datasette.AllowedAsync("view-instance", new InstanceResource()));
        Assert.True(await datasette.AllowedAsync("view-instance"));
        await Assert.ThrowsAsync<UnknownActionException>(() => datasette.AllowedAsync("no-such-action"));
        // Abbreviations are not action names for checks.
        await Assert.ThrowsAsync<UnknownActionException>(() => datasette.AllowedAsync("vt", new TableResource("sales", "orders")));
    }

    [Fact]
    [Trait("seed", "internals:datasette-ensure-permission")]
    public async Task Datasette_ensure_permission_raises_forbidden_named_after_the_action()
    {
        var datasette = _instance.Datasette;

        await datasette.EnsurePermissionAsync("view-table", new TableResource("sales", "public_stats"));
        var forbidden = await Assert.ThrowsAsync<ForbiddenException>(() => datasette.EnsurePermissionAsync("view-table", new TableResource("sales", "secrets")));
        Assert.Equal("view-table", forbidden.Message);
        Assert.Equal(403, forbidden.Status);
        var global = await Assert.ThrowsAsync<ForbiddenException>(() => datasette.EnsurePermissionAsync("permissions-debug"));
        Assert.Equal("permissions-debug", global.Message);
    }

    [Fact]
    [Trait("seed", "internals:datasette-check-visibility")]
    public async Task Datasette_check_visibility_returns_visible_and_private()
    {
        var datasette = _instance.Datasette;
        var alice = Actor("""{"id": "alice"}""");

        Assert.Equal((true, true), await datasette.CheckVisibilityAsync(alice, "view-table", new TableResource("sales", "secrets")));
        Assert.Equal((true, false), await datasette.CheckVisibilityAsync(alice, "view-table", new TableResource("sales", "public_stats")));
        Assert.Equal((false, false), await datasette.CheckVisibilityAsync(null, "view-table", new TableResource("sales", "secrets")));
        Assert.Equal((true, false), await datasette.CheckVisibilityAsync(null, "view-instance"));
    }

    [Fact]
    [Trait("seed", "internals:datasette-allowed-resources")]
    public async Task Datasette_allowed_resources_pages_with_keyset_tokens()
    {
        var datasette = _instance.Datasette;
        var alice = Actor("""{"id": "alice"}""");

        var first = await datasette.AllowedResourcesAsync("view-table", alice, limit: 2);
        Assert.Equal(new[] { "docs/readme", "sales/orders" }, first.Resources.Select(r => r.ToString()));
        Assert.Equal("sales,orders", first.Next);
        var second = await datasette.AllowedResourcesAsync("view-table", alice, limit: 2, next: first.Next);
        Assert.Equal(new[] { "sales/public_stats", "sales/secrets" }, second.Resources.Select(r => r.ToString()));
        Assert.Null(second.Next);

        var all = new List<string>();
        await foreach (var resource in first.AllAsync())
        {
            all.Add(resource.ToString());
        }
        Assert.Equal(new[] { "docs/readme", "sales/orders", "sales/public_stats", "sales/secrets" }, all);

        var withParent = await datasette.AllowedResourcesAsync("view-table", alice, parent: "sales", includeReasons: true, includeIsPrivate: true);
        Assert.All(withParent.Resources, r => Assert.Equal("sales", r.Parent));
        var secrets = withParent.Resources.Single(r => r.Child == "secrets");
        Assert.True(secrets.Private);
        Assert.Equal(new[] { "datasette.default_permissions: config allow allow for view-table on sales/secrets" }, secrets.Reasons);
        Assert.IsType<TableResource>(secrets);

        // Limits are clamped to 1..1000; a malformed next token starts from the beginning.
        Assert.Single((await datasette.AllowedResourcesAsync("view-table", alice, limit: -5)).Resources);
        Assert.Equal(4, (await datasette.AllowedResourcesAsync("view-table", alice, limit: 1_000_000)).Resources.Count);
        Assert.Equal(4, (await datasette.AllowedResourcesAsync("view-table", alice, next: "garbage")).Resources.Count);
        await Assert.ThrowsAsync<UnknownActionException>(() => datasette.AllowedResourcesAsync("nope"));

        var databases = await datasette.AllowedResourcesAsync("view-database", alice, limit: 1);
        Assert.Equal("docs", databases.Resources.Single().ToString());
        Assert.Equal("docs,None", databases.Next);
        Assert.Equal("sales", (await datasette.AllowedResourcesAsync("view-database", alice, limit: 1, next: databases.Next)).Resources.Single().ToString());
    }

    [Fact]
    [Trait("seed", "internals:datasette-allowed-resources-sql")]
    public async Task Datasette_allowed_resources_sql_runs_against_the_internal_database()
    {
        var datasette = _instance.Datasette;
        var (sql, parameters) = await datasette.AllowedResourcesSqlAsync("view-table", Actor("""{"id": "bob", "roles": ["editor"]}"""), parent: "docs", includeIsPrivate: true);

        var rows = datasette.Permissions.Query(sql, parameters, reader =>
        {
            var list = new List<string>();
            while (reader.Read())
            {
                Assert.Equal(new[] { "parent", "child", "reason", "is_private" }, Enumerable.Range(0, reader.FieldCount).Select(reader.GetName));
                list.Add($"{reader.GetString(0)}/{reader.GetString(1)} private={reader.GetInt64(3)}");
            }
            return list;
        });

        Assert.Equal(new[] { "docs/drafts private=1", "docs/readme private=0" }, rows);
        Assert.Equal("docs", parameters["filter_parent"]);
    }

    [Fact]
    [Trait("seed", "internals:bypassing-permission-checks")]
    public async Task Bypassing_permission_checks_allows_everything_until_disposed()
    {
        var datasette = _instance.Datasette;
        Assert.False(await datasette.AllowedAsync("drop-table", new TableResource("sales", "secrets")));

        using (datasette.SkipPermissionChecks())
        {
            Assert.True(await datasette.AllowedAsync("drop-table", new TableResource("sales", "secrets")));
            var everything = await datasette.AllowedResourcesAsync("view-table", includeReasons: true);
            Assert.Equal(5, everything.Resources.Count);
            Assert.Equal(new[] { "skip_permission_checks" }, everything.Resources[0].Reasons);
        }

        Assert.False(await datasette.AllowedAsync("drop-table", new TableResource("sales", "secrets")));
    }

    [Fact]
    public void Resource_for_action_builds_the_actions_resource_class()
    {
        Assert.Equal(new TableResource("db", "t"), _instance.Datasette.ResourceForAction("insert-row", "db", "t"));
        Assert.Equal(new QueryResource("db", "q"), _instance.Datasette.ResourceForAction("view-query", "db", "q"));
        Assert.Equal(new DatabaseResource("db"), _instance.Datasette.ResourceForAction("create-table", "db", null));
        Assert.Equal("", new InstanceResource().ToString());
    }
}
