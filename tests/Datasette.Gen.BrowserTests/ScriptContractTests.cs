using Datasette.Gen.BrowserTests.Infrastructure;
using Microsoft.Playwright;

namespace Datasette.Gen.BrowserTests;

/// <summary>
/// datasette-gen.js against the static pages of Pages/, which follow docs/html.md's contract and
/// are served from the real server's origin (so the real /-/static/ script and /-/jump answer).
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class ScriptContractTests(BrowserFixture fixture)
{
    private static async Task<string[]> MenuLabelsAsync(IPage page) =>
        (await page.Locator(".column-actions-menu [role=menuitem]").AllTextContentsAsync()).ToArray();

    [BrowserFact]
    public async Task Plugin_manager_announces_itself_and_plugins_add_column_actions_and_panels()
    {
        await using var browser = await fixture.NewPageAsync();
        var page = browser.Page;
        await browser.GotoAsync("/-/browser-test/table.html");
        Assert.True(await page.EvaluateAsync<bool>("() => window.initDetail === true"));
        Assert.Equal("1.0a37", await page.EvaluateAsync<string>("() => window.__DATASETTE__.VERSION"));
        Assert.True(await page.EvaluateAsync<bool>("() => window.__DATASETTE__.plugins.has('column-plugin')"));
        // Datasette's globals for plugins, from #datasette-page-data.
        Assert.Equal("/fixtures/facetable", await page.EvaluateAsync<string>("() => window._datasetteTableData.tableUrl"));
        Assert.Equal(new[] { "pk" }, await page.EvaluateAsync<string[]>("() => window._columnChooserData.primaryKeys"));
        Assert.True(await page.EvaluateAsync<bool>("() => window.DATASETTE_ALLOW_FACET"));
        Assert.Equal("rendered by a plugin", await page.Locator(".above-table-panel #plugin-panel div").TextContentAsync());
        Assert.True(await page.Locator(".above-table-panel").IsVisibleAsync());

        await page.GetByRole(AriaRole.Button, new() { Name = "Column actions for state" }).ClickAsync();
        Assert.Contains("Plugin: state (text)", await MenuLabelsAsync(page));
        browser.AssertNoErrors();
    }

    [BrowserFact]
    public async Task A_throwing_plugin_is_logged_and_the_menu_still_opens()
    {
        await using var browser = await fixture.NewPageAsync();
        var page = browser.Page;
        await browser.GotoAsync("/-/browser-test/table.html");
        await page.EvaluateAsync("() => window.__DATASETTE__.registerPlugin('broken', { makeColumnActions: () => { throw new Error('boom'); } })");
        await page.GetByRole(AriaRole.Button, new() { Name = "Column actions for state" }).ClickAsync();
        Assert.Contains("Sort ascending", await MenuLabelsAsync(page));
        Assert.Contains(browser.Errors, e => e.Contains("broken: makeColumnActions failed", StringComparison.Ordinal));
    }

    [BrowserFact]
    public async Task Column_menu_links_follow_the_current_url()
    {
        await using var browser = await fixture.NewPageAsync();
        var page = browser.Page;
        await browser.GotoAsync("/-/browser-test/table.html?_sort=state&_next=5&state__exact=CA");
        await page.GetByRole(AriaRole.Button, new() { Name = "Column actions for state" }).ClickAsync();
        var menu = page.Locator(".column-actions-menu");
        // Already sorted ascending by state: no "Sort ascending"; state is faceted already.
        Assert.Equal(new[] { "Sort descending", "Choose columns", "Hide this column", "Plugin: state (text)" }, await MenuLabelsAsync(page));
        Assert.Equal("/-/browser-test/table.html?state__exact=CA&_sort_desc=state", await menu.GetByText("Sort descending").GetAttributeAsync("href"));
        Assert.Equal("/-/browser-test/table.html?_sort=state&state__exact=CA&_nocol=state", await menu.GetByText("Hide this column").GetAttributeAsync("href"));
        Assert.Equal("Type: TEXT", await menu.Locator(".dropdown-column-type").TextContentAsync());

        await page.Keyboard.PressAsync("Escape");
        Assert.True(await menu.IsHiddenAsync());
        Assert.Equal("Column actions for state", await page.EvaluateAsync<string>("() => document.activeElement.getAttribute('aria-label')"));

        await page.GetByRole(AriaRole.Button, new() { Name = "Column actions for _neighborhood" }).ClickAsync();
        var labels = await MenuLabelsAsync(page);
        Assert.Contains("Facet by this", labels);
        Assert.Contains("Show not-blank rows", labels);   // row 2 has a blank _neighborhood
        Assert.Equal("/-/browser-test/table.html?_sort=state&state__exact=CA&_facet=_neighborhood", await menu.GetByText("Facet by this").GetAttributeAsync("href"));
        Assert.Equal("/-/browser-test/table.html?_sort=state&state__exact=CA&_neighborhood__notblank=1", await menu.GetByText("Show not-blank rows").GetAttributeAsync("href"));

        await page.GetByRole(AriaRole.Button, new() { Name = "Column actions for pk" }).ClickAsync();
        labels = await MenuLabelsAsync(page);
        Assert.DoesNotContain("Hide this column", labels);  // never the primary key
        Assert.DoesNotContain("Facet by this", labels);     // nor facet by a single primary key
        Assert.Equal("Which planet", await page.EvaluateAsync<string>("() => document.querySelector('th.col-planet_int').dataset.columnDescription"));
        browser.AssertNoErrors();
    }

    [BrowserFact]
    public async Task Hiding_a_column_of_an_explicit_column_list_drops_it_from_the_list()
    {
        await using var browser = await fixture.NewPageAsync();
        var page = browser.Page;
        await browser.GotoAsync("/-/browser-test/table.html?_col=state&_col=planet_int");
        await page.GetByRole(AriaRole.Button, new() { Name = "Column actions for state" }).ClickAsync();
        var menu = page.Locator(".column-actions-menu");
        Assert.Equal("/-/browser-test/table.html?_col=planet_int", await menu.GetByText("Hide this column").GetAttributeAsync("href"));
        Assert.Equal("/-/browser-test/table.html", await menu.GetByText("Show all columns").GetAttributeAsync("href"));
    }

    [BrowserFact]
    public async Task Column_menu_is_a_keyboard_menu()
    {
        await using var browser = await fixture.NewPageAsync();
        var page = browser.Page;
        await browser.GotoAsync("/-/browser-test/table.html");
        var button = page.GetByRole(AriaRole.Button, new() { Name = "Column actions for planet_int" });
        await button.FocusAsync();
        await page.Keyboard.PressAsync("Enter");
        Assert.Equal("true", await button.GetAttributeAsync("aria-expanded"));
        Assert.Equal("Sort ascending", await page.EvaluateAsync<string>("() => document.activeElement.textContent"));
        await page.Keyboard.PressAsync("ArrowDown");
        Assert.Equal("Sort descending", await page.EvaluateAsync<string>("() => document.activeElement.textContent"));
        await page.Keyboard.PressAsync("ArrowUp");
        await page.Keyboard.PressAsync("ArrowUp");
        Assert.StartsWith("Plugin:", await page.EvaluateAsync<string>("() => document.activeElement.textContent"));
        await page.Locator("h1").ClickAsync();
        Assert.True(await page.Locator(".column-actions-menu").IsHiddenAsync());
        Assert.Equal("false", await button.GetAttributeAsync("aria-expanded"));
    }

    [BrowserFact]
    public async Task Details_menus_get_roles_close_on_escape_and_outside_click_and_move_with_arrows()
    {
        await using var browser = await fixture.NewPageAsync();
        var page = browser.Page;
        await browser.GotoAsync("/-/browser-test/table.html");
        var actions = page.Locator("details.actions-menu");
        Assert.Equal("menu", await actions.Locator("ul").GetAttributeAsync("role"));
        Assert.Equal(3, await actions.GetByRole(AriaRole.Menuitem, new() { IncludeHidden = true }).CountAsync());

        await actions.Locator("summary").FocusAsync();
        await page.Keyboard.PressAsync("ArrowDown");
        Assert.True(await actions.EvaluateAsync<bool>("d => d.open"));
        Assert.Equal("First action", await page.EvaluateAsync<string>("() => document.activeElement.textContent"));
        await page.Keyboard.PressAsync("End");
        Assert.Equal("Third action", await page.EvaluateAsync<string>("() => document.activeElement.textContent"));
        await page.Keyboard.PressAsync("ArrowDown");
        Assert.Equal("First action", await page.EvaluateAsync<string>("() => document.activeElement.textContent"));
        await page.Keyboard.PressAsync("Escape");
        Assert.False(await actions.EvaluateAsync<bool>("d => d.open"));
        Assert.Equal("Table actions", await page.EvaluateAsync<string>("() => document.activeElement.textContent"));
        Assert.Equal("false", await actions.Locator("summary").GetAttributeAsync("aria-expanded"));

        await actions.Locator("summary").ClickAsync();
        Assert.True(await actions.EvaluateAsync<bool>("d => d.open"));
        // Opening another menu closes this one; a click outside closes that.
        await page.Locator("details.nav-menu summary").ClickAsync();
        Assert.False(await actions.EvaluateAsync<bool>("d => d.open"));
        await page.Locator("h1").ClickAsync();
        Assert.False(await page.Locator("details.nav-menu").EvaluateAsync<bool>("d => d.open"));
        browser.AssertNoErrors();
    }

    [BrowserFact]
    public async Task Column_chooser_navigates_to_the_chosen_columns()
    {
        await using var browser = await fixture.NewPageAsync();
        var page = browser.Page;
        await browser.GotoAsync("/-/browser-test/table.html?_next=3&_nocol=state");
        await page.GetByRole(AriaRole.Button, new() { Name = "Choose columns" }).ClickAsync();
        var dialog = page.GetByRole(AriaRole.Dialog, new() { Name = "Choose columns" });
        Assert.Equal(3, await dialog.GetByRole(AriaRole.Checkbox).CountAsync());   // not the primary key
        await dialog.GetByLabel("planet_int").UncheckAsync();
        await dialog.GetByRole(AriaRole.Button, new() { Name = "Apply" }).ClickAsync();
        await page.WaitForURLAsync(url => url.EndsWith("/table.html?_col=state&_col=_neighborhood", StringComparison.Ordinal));

        await page.GetByRole(AriaRole.Button, new() { Name = "Column actions for state" }).ClickAsync();
        await page.Locator(".column-actions-menu").GetByText("Choose columns").ClickAsync();
        await dialog.GetByRole(AriaRole.Button, new() { Name = "Select none" }).ClickAsync();
        Assert.True(await dialog.GetByRole(AriaRole.Button, new() { Name = "Apply" }).IsDisabledAsync());
        await dialog.GetByRole(AriaRole.Button, new() { Name = "Select all" }).ClickAsync();
        await dialog.GetByRole(AriaRole.Button, new() { Name = "Apply" }).ClickAsync();
        // Every column chosen: the default column set, no _col at all.
        await page.WaitForURLAsync(url => url.EndsWith("/table.html", StringComparison.Ordinal));
        browser.AssertNoErrors();
    }

    [BrowserFact]
    public async Task Filter_rows_are_added_and_removed_and_no_value_operators_hide_the_value_box()
    {
        await using var browser = await fixture.NewPageAsync();
        var page = browser.Page;
        await browser.GotoAsync("/-/browser-test/table.html");
        var form = page.Locator("form.filters");
        await form.GetByRole(AriaRole.Button, new() { Name = "Add a filter" }).ClickAsync();
        // The sort row shares the class but is not a filter row: never cloned, stays last.
        Assert.Equal(3, await form.Locator(".filter-row").CountAsync());
        Assert.Equal(1, await form.Locator(".sort-row").CountAsync());
        Assert.Equal(1, await form.GetByRole(AriaRole.Button, new() { Name = "Apply filters" }).CountAsync());
        var added = form.Locator(".filter-row").Nth(1);
        Assert.Equal("_filter_column_1", await added.Locator("select").First.GetAttributeAsync("name"));
        Assert.Equal("_filter_value_1", await added.Locator("input").GetAttributeAsync("name"));

        await added.Locator("select[name=_filter_op_1]").SelectOptionAsync("isnull__1");
        Assert.True(await added.Locator("input").IsHiddenAsync());
        await added.Locator("select[name=_filter_op_1]").SelectOptionAsync("in");
        Assert.Equal("a, b, c or a JSON array", await added.Locator("input").GetAttributeAsync("placeholder"));

        // Values shown in a facet box are offered as suggestions for that column.
        await added.Locator("select[name=_filter_column_1]").SelectOptionAsync("state");
        var list = await added.Locator("input").GetAttributeAsync("list");
        Assert.Equal(new[] { "CA", "MI" }, await page.Locator($"datalist#{list} option").EvaluateAllAsync<string[]>("os => os.map(o => o.value)"));

        await added.GetByRole(AriaRole.Button, new() { Name = "Remove this filter" }).ClickAsync();
        Assert.Equal(2, await form.Locator(".filter-row").CountAsync());
        Assert.Equal(0, await form.Locator(".sort-row .filter-remove").CountAsync());
        browser.AssertNoErrors();
    }

    [BrowserFact]
    public async Task Jump_menu_opens_with_slash_queries_the_server_and_enter_navigates()
    {
        await using var browser = await fixture.NewPageAsync();
        var page = browser.Page;
        await browser.GotoAsync("/-/browser-test/table.html");
        await page.Keyboard.PressAsync("/");
        var dialog = page.GetByRole(AriaRole.Dialog, new() { Name = "Jump to" });
        Assert.True(await dialog.IsVisibleAsync());
        var input = dialog.GetByRole(AriaRole.Combobox);
        // Opening lists everything; wait until the list is the answer for "facet".
        await Assertions.Expect(dialog.GetByRole(AriaRole.Option, new() { Name = "fixtures: simple_primary_key" })).ToBeVisibleAsync();
        await input.FillAsync("facet");
        await Assertions.Expect(dialog.GetByRole(AriaRole.Option, new() { Name = "fixtures: simple_primary_key" })).ToHaveCountAsync(0);
        await Assertions.Expect(dialog.GetByRole(AriaRole.Option, new() { Name = "fixtures: facet_cities" })).ToBeVisibleAsync();
        // Grouped by type: the table group lists facetable.
        await Assertions.Expect(dialog.GetByRole(AriaRole.Group, new() { Name = "Tables" }).GetByRole(AriaRole.Option, new() { Name = "fixtures: facetable", Exact = true })).ToBeVisibleAsync();
        var names = await dialog.GetByRole(AriaRole.Option).AllTextContentsAsync();
        var target = names.ToList().IndexOf("fixtures: facetable");
        for (var i = 0; i < target; i++)
        {
            await input.PressAsync("ArrowDown");
        }
        Assert.Equal("true", await dialog.GetByRole(AriaRole.Option, new() { Name = "fixtures: facetable", Exact = true }).GetAttributeAsync("aria-selected"));
        await input.PressAsync("Enter");
        await page.WaitForURLAsync("**/fixtures/facetable");
        browser.AssertNoErrors();
    }

    [BrowserFact]
    public async Task Jump_menu_opens_from_the_nav_menu_button()
    {
        await using var browser = await fixture.NewPageAsync();
        var page = browser.Page;
        await browser.GotoAsync("/-/browser-test/table.html");
        await page.Locator("details.nav-menu summary").ClickAsync();
        await page.GetByRole(AriaRole.Menuitem, new() { Name = "Jump to…" }).ClickAsync();
        var dialog = page.GetByRole(AriaRole.Dialog, new() { Name = "Jump to" });
        Assert.True(await dialog.IsVisibleAsync());
        Assert.False(await page.Locator("details.nav-menu").EvaluateAsync<bool>("d => d.open"));
        // With no query it lists everything, databases first.
        await Assertions.Expect(dialog.GetByRole(AriaRole.Group).First).ToHaveAccessibleNameAsync("Databases");
        browser.AssertNoErrors();
    }

    [BrowserFact]
    public async Task Sql_editor_completes_table_names_and_shift_enter_runs_the_query()
    {
        await using var browser = await fixture.NewPageAsync();
        var page = browser.Page;
        await browser.GotoAsync("/-/browser-test/sql.html");
        var editor = page.Locator(".cm-editor .cm-content");
        await Assertions.Expect(editor).ToBeVisibleAsync();
        Assert.True(await page.Locator("#sql-editor").IsHiddenAsync());
        // SQL highlighting: the keyword is its own token.
        Assert.True(await page.Locator(".cm-content span", new() { HasTextString = "select" }).CountAsync() > 0);

        await editor.ClickAsync();
        await page.Keyboard.PressAsync("Control+a");
        await page.Keyboard.TypeAsync("select name from facet_c");
        var completion = page.Locator(".cm-tooltip-autocomplete");
        await Assertions.Expect(completion.GetByText("facet_cities")).ToBeVisibleAsync();
        // CodeMirror ignores Enter for a moment after the list appears (no accidental picks).
        await page.WaitForTimeoutAsync(150);
        await page.Keyboard.PressAsync("Enter");
        await page.Keyboard.TypeAsync(" where name = :city");
        Assert.Equal("select name from facet_cities where name = :city", await page.Locator("#sql-editor").InputValueAsync());
        // The parameter box follows the SQL (asked of /fixtures/-/query/parameters).
        await Assertions.Expect(page.GetByLabel("city")).ToBeVisibleAsync();
        await page.GetByLabel("city").FillAsync("Detroit");

        await editor.ClickAsync();
        await page.Keyboard.PressAsync("Shift+Enter");
        await page.WaitForURLAsync(url => url.Contains("/fixtures/-/query?sql=", StringComparison.Ordinal));
        var url = new Uri(page.Url);
        Assert.Equal("?sql=select+name+from+facet_cities+where+name+%3D+%3Acity&city=Detroit", url.Query);
    }

    [BrowserFact]
    public async Task Sql_editor_is_loaded_only_on_pages_with_an_editor()
    {
        await using var browser = await fixture.NewPageAsync();
        var page = browser.Page;
        var requested = new List<string>();
        page.Request += (_, request) => requested.Add(request.Url);
        await browser.GotoAsync("/-/browser-test/table.html");
        await page.WaitForFunctionAsync("() => window.__DATASETTE__");
        Assert.DoesNotContain(requested, u => u.Contains("datasette-gen-sql.js", StringComparison.Ordinal));
        await browser.GotoAsync("/-/browser-test/sql.html");
        await Assertions.Expect(page.Locator(".cm-editor")).ToBeVisibleAsync();
        Assert.Contains(requested, u => u.Contains("datasette-gen-sql.js", StringComparison.Ordinal));
    }

    [BrowserFact]
    public async Task A_copy_button_copies_its_field_and_announces_it()
    {
        await using var browser = await fixture.NewPageAsync();
        await browser.Page.Context.GrantPermissionsAsync(["clipboard-read", "clipboard-write"]);
        var page = browser.Page;
        await browser.GotoAsync("/-/browser-test/copy.html");
        var status = page.GetByRole(AriaRole.Status);
        await Assertions.Expect(status).ToHaveTextAsync("");

        await page.GetByRole(AriaRole.Button, new() { Name = "Copy to clipboard" }).ClickAsync();

        await Assertions.Expect(status).ToHaveTextAsync("Copied");
        Assert.Equal("dstok_abc+123", await page.EvaluateAsync<string>("() => navigator.clipboard.readText()"));
        browser.AssertNoErrors();
    }
}
