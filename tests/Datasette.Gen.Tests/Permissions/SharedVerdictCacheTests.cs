using System;
using System.Collections.Generic;
using System.Globalization;
using System.Threading.Tasks;
using Datasette.Gen.Runtime.Permissions;

namespace Datasette.Gen.Tests.Permissions;

/// <summary>Verdicts are shared across requests until the internal database is written, unless a rule source is volatile.</summary>
public sealed class SharedVerdictCacheTests
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

    private sealed class Counting : IPermissionSource
    {
        public int Asked { get; private set; }

        public string Name => "counting";

        public void Contribute(PermissionRequest request, List<PermissionSql> contributions) => Asked++;
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
    public async Task A_stable_verdict_answers_the_next_request_without_asking_the_sources()
    {
        await using var instance = await PermissionTestInstance.CreateAsync("{}");
        var checker = instance.Datasette.Permissions;
        var source = new Counting();
        checker.Sources.Add(source);

        PermissionScope.BeginRequest();
        Assert.True(checker.Allowed(null, "view-instance"));
        PermissionScope.BeginRequest();
        Assert.True(checker.Allowed(null, "view-instance"));

        Assert.Equal(1, source.Asked);
    }

    [Fact]
    public async Task A_shared_verdict_joins_the_request_memo_with_its_whole_chain()
    {
        await using var instance = await PermissionTestInstance.CreateAsync("{}");
        var checker = instance.Datasette.Permissions;
        PermissionScope.BeginRequest();
        Assert.True(checker.Allowed(null, "execute-sql", "data"));

        // The next request asks again: the shared verdicts answer, and join its memo (the action and what it also requires)
        // so the page's further asks stay in the request instead of taking the batch path each time.
        PermissionScope.BeginRequest();
        Assert.True(checker.Allowed(null, "execute-sql", "data"));
        Assert.Equal(2, PermissionScope.Cache!.Verdicts.Count);
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

    [Fact]
    public async Task A_verdict_holds_only_in_the_generation_it_was_made_in()
    {
        await using var instance = await PermissionTestInstance.CreateAsync("{}");
        var sources = new RuleSources(Array.Empty<IPermissionSource>(), instance.Datasette.PermissionRules.Compiled);
        var cache = new SharedVerdictCache(new PermissionDatabase(instance.Datasette.Internal.Database), sources);
        var key = new VerdictKey("null", "view-table", "data", "t");
        var made = cache.Generation()!.Value;
        cache.Add(key, true, made);
        Assert.True(cache.TryGet(key, made, out var allowed) && allowed);

        await Execute(instance, "insert into queries (database_name, name, sql) values ('data', 'mine', 'select 1')");
        var written = cache.Generation()!.Value;
        Assert.NotEqual(made, written);
        Assert.False(cache.TryGet(key, written, out _));

        sources.All.Add(new Counting());
        Assert.NotEqual(written, cache.Generation());
        sources.All.Add(new Switch());
        Assert.Null(cache.Generation());
    }

    [Fact]
    public async Task Past_its_capacity_the_cache_starts_over()
    {
        await using var instance = await PermissionTestInstance.CreateAsync("{}");
        var sources = new RuleSources(Array.Empty<IPermissionSource>(), instance.Datasette.PermissionRules.Compiled);
        var cache = new SharedVerdictCache(new PermissionDatabase(instance.Datasette.Internal.Database), sources);
        VerdictKey Key(int i) => new("null", "view-table", "data", i.ToString(CultureInfo.InvariantCulture));
        for (var i = 0; i < SharedVerdictCache.Capacity; i++)
        {
            cache.Add(Key(i), true, 1);
        }
        cache.MakeRoom();
        Assert.True(cache.TryGet(Key(0), 1, out _));

        cache.Add(Key(SharedVerdictCache.Capacity), true, 1);
        cache.MakeRoom();
        Assert.False(cache.TryGet(Key(0), 1, out _));
    }

    private static Task<int> Execute(PermissionTestInstance instance, string sql) =>
        instance.Datasette.Internal.Database.WriteAsync(c =>
        {
            using var command = c.Connection.CreateCommand();
            command.CommandText = sql;
            return command.ExecuteNonQuery();
        });
}
