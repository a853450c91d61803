using Datasette.Gen.BrowserTests.Infrastructure;
using Microsoft.Playwright;

namespace Datasette.Gen.BrowserTests;

/// <summary>What the script adds to a page (menus, dialogs, the editor) passes axe-core with no serious or critical violation.</summary>
[Collection(BrowserCollection.Name)]
public sealed class ScriptAccessibilityTests(BrowserFixture fixture)
{
    [BrowserFact]
    public async Task Open_column_menu_and_details_menu_pass_axe()
    {
        await using var browser = await fixture.NewPageAsync();
        var page = browser.Page;
        await browser.GotoAsync("/-/browser-test/table.html");
        await page.GetByRole(AriaRole.Button, new() { Name = "Column actions for state" }).ClickAsync();
        await Axe.AssertNoSeriousViolationsAsync(page, "the column menu");
        await page.Locator("details.actions-menu summary").ClickAsync();
        await Axe.AssertNoSeriousViolationsAsync(page, "an open details menu");
        await page.Locator("details.nav-menu summary").ClickAsync();
        await Axe.AssertNoSeriousViolationsAsync(page, "the open nav menu");
    }

    [BrowserFact]
    public async Task Column_chooser_and_jump_dialogs_pass_axe()
    {
        await using var browser = await fixture.NewPageAsync();
        var page = browser.Page;
        await browser.GotoAsync("/-/browser-test/table.html");
        await page.GetByRole(AriaRole.Button, new() { Name = "Choose columns" }).ClickAsync();
        await Axe.AssertNoSeriousViolationsAsync(page, "the column chooser");
        await page.Keyboard.PressAsync("Escape");
        await page.Keyboard.PressAsync("/");
        await page.GetByRole(AriaRole.Dialog, new() { Name = "Jump to" }).GetByRole(AriaRole.Combobox).FillAsync("fix");
        await Assertions.Expect(page.GetByRole(AriaRole.Option).First).ToBeVisibleAsync();
        await Axe.AssertNoSeriousViolationsAsync(page, "the jump menu");
    }

    [BrowserFact]
    public async Task Sql_editor_passes_axe()
    {
        await using var browser = await fixture.NewPageAsync();
        var page = browser.Page;
        await browser.GotoAsync("/-/browser-test/sql.html");
        await Assertions.Expect(page.Locator(".cm-editor")).ToBeVisibleAsync();
        await Axe.AssertNoSeriousViolationsAsync(page, "the SQL editor");
    }
}
