using System.Collections.Generic;
using System.Linq;
using System.Threading.Tasks;
using static Datasette.Gen.Tests.Permissions.PermissionTestInstance;

namespace Datasette.Gen.Tests.Permissions;

/// <summary>The worked example of permissions spec §12, verified against Datasette 1.0a37.</summary>
public sealed class DecisionTableTests : IAsyncLifetime
{
    public const string Config = """
        permissions:
          create-table:
            id: alice
        allow_sql:
          id: alice
        databases:
          sales:
            allow:
              id: [alice, bob]
            permissions:
              insert-row:
                id: bob
            tables:
              public_stats:
                allow: true
              secrets:
                allow:
                  id: alice
          docs:
            allow_sql:
              id: "*"
            tables:
              drafts:
                permissions:
                  view-table:
                    roles: editor
        """;

    public static readonly (string Name, string Sql)[] Databases =
    {
        ("sales", "create table orders (id integer primary key); create table public_stats (id integer primary key); create table secrets (id integer primary key);"),
        ("docs", "create table drafts (id integer primary key); create table readme (id integer primary key);"),
    };

    internal const string Alice = """{"id": "alice"}""";
    internal const string Bob = """{"id": "bob", "roles": ["editor"]}""";
    internal const string RestrictedBob = """{"id": "bob", "roles": ["editor"], "_r": {"d": {"sales": ["vt", "vd"]}}}""";

    private PermissionTestInstance _instance = null!;

    public async Task InitializeAsync() => _instance = await CreateAsync(Config, null, Databases);

    public async Task DisposeAsync() => await _instance.DisposeAsync();

    [Theory]
    [InlineData("view-database", "sales", null, false, true, true)]
    [InlineData("view-database", "docs", null, true, true, true)]
    [InlineData("execute-sql", "sales", null, false, true, false)]
    [InlineData("execute-sql", "docs", null, false, true, true)]
    [InlineData("view-table", "sales", "orders", false, true, true)]
    [InlineData("view-table", "sales", "public_stats", true, true, true)]
    [InlineData("view-table", "sales", "secrets", false, true, false)]
    [InlineData("view-table", "docs", "drafts", false, false, true)]
    [InlineData("view-table", "docs", "readme", true, true, true)]
    [InlineData("insert-row", "sales", "orders", false, false, true)]
    [InlineData("insert-row", "docs", "readme", false, false, false)]
    [InlineData("create-table", "docs", null, false, true, false)]
    public void Decision_table_matches_the_reference(string action, string parent, string? child, bool anon, bool alice, bool bob)
    {
        var checker = _instance.Datasette.Permissions;
        Assert.Equal(anon, checker.Allowed(null, action, parent, child));
        Assert.Equal(alice, checker.Allowed(Actor(Alice), action, parent, child));
        Assert.Equal(bob, checker.Allowed(Actor(Bob), action, parent, child));
    }

    [Theory]
    [InlineData(null, "docs/readme", "sales/public_stats")]
    [InlineData(Alice, "docs/readme", "sales/orders*", "sales/public_stats", "sales/secrets*")]
    [InlineData(Bob, "docs/drafts*", "docs/readme", "sales/orders*", "sales/public_stats")]
    public async Task Allowed_resources_list_view_table_with_private_flags(string? actor, params string[] expected)
    {
        var page = await _instance.Datasette.AllowedResourcesAsync("view-table", Actor(actor), includeIsPrivate: true);

        Assert.Equal(expected, page.Resources.Select(r => r + (r.Private == true ? "*" : "")).ToArray());
    }

    [Theory]
    [InlineData("view-database", "sales", null, true)]
    [InlineData("view-database", "docs", null, false)]
    [InlineData("execute-sql", "sales", null, false)]
    [InlineData("execute-sql", "docs", null, false)]
    [InlineData("view-table", "sales", "orders", true)]
    [InlineData("view-table", "sales", "public_stats", true)]
    [InlineData("view-table", "sales", "secrets", false)]
    [InlineData("view-table", "docs", "drafts", false)]
    [InlineData("view-table", "docs", "readme", false)]
    [InlineData("insert-row", "sales", "orders", false)]
    [InlineData("insert-row", "docs", "readme", false)]
    public void A_restricted_token_only_narrows_what_bob_may_do(string action, string parent, string? child, bool expected) =>
        Assert.Equal(expected, _instance.Datasette.Permissions.Allowed(Actor(RestrictedBob), action, parent, child));

    [Fact]
    public async Task The_rules_for_bob_are_the_ones_the_spec_lists()
    {
        var (sql, parameters) = _instance.Datasette.Permissions.RulesSql(Actor(Bob), "view-table");
        var rows = _instance.Datasette.Permissions.Query($"SELECT parent, child, allow, reason FROM ({sql}) ORDER BY allow DESC, parent, child", parameters, reader =>
        {
            var list = new List<string>();
            while (reader.Read())
            {
                list.Add($"{(reader.IsDBNull(0) ? "NULL" : reader.GetString(0))},{(reader.IsDBNull(1) ? "NULL" : reader.GetString(1))},{reader.GetInt64(2)}: {reader.GetString(3)}");
            }
            return list;
        });

        Assert.Equal(new[]
        {
            "NULL,NULL,1: default allow for view-table",
            "docs,drafts,1: config allow permissions for view-table on docs/drafts",
            "sales,NULL,1: config allow allow for view-table on sales",
            "sales,public_stats,1: config allow allow for view-table on sales/public_stats",
            "sales,secrets,0: config deny allow for view-table on sales/secrets",
        }, rows);
        await Task.CompletedTask;
    }
}
