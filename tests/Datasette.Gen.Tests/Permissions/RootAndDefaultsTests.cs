using System.Threading.Tasks;
using Datasette.Gen.Runtime;
using static Datasette.Gen.Tests.Permissions.PermissionTestInstance;

namespace Datasette.Gen.Tests.Permissions;

/// <summary>Permissions spec §5.1, §5.3, §5.4: --root, default_allow_sql and --default-deny.</summary>
public sealed class RootAndDefaultsTests
{
    private const string Root = """{"id": "root"}""";
    private static readonly (string, string)[] Sales = { ("sales", "create table orders (id integer primary key);") };

    [Fact]
    public async Task Root_is_allowed_every_action_only_with_the_root_flag()
    {
        await using var plain = await CreateAsync("{}", null, Sales);
        await using var rooted = await CreateAsync("{}", new DatasetteOptions { RootEnabled = true }, Sales);

        Assert.False(plain.Datasette.Permissions.Allowed(Actor(Root), "permissions-debug"));
        Assert.True(rooted.Datasette.Permissions.Allowed(Actor(Root), "permissions-debug"));
        Assert.True(rooted.Datasette.Permissions.Allowed(Actor(Root), "drop-table", "sales", "orders"));
        Assert.False(rooted.Datasette.Permissions.Allowed(Actor("""{"id": "rooty"}"""), "drop-table", "sales", "orders"));
    }

    [Fact]
    public async Task Root_respects_a_database_configured_allow_false()
    {
        await using var instance = await CreateAsync("databases:\n  sales:\n    allow: false\n", new DatasetteOptions { RootEnabled = true }, Sales);

        Assert.False(instance.Datasette.Permissions.Allowed(Actor(Root), "view-database", "sales"));
        Assert.False(instance.Datasette.Permissions.Allowed(Actor(Root), "view-table", "sales", "orders"));
    }

    [Fact]
    public async Task Default_allow_sql_off_is_a_global_deny_even_root_cannot_outrank()
    {
        await using var instance = await CreateAsync("settings:\n  default_allow_sql: false\nallow_sql:\n  id: alice\ndatabases:\n  other:\n    allow_sql:\n      id: alice\n",
            new DatasetteOptions { RootEnabled = true }, Sales[0], ("other", "create table t (id integer primary key);"));
        var checker = instance.Datasette.Permissions;

        Assert.False(checker.Allowed(Actor(Root), "execute-sql", "sales"));
        Assert.False(checker.Allowed(Actor("""{"id": "alice"}"""), "execute-sql", "sales"));
        Assert.True(checker.Allowed(Actor("""{"id": "alice"}"""), "execute-sql", "other"));
        Assert.False(checker.Allowed(null, "execute-sql", "other"));
    }

    [Fact]
    public async Task Default_deny_removes_the_default_grants()
    {
        await using var instance = await CreateAsync("databases:\n  sales:\n    tables:\n      orders:\n        allow: true\n", new DatasetteOptions { DefaultDeny = true }, Sales);
        var checker = instance.Datasette.Permissions;

        Assert.False(checker.Allowed(null, "view-instance"));
        Assert.False(checker.Allowed(null, "view-database", "sales"));
        Assert.False(checker.Allowed(null, "execute-sql", "sales"));
        Assert.True(checker.Allowed(null, "view-table", "sales", "orders"));
    }

    [Fact]
    public async Task No_upward_cascade_a_visible_table_in_a_hidden_database()
    {
        await using var instance = await CreateAsync("allow: false\ndatabases:\n  sales:\n    allow: false\n    tables:\n      orders:\n        allow: true\n", null, Sales);
        var checker = instance.Datasette.Permissions;

        Assert.False(checker.Allowed(null, "view-instance"));
        Assert.False(checker.Allowed(null, "view-database", "sales"));
        Assert.True(checker.Allowed(null, "view-table", "sales", "orders"));
    }

    [Fact]
    public async Task Also_requires_is_transitive_in_checks_and_listings()
    {
        await using var instance = await CreateAsync("databases:\n  sales:\n    allow: false\n    permissions:\n      store-query: true\n", null, Sales);
        var datasette = instance.Datasette;

        Assert.False(datasette.Permissions.Allowed(null, "store-query", "sales"));
        // Datasette's listing applies one level only and would list sales; the whole chain is applied here.
        var page = await datasette.AllowedResourcesAsync("store-query");
        Assert.Empty(page.Resources);
    }

    [Fact]
    public async Task Restriction_gate_root_allow_block_with_a_table_restricted_actor()
    {
        // Spec §8.3 quirk: the plain user may view mydb/t1, the same user with a token restricted to it may not.
        await using var instance = await CreateAsync("allow:\n  id: admin\ndatabases:\n  mydb:\n    tables:\n      t1:\n        allow:\n          id: user\n", null,
            ("mydb", "create table t1 (id integer primary key); create table t2 (id integer primary key);"));
        var checker = instance.Datasette.Permissions;

        Assert.True(checker.Allowed(Actor("""{"id": "user"}"""), "view-table", "mydb", "t1"));
        Assert.False(checker.Allowed(Actor("""{"id": "user", "_r": {"r": {"mydb": {"t1": ["vt"]}}}}"""), "view-table", "mydb", "t1"));
    }

    [Fact]
    public async Task Restrictions_on_tables_do_not_grant_the_database_or_the_instance()
    {
        await using var instance = await CreateAsync("{}", null, ("db", "create table t1 (id integer primary key);"));
        var checker = instance.Datasette.Permissions;
        var actor = Actor("""{"id": "x", "_r": {"r": {"db": {"t1": ["vt"]}}}}""");

        Assert.False(checker.Allowed(actor, "view-instance"));
        Assert.False(checker.Allowed(actor, "view-database", "db"));
        Assert.True(checker.Allowed(actor, "view-table", "db", "t1"));
    }

    [Fact]
    public async Task A_database_restricted_token_sees_the_public_stored_queries_of_that_database()
    {
        // Datasette intersects restriction sources row by row, so this token saw no query at all (spec §6 bug);
        // here each source must contain the resource, hierarchically.
        await using var instance = await CreateAsync("databases:\n  db:\n    queries:\n      q: select 1\n", null, ("db", "create table t1 (id integer primary key);"));
        var actor = Actor("""{"id": "x", "_r": {"d": {"db": ["vq"]}}}""");

        Assert.True(instance.Datasette.Permissions.Allowed(actor, "view-query", "db", "q"));
        Assert.Equal("db/q", Assert.Single((await instance.Datasette.AllowedResourcesAsync("view-query", actor)).Resources).ToString());
    }
}
