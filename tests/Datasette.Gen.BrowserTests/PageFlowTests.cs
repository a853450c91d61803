using Datasette.Gen.BrowserTests.Infrastructure;
using Microsoft.Playwright;

namespace Datasette.Gen.BrowserTests;

/// <summary>The index, database, row and query pages clicked through in chromium, and axe-core on each.</summary>
[Collection(BrowserCollection.Name)]
public sealed class PageFlowTests(BrowserFixture fixture)
{
    [BrowserFact]
    public async Task Index_to_database_to_table()
    {
        await using var browser = await fixture.NewPageAsync();
        var page = browser.Page;
        await browser.GotoAsync("/");
        await page.Locator("main").GetByRole(AriaRole.Link, new() { Name = "fixtures", Exact = true }).First.ClickAsync();
        await page.WaitForURLAsync(url => url.EndsWith("/fixtures", StringComparison.Ordinal));
        await page.Locator("main").GetByRole(AriaRole.Link, new() { Name = "facetable", Exact = true }).First.ClickAsync();
        await page.WaitForURLAsync(url => url.EndsWith("/fixtures/facetable", StringComparison.Ordinal));
        await Assertions.Expect(page.Locator("table.rows-and-columns")).ToBeVisibleAsync();
        browser.AssertNoErrors();
    }

    [BrowserFact]
    public async Task Row_page_links_to_the_rows_of_other_tables_that_point_at_it()
    {
        await using var browser = await fixture.NewPageAsync();
        var page = browser.Page;
        await browser.GotoAsync("/fixtures/simple_primary_key/1");
        var links = page.Locator("section.foreign-key-tables a");
        Assert.True(await links.CountAsync() > 0);
        var href = await links.First.GetAttributeAsync("href");
        await links.First.ClickAsync();
        await page.WaitForURLAsync(url => url.EndsWith(href!, StringComparison.Ordinal));
        Assert.True(await page.Locator("table.rows-and-columns tbody tr").CountAsync() > 0);
        browser.AssertNoErrors();
    }

    [BrowserFact]
    public async Task Sql_editor_on_the_database_page_runs_with_shift_enter()
    {
        await using var browser = await fixture.NewPageAsync();
        var page = browser.Page;
        await browser.GotoAsync("/fixtures");
        var editor = page.Locator(".cm-editor .cm-content");
        await Assertions.Expect(editor).ToBeVisibleAsync();
        await editor.ClickAsync();
        await page.Keyboard.PressAsync("Control+a");
        await page.Keyboard.TypeAsync("select pk, state from facetable where state = 'MI' order by pk");
        await page.Keyboard.PressAsync("Shift+Enter");
        await page.WaitForURLAsync(url => url.Contains("/fixtures/-/query?sql=", StringComparison.Ordinal));
        Assert.Equal(new[] { "MI", "MI", "MI", "MI" }, await page.Locator("table.rows-and-columns td.col-state").AllTextContentsAsync());
        // The query page's own editor holds the SQL that ran.
        await Assertions.Expect(page.Locator(".cm-editor .cm-content")).ToContainTextAsync("where state = 'MI'");
        browser.AssertNoErrors();
    }

    [BrowserFact]
    public async Task Stored_query_with_a_parameter()
    {
        await using var browser = await fixture.NewPageAsync();
        var page = browser.Page;
        await browser.GotoAsync("/fixtures/neighborhood_search");
        await page.Locator("input#qp-text").FillAsync("ern");
        await page.GetByRole(AriaRole.Button, new() { Name = "Run SQL" }).ClickAsync();
        await page.WaitForURLAsync(url => url.Contains("text=ern", StringComparison.Ordinal));
        var neighborhoods = await page.Locator("table.rows-and-columns td[data-column=_neighborhood]").AllTextContentsAsync();
        Assert.True(neighborhoods.Count > 0, page.Url + "\n" + await page.Locator("main").InnerTextAsync());
        Assert.All(neighborhoods, n => Assert.Contains("ern", n, StringComparison.OrdinalIgnoreCase));
        browser.AssertNoErrors();
    }

    [BrowserFact]
    public async Task Jump_menu_from_the_nav_menu_and_the_slash_key()
    {
        await using var browser = await fixture.NewPageAsync();
        var page = browser.Page;
        await browser.GotoAsync("/fixtures");
        await page.Locator("details.nav-menu summary").ClickAsync();
        await page.GetByRole(AriaRole.Menuitem, new() { Name = "Jump to…" }).ClickAsync();
        var dialog = page.GetByRole(AriaRole.Dialog, new() { Name = "Jump to" });
        await Assertions.Expect(dialog.GetByRole(AriaRole.Option).First).ToBeVisibleAsync();
        await page.Keyboard.PressAsync("Escape");
        await Assertions.Expect(dialog).ToBeHiddenAsync();

        await page.Locator("h1").ClickAsync();
        await page.Keyboard.PressAsync("/");
        await dialog.GetByRole(AriaRole.Combobox).FillAsync("neighborhood_search");
        await Assertions.Expect(dialog.GetByRole(AriaRole.Group, new() { Name = "Queries" }).GetByRole(AriaRole.Option)).ToHaveCountAsync(1);
        await dialog.GetByRole(AriaRole.Combobox).PressAsync("Enter");
        await page.WaitForURLAsync(url => url.EndsWith("/fixtures/neighborhood_search", StringComparison.Ordinal));
        browser.AssertNoErrors();
    }

    [BrowserTheory]
    [InlineData("/")]
    [InlineData("/fixtures")]
    [InlineData("/fixtures/simple_primary_key/1")]
    [InlineData("/fixtures/compound_three_primary_keys/a,a,a")]
    [InlineData("/fixtures/-/query?sql=select+*+from+facetable+limit+3")]
    [InlineData("/fixtures/neighborhood_search?text=ern")]
    [InlineData("/fixtures/no_such_table")]
    [InlineData("/-/queries")]
    [InlineData("/fixtures/-/queries")]
    [InlineData("/-/schema")]
    [InlineData("/fixtures/facetable/-/schema")]
    public async Task Pages_have_no_serious_accessibility_violations_light_or_dark(string path)
    {
        foreach (var scheme in new[] { ColorScheme.Light, ColorScheme.Dark })
        {
            await using var browser = await fixture.NewPageAsync(colorScheme: scheme);
            await browser.Page.GotoAsync(path);
            await browser.Page.WaitForLoadStateAsync(LoadState.NetworkIdle);
            await Axe.AssertNoSeriousViolationsAsync(browser.Page, $"{path} ({scheme})");
        }
    }

    [BrowserTheory]
    [InlineData("/")]
    [InlineData("/fixtures")]
    [InlineData("/fixtures/simple_primary_key/1")]
    [InlineData("/fixtures/-/query?sql=select+*+from+facetable")]
    [InlineData("/fixtures/-/schema")]
    public async Task Narrow_screen_never_scrolls_the_page_sideways(string path)
    {
        await using var browser = await fixture.NewPageAsync(width: 375, height: 812);
        await browser.GotoAsync(path);
        var widths = await browser.Page.EvaluateAsync<int[]>("() => [document.scrollingElement.scrollWidth, window.innerWidth]");
        Assert.True(widths[0] <= widths[1], $"{path}: page is {widths[0]}px wide in a {widths[1]}px window");
        browser.AssertNoErrors();
    }
}
