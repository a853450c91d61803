using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Threading.Tasks;
using Datasette.Gen.Configuration.Model;
using Datasette.Gen.Runtime.Permissions;

namespace Datasette.Gen.Tests.Permissions;

/// <summary>The recent checks /-/permissions shows.</summary>
public sealed class PermissionCheckLogTests
{
    [Fact]
    public async Task Every_check_is_logged_dependencies_first()
    {
        await using var instance = await PermissionTestInstance.CreateAsync(DecisionTableTests.Config, null, DecisionTableTests.Databases);
        var checker = instance.Datasette.Permissions;
        checker.Allowed(null, "store-query", "sales");

        var last = checker.RecentChecks.TakeLast(3).Select(c => c.Action).ToArray();
        Assert.Equal(new[] { "view-database", "execute-sql", "store-query" }, last);
        Assert.True(checker.RecentChecks.Count <= 200);
    }

    [Theory]
    [InlineData("view-database")]
    [InlineData("execute-sql")]
    [InlineData("store-query")]
    public async Task A_check_answered_from_the_request_memo_is_logged_as_the_first_was(string action)
    {
        await using var instance = await PermissionTestInstance.CreateAsync(DecisionTableTests.Config, null, DecisionTableTests.Databases);
        var checker = instance.Datasette.Permissions;
        PermissionScope.BeginRequest();
        var before = checker.RecentChecks.Count;
        var first = checker.Allowed(null, action, "sales");
        var firstLogged = checker.RecentChecks.Skip(before).Select(c => (c.Action, c.Parent, c.Result)).ToArray();

        var again = checker.RecentChecks.Count;
        var repeated = checker.Allowed(null, action, "sales");
        var repeatLogged = checker.RecentChecks.Skip(again).Select(c => (c.Action, c.Parent, c.Result)).ToArray();

        Assert.Equal(first, repeated);
        Assert.NotEmpty(firstLogged);
        Assert.Equal(firstLogged, repeatLogged);
    }

    [Fact]
    public void The_log_keeps_the_last_200_checks_oldest_first()
    {
        var log = new PermissionCheckLog();
        var viewTable = new List<ActionDefinition> { ActionDefinition.BuiltIn.Single(a => a.Name == "view-table") };
        for (var i = 0; i < 250; i++)
        {
            log.Record(null, viewTable, "data", i.ToString(CultureInfo.InvariantCulture), new Dictionary<string, bool> { ["view-table"] = i % 2 == 0 });
        }

        var recent = log.Recent;
        Assert.Equal(PermissionCheckLog.Capacity, recent.Count);
        Assert.Equal("50", recent[0].Child);
        Assert.Equal("249", recent[^1].Child);
        Assert.False(recent[^1].Result);
    }
}
