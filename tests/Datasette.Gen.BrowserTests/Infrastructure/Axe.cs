using Deque.AxeCore.Playwright;
using Microsoft.Playwright;

namespace Datasette.Gen.BrowserTests.Infrastructure;

/// <summary>axe-core (embedded in Deque.AxeCore.Playwright) run in the page as it is now.</summary>
public static class Axe
{
    /// <summary>Fails listing every serious or critical violation (rule, help, offending elements).</summary>
    public static async Task AssertNoSeriousViolationsAsync(IPage page, string what)
    {
        var results = await page.RunAxe();
        var serious = results.Violations.Where(v => v.Impact is "serious" or "critical").ToList();
        Assert.True(serious.Count == 0, $"axe-core on {what}:\n" + string.Join("\n", serious.Select(v =>
            $"  {v.Impact} {v.Id}: {v.Help}\n" + string.Join("\n", v.Nodes.Take(5).Select(n => "    " + string.Join(" ", n.Target) + "  " + n.Html)))));
    }
}
