using Datasette.Gen.BrowserTests.Infrastructure;
using Datasette.Gen.Configuration;
using Datasette.Gen.Configuration.Model;
using Datasette.Gen.Runtime.Hosting;
using Datasette.Gen.Runtime.Plugins;
using Microsoft.Playwright;

namespace Datasette.Gen.BrowserTests;

/// <summary>A page's action menu filled by a plugin: operable by keyboard alone, and accessible while open.</summary>
[Collection(BrowserCollection.Name)]
public sealed class ActionMenuTests(BrowserFixture fixture)
{
    [BrowserFact]
    public async Task The_table_actions_menu_opens_by_keyboard_passes_axe_and_follows_a_plugin_item()
    {
        var plugins = new PluginRegistry().AddTableActions("browser-test", (_, _, database, table, _) =>
            ValueTask.FromResult<IEnumerable<ActionMenuItem>?>(
            [
                ActionMenuItem.Link($"/{database}/{table}.json", "Table as JSON", "The rows as JSON"),
                ActionMenuItem.Link($"/{database}/{table}?_size=1", "Show one row", "A plugin link"),
            ]));
        var data = Paths.ConformanceData;
        await using var server = await DatasetteHost.StartAsync(
            new Deployment(DatasetteConfig.Empty, EquatableArray<MetadataItem>.Empty, Array.Empty<EmbeddedDatabase>()) { Plugins = plugins },
            new ServeOptions { Files = [Path.Combine(data, "fixtures.db")], Host = "127.0.0.1", Port = 0 });
        var context = await fixture.Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = server.Urls[0].TrimEnd('/'),
            ViewportSize = new ViewportSize { Width = 1280, Height = 900 },
            ReducedMotion = ReducedMotion.Reduce,
        });
        context.SetDefaultTimeout(15_000);
        await using var browser = new BrowserPage(context, await context.NewPageAsync());
        var page = browser.Page;
        // This server serves no favicon (Datasette's does); its 404 is not what is under test.
        await page.RouteAsync("**/favicon.ico", route => route.FulfillAsync(new RouteFulfillOptions { Status = 204 }));
        await browser.GotoAsync("/fixtures/facetable");

        var summary = page.Locator("details.actions-menu > summary");
        await summary.FocusAsync();
        await page.Keyboard.PressAsync("ArrowDown");

        var first = page.GetByRole(AriaRole.Menuitem, new() { Name = "Table as JSON" });
        await Assertions.Expect(first).ToBeFocusedAsync();
        await Assertions.Expect(summary).ToHaveAttributeAsync("aria-expanded", "true");
        await Assertions.Expect(page.GetByRole(AriaRole.Menu, new() { Name = "Table actions" })).ToBeVisibleAsync();
        await Axe.AssertNoSeriousViolationsAsync(page, "the open table actions menu");

        await page.Keyboard.PressAsync("ArrowDown");
        await Assertions.Expect(page.GetByRole(AriaRole.Menuitem, new() { Name = "Show one row" })).ToBeFocusedAsync();
        await page.Keyboard.PressAsync("Enter");
        await Assertions.Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/fixtures/facetable\\?_size=1$"));
        await Assertions.Expect(page.Locator("table.rows-and-columns tbody tr")).ToHaveCountAsync(1);

        // Escape closes a reopened menu and gives the focus back to its summary
        await page.Locator("details.actions-menu > summary").FocusAsync();
        await page.Keyboard.PressAsync("ArrowDown");
        await page.Keyboard.PressAsync("Escape");
        await Assertions.Expect(page.Locator("details.actions-menu > summary")).ToBeFocusedAsync();
        await Assertions.Expect(page.Locator("details.actions-menu")).Not.ToHaveAttributeAsync("open", "");
        browser.AssertNoErrors();
    }
}
