using System.Collections.Generic;
using System.Threading.Tasks;
using Datasette.Gen.Runtime.Permissions;

namespace Datasette.Gen.Tests.Permissions;

/// <summary>One request's memo: what it holds ends with the request.</summary>
public sealed class RequestPermissionCacheTests
{
    /// <summary>Volatile, so no verdict is shared across requests and every ask shows here.</summary>
    private sealed class VolatileCounting : IPermissionSource
    {
        public int Asked { get; private set; }

        public string Name => "volatile-counting";

        public bool IsVolatile => true;

        public void Contribute(PermissionRequest request, List<PermissionSql> contributions) => Asked++;
    }

    [Fact]
    public async Task Within_a_request_the_sources_are_asked_once_per_actor_and_action()
    {
        await using var instance = await PermissionTestInstance.CreateAsync("{}");
        var checker = instance.Datasette.Permissions;
        var source = new VolatileCounting();
        checker.Sources.Add(source);

        PermissionScope.BeginRequest();
        Assert.True(checker.Allowed(null, "view-table", "data", "x"));
        Assert.True(checker.Allowed(null, "view-table", "data", "y"));
        Assert.True(checker.Allowed(null, "view-table", "data", "x"));
        Assert.Equal(1, source.Asked);

        PermissionScope.BeginRequest();
        Assert.True(checker.Allowed(null, "view-table", "data", "x"));
        Assert.Equal(2, source.Asked);
    }
}
