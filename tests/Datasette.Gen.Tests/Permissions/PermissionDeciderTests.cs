using System.Collections.Generic;
using System.Linq;
using System.Threading.Tasks;
using Datasette.Gen.Runtime.Permissions;
using static Datasette.Gen.Tests.Permissions.PermissionTestInstance;

namespace Datasette.Gen.Tests.Permissions;

/// <summary>How checks are decided: batches of resources and single checks agree, and the request's memo holds the batch.</summary>
public sealed class PermissionDeciderTests : IAsyncLifetime
{
    private PermissionTestInstance _instance = null!;

    public async Task InitializeAsync() => _instance = await CreateAsync(DecisionTableTests.Config, null, DecisionTableTests.Databases);

    public async Task DisposeAsync() => await _instance.DisposeAsync();

    [Fact]
    public async Task Batched_checks_decide_exactly_as_single_checks()
    {
        // Async, so the request memos begun here end with the test.
        await Task.Yield();
        var checker = _instance.Datasette.Permissions;
        var resources = new List<(string?, string?)>
        {
            ("sales", "orders"), ("sales", "public_stats"), ("sales", "secrets"), ("sales", "missing"),
            ("docs", "drafts"), ("docs", "readme"), ("nowhere", "x"),
        };
        foreach (var actor in new[] { null, DecisionTableTests.Alice, DecisionTableTests.Bob, DecisionTableTests.RestrictedBob })
        {
            foreach (var action in new[] { "view-table", "insert-row", "drop-table" })
            {
                var expected = resources.Select(r => checker.Allowed(Actor(actor), action, r.Item1, r.Item2)).ToList();
                var state = Actor(actor);
                PermissionScope.BeginRequest();
                checker.Prefetch(state, action, resources);
                Assert.Equal(resources.Count, PermissionScope.Cache!.Verdicts.Count(v => v.Key.Action == action));
                Assert.Equal(expected, resources.Select(r => checker.Allowed(state, action, r.Item1, r.Item2)).ToList());
            }
        }
        foreach (var database in new[] { "sales", "docs" })
        {
            var expected = checker.Allowed(Actor(DecisionTableTests.Bob), "store-query", database);
            var bob = Actor(DecisionTableTests.Bob);
            PermissionScope.BeginRequest();
            checker.Prefetch(bob, "store-query", new List<(string?, string?)> { (database, null) });
            Assert.Equal(expected, checker.Allowed(bob, "store-query", database));
        }
    }
}
