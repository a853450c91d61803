using Datasette.Gen.BrowserTests.Infrastructure;
using Microsoft.Playwright;

namespace Datasette.Gen.BrowserTests;

/// <summary>The real table page (conformance fixtures) clicked through in chromium.</summary>
[Collection(BrowserCollection.Name)]
public sealed class TablePageTests(BrowserFixture fixture)
{
    private static ILocator ColumnMenuButton(IPage page, string column) =>
        page.GetByRole(AriaRole.Button, new() { Name = "Column actions for " + column, Exact = true });

    private static Task<string[]> HeaderColumnsAsync(IPage page) =>
        page.Locator("table.rows-and-columns th[data-column]").EvaluateAllAsync<string[]>("ths => ths.map(th => th.dataset.column)");

    [BrowserFact]
    public async Task Sorting_by_clicking_a_header_then_reversing_it()
    {
        await using var browser = await fixture.NewPageAsync();
        var page = browser.Page;
        await browser.GotoAsync("/fixtures/facetable");
        await page.Locator("th.col-state a").ClickAsync();
        await page.WaitForURLAsync(url => url.EndsWith("/fixtures/facetable?_sort=state", StringComparison.Ordinal));
        var states = await page.Locator("td.col-state").AllTextContentsAsync();
        Assert.Equal(states.OrderBy(s => s, StringComparer.Ordinal), states);
        Assert.Contains("▼", await page.Locator("th.col-state").TextContentAsync());
        await page.Locator("th.col-state a").ClickAsync();
        await page.WaitForURLAsync(url => url.EndsWith("?_sort_desc=state", StringComparison.Ordinal));
        browser.AssertNoErrors();
    }

    [BrowserFact]
    public async Task Facet_values_toggle_a_filter_on_and_off()
    {
        await using var browser = await fixture.NewPageAsync();
        var page = browser.Page;
        await browser.GotoAsync("/fixtures/facetable?_facet=state");
        var facet = page.Locator(".facet-info[data-column=state]");
        await facet.Locator("a[data-facet-value=CA]").ClickAsync();
        await page.WaitForURLAsync(url => url.Contains("state=CA", StringComparison.Ordinal));
        Assert.All(await page.Locator("td.col-state").AllTextContentsAsync(), s => Assert.Equal("CA", s));
        await facet.Locator("li.facet-selected a.cross").ClickAsync();
        await page.WaitForURLAsync(url => !url.Contains("state=CA", StringComparison.Ordinal));
        Assert.Contains("MI", await page.Locator("td.col-state").AllTextContentsAsync());
        browser.AssertNoErrors();
    }

    [BrowserFact]
    public async Task Filter_form_adds_a_filter_picks_operators_and_applies()
    {
        await using var browser = await fixture.NewPageAsync();
        var page = browser.Page;
        await browser.GotoAsync("/fixtures/facetable");
        var form = page.Locator("form.filters");
        await form.Locator("select[name=_filter_column]").SelectOptionAsync("state");
        await form.Locator("select[name=_filter_op]").SelectOptionAsync("not");
        await form.Locator("input[name=_filter_value]").FillAsync("CA");
        await form.GetByRole(AriaRole.Button, new() { Name = "Add a filter" }).ClickAsync();
        var added = form.Locator(".filter-row:not(.sort-row)").Last;
        await added.Locator("select.filter-column").SelectOptionAsync("_neighborhood");
        await added.Locator("select.filter-op").SelectOptionAsync("notblank__1");
        Assert.True(await added.Locator("input.filter-value").IsHiddenAsync());
        await form.GetByRole(AriaRole.Button, new() { Name = "Apply filters" }).ClickAsync();
        await page.WaitForURLAsync(url => url.Contains("state__not=CA", StringComparison.Ordinal) && url.Contains("_neighborhood__notblank=1", StringComparison.Ordinal));
        Assert.DoesNotContain("CA", await page.Locator("td.col-state").AllTextContentsAsync());
        // The applied filters come back as rows of the form.
        Assert.Equal("not", await form.Locator("select[name=_filter_op_1]").InputValueAsync());
        browser.AssertNoErrors();
    }

    [BrowserFact]
    public async Task Column_menu_sorts_facets_and_hides_columns()
    {
        await using var browser = await fixture.NewPageAsync();
        var page = browser.Page;
        await browser.GotoAsync("/fixtures/facetable");
        await ColumnMenuButton(page, "planet_int").ClickAsync();
        await page.GetByRole(AriaRole.Menuitem, new() { Name = "Sort descending" }).ClickAsync();
        await page.WaitForURLAsync(url => url.EndsWith("?_sort_desc=planet_int", StringComparison.Ordinal));

        await ColumnMenuButton(page, "on_earth").ClickAsync();
        await page.GetByRole(AriaRole.Menuitem, new() { Name = "Facet by this" }).ClickAsync();
        await page.WaitForURLAsync(url => url.Contains("_facet=on_earth", StringComparison.Ordinal));
        await Assertions.Expect(page.Locator(".facet-info[data-column=on_earth]")).ToBeVisibleAsync();
        // Already faceted: the menu no longer offers it.
        await ColumnMenuButton(page, "on_earth").ClickAsync();
        Assert.Equal(0, await page.GetByRole(AriaRole.Menuitem, new() { Name = "Facet by this" }).CountAsync());
        await page.Keyboard.PressAsync("Escape");

        await ColumnMenuButton(page, "tags").ClickAsync();
        await page.GetByRole(AriaRole.Menuitem, new() { Name = "Hide this column" }).ClickAsync();
        await page.WaitForURLAsync(url => url.Contains("_nocol=tags", StringComparison.Ordinal));
        Assert.DoesNotContain("tags", await HeaderColumnsAsync(page));
        Assert.Contains("state", await HeaderColumnsAsync(page));
        browser.AssertNoErrors();
    }

    [BrowserFact]
    public async Task Column_chooser_shows_only_the_chosen_columns()
    {
        await using var browser = await fixture.NewPageAsync();
        var page = browser.Page;
        await browser.GotoAsync("/fixtures/facetable");
        await page.GetByRole(AriaRole.Button, new() { Name = "Choose columns" }).ClickAsync();
        var dialog = page.GetByRole(AriaRole.Dialog, new() { Name = "Choose columns" });
        await dialog.GetByRole(AriaRole.Button, new() { Name = "Select none" }).ClickAsync();
        await dialog.GetByLabel("state", new() { Exact = true }).CheckAsync();
        await dialog.GetByLabel("created", new() { Exact = true }).CheckAsync();
        await dialog.GetByRole(AriaRole.Button, new() { Name = "Apply" }).ClickAsync();
        await page.WaitForURLAsync(url => url.EndsWith("?_col=created&_col=state", StringComparison.Ordinal));
        Assert.Equal(new[] { "pk", "created", "state" }, await HeaderColumnsAsync(page));
        browser.AssertNoErrors();
    }

    [BrowserFact]
    public async Task Next_page_continues_where_the_first_page_ended()
    {
        await using var browser = await fixture.NewPageAsync();
        var page = browser.Page;
        await browser.GotoAsync("/fixtures/facetable?_size=5");
        var first = await page.Locator("td.col-pk").AllTextContentsAsync();
        Assert.Equal(new[] { "1", "2", "3", "4", "5" }, first);
        await page.GetByRole(AriaRole.Link, new() { Name = "Next page" }).ClickAsync();
        await page.WaitForURLAsync(url => url.Contains("_next=5", StringComparison.Ordinal));
        Assert.Equal(new[] { "6", "7", "8", "9", "10" }, await page.Locator("td.col-pk").AllTextContentsAsync());
        browser.AssertNoErrors();
    }

    [BrowserTheory]
    [InlineData("/fixtures/facetable?_facet=state&_facet=_city_id")]
    [InlineData("/fixtures/compound_three_primary_keys")]
    [InlineData("/fixtures/simple_view")]
    public async Task Narrow_screen_never_scrolls_the_page_sideways(string path)
    {
        await using var browser = await fixture.NewPageAsync(width: 375, height: 812);
        var page = browser.Page;
        await browser.GotoAsync(path);
        var widths = await page.EvaluateAsync<int[]>("() => [document.scrollingElement.scrollWidth, window.innerWidth]");
        var (scrollWidth, innerWidth) = (widths[0], widths[1]);
        Assert.True(scrollWidth <= innerWidth, $"{path}: page is {scrollWidth}px wide in a {innerWidth}px window");
        browser.AssertNoErrors();
    }

    [BrowserFact]
    public async Task Dark_mode_follows_the_system_preference()
    {
        await using var light = await fixture.NewPageAsync();
        await light.GotoAsync("/fixtures/facetable");
        await using var dark = await fixture.NewPageAsync(colorScheme: ColorScheme.Dark);
        await dark.GotoAsync("/fixtures/facetable");
        const string luminance = @"() => {
            const rgb = getComputedStyle(document.body).backgroundColor.match(/\d+(\.\d+)?/g).map(Number);
            const c = getComputedStyle(document.body).color.match(/\d+(\.\d+)?/g).map(Number);
            const l = (v) => 0.2126 * v[0] + 0.7152 * v[1] + 0.0722 * v[2];
            return [l(rgb), l(c)];
        }";
        var lightValues = await light.Page.EvaluateAsync<double[]>(luminance);
        var darkValues = await dark.Page.EvaluateAsync<double[]>(luminance);
        var (lightBackground, lightText) = (lightValues[0], lightValues[1]);
        var (darkBackground, darkText) = (darkValues[0], darkValues[1]);
        Assert.True(lightBackground > lightText, "light: background lighter than text");
        Assert.True(darkBackground < darkText, $"dark: background ({darkBackground}) darker than text ({darkText})");
        Assert.True(darkBackground < 80, $"dark background luminance {darkBackground}");
        light.AssertNoErrors();
        dark.AssertNoErrors();
    }

    [BrowserTheory]
    [InlineData("/fixtures/facetable?_facet=state&_facet=_city_id", false)]
    [InlineData("/fixtures/facetable?_facet=state&_facet=_city_id", true)]
    [InlineData("/fixtures/compound_three_primary_keys", false)]
    [InlineData("/fixtures/simple_view", false)]
    public async Task Table_pages_have_no_serious_accessibility_violations(string path, bool dark)
    {
        await using var browser = await fixture.NewPageAsync(colorScheme: dark ? ColorScheme.Dark : ColorScheme.Light);
        await browser.GotoAsync(path);
        await Axe.AssertNoSeriousViolationsAsync(browser.Page, path + (dark ? " (dark)" : ""));
        await ColumnMenuButton(browser.Page, "state").Or(browser.Page.Locator(".column-actions-button").First).First.ClickAsync();
        await Axe.AssertNoSeriousViolationsAsync(browser.Page, path + " with a column menu open");
        browser.AssertNoErrors();
    }
}
