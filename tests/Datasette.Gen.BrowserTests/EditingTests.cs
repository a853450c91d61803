using Datasette.Gen.BrowserTests.Infrastructure;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Datasette.Gen.BrowserTests;

/// <summary>
/// The editing interface (html-ui.md §4) in chromium, signed in as root on a database of its own:
/// every dialog posts to the JSON write API and the table changes in place, without a reload.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class EditingTests(BrowserFixture browsers, EditingServerFixture server) : IClassFixture<EditingServerFixture>
{
    private static ILocator Dialog(IPage page) => page.Locator("dialog[open]");

    /// <summary>Marks the window: a full reload would lose the mark.</summary>
    /// <summary>A page signed in as root, at <paramref name="path"/>.</summary>
    private async Task<BrowserPage> RootPageAtAsync(string path)
    {
        var browser = await server.NewRootPageAsync(browsers.Browser);
        try
        {
            await browser.GotoAsync(path);
            return browser;
        }
        catch
        {
            await browser.DisposeAsync();
            throw;
        }
    }

    private static Task MarkAsync(IPage page) => page.EvaluateAsync("() => { window.__notReloaded = true; }");

    private static async Task AssertNotReloadedAsync(IPage page) =>
        Assert.True(await page.EvaluateAsync<bool>("() => window.__notReloaded === true"), "the page reloaded");

    /// <summary>Clicks the page's editing button and returns the dialog it opened, its heading shown.</summary>
    private static async Task<ILocator> OpenDialogAsync(IPage page, string button, string heading)
    {
        await page.GetByRole(AriaRole.Button, new() { Name = button, Exact = true }).ClickAsync();
        var dialog = Dialog(page);
        await Expect(dialog.GetByRole(AriaRole.Heading, new() { Name = heading })).ToBeVisibleAsync();
        return dialog;
    }

    /// <summary>Fills the dialog's fields by their exact labels.</summary>
    private static async Task FillAsync(ILocator dialog, params (string Label, string Value)[] fields)
    {
        foreach (var (label, value) in fields)
        {
            await dialog.GetByLabel(label, new() { Exact = true }).FillAsync(value);
        }
    }

    /// <summary>Presses the dialog's submit button and waits for it to close.</summary>
    private static async Task SubmitAsync(ILocator dialog, string button)
    {
        await dialog.GetByRole(AriaRole.Button, new() { Name = button, Exact = true }).ClickAsync();
        await Expect(dialog).ToHaveCountAsync(0);
    }

    [BrowserFact]
    public async Task A_row_is_inserted_edited_and_deleted_through_the_dialogs_in_place()
    {
        await using var browser = await RootPageAtAsync("/editing/docs");
        var page = browser.Page;
        await MarkAsync(page);

        var insert = page.GetByRole(AriaRole.Button, new() { Name = "Insert row", Exact = true });
        var dialog = await OpenDialogAsync(page, "Insert row", "Insert row into docs");
        await Axe.AssertNoSeriousViolationsAsync(page, "the insert-row dialog");
        await FillAsync(dialog, ("title", "Written in the browser"), ("score", "2.5"));
        // The foreign key is picked by its label through /owners/-/autocomplete, keyboard only.
        var owner = dialog.GetByRole(AriaRole.Combobox, new() { Name = "owner_id" });
        await owner.PressSequentiallyAsync("Grace");
        await Expect(page.GetByRole(AriaRole.Option, new() { Name = "Grace Hopper 2" })).ToBeVisibleAsync();
        await owner.PressAsync("ArrowDown");
        await owner.PressAsync("Enter");
        await Expect(owner).ToHaveValueAsync("2");
        await SubmitAsync(dialog, "Insert row");
        var added = page.Locator("tr[data-row='2']");
        await Expect(added.Locator("td.col-title")).ToHaveTextAsync("Written in the browser");
        // Rendered by the server like every other row: the key's label expanded.
        await Expect(added.Locator("td.col-owner_id")).ToContainTextAsync("Grace Hopper");
        await Expect(insert).ToBeFocusedAsync();

        await added.GetByRole(AriaRole.Button, new() { Name = "Edit row 2" }).ClickAsync();
        await Expect(dialog.GetByLabel("title", new() { Exact = true })).ToHaveValueAsync("Written in the browser");
        await Axe.AssertNoSeriousViolationsAsync(page, "the edit-row dialog");
        await FillAsync(dialog, ("title", "Edited in the browser"));
        await SubmitAsync(dialog, "Save changes");
        await Expect(page.Locator("tr[data-row='2'] td.col-title")).ToHaveTextAsync("Edited in the browser");
        await Expect(page.GetByRole(AriaRole.Button, new() { Name = "Edit row 2" })).ToBeFocusedAsync();
        Assert.Equal("Edited in the browser", (string?)(await server.JsonAsync("/editing/docs/2.json"))["rows"]![0]!["title"]);

        await page.GetByRole(AriaRole.Button, new() { Name = "Delete row 2" }).ClickAsync();
        await Expect(dialog.GetByRole(AriaRole.Heading, new() { Name = "Delete row 2?" })).ToBeVisibleAsync();
        await dialog.GetByRole(AriaRole.Button, new() { Name = "Delete row" }).ClickAsync();
        await Expect(page.Locator("tr[data-row='2']")).ToHaveCountAsync(0);
        await Expect(page.Locator("tr[data-row='1']")).ToHaveCountAsync(1);
        Assert.Single((await server.JsonAsync("/editing/docs.json"))["rows"]!.AsArray());
        await AssertNotReloadedAsync(page);
        browser.AssertNoErrors();
    }

    [BrowserFact]
    public async Task Escape_closes_a_dialog_and_focus_returns_to_the_button_that_opened_it()
    {
        await using var browser = await RootPageAtAsync("/editing/docs");
        var page = browser.Page;
        var insert = page.GetByRole(AriaRole.Button, new() { Name = "Insert row", Exact = true });
        await insert.FocusAsync();
        await page.Keyboard.PressAsync("Enter");
        await Expect(Dialog(page)).ToBeVisibleAsync();
        await Expect(Dialog(page).GetByLabel("title", new() { Exact = true })).ToBeFocusedAsync();
        await page.Keyboard.PressAsync("Escape");
        await Expect(Dialog(page)).ToHaveCountAsync(0);
        await Expect(insert).ToBeFocusedAsync();
        browser.AssertNoErrors();
    }

    [BrowserFact]
    public async Task A_refused_insert_shows_the_apis_error_in_the_dialog()
    {
        await using var browser = await RootPageAtAsync("/editing/codes");
        var page = browser.Page;
        var dialog = await OpenDialogAsync(page, "Insert row", "Insert row into codes");
        await FillAsync(dialog, ("code", "taken"));
        await dialog.GetByRole(AriaRole.Button, new() { Name = "Insert row", Exact = true }).ClickAsync();
        var alert = dialog.GetByRole(AriaRole.Alert);
        await Expect(alert).ToContainTextAsync("UNIQUE constraint failed: codes.code");
        await Expect(dialog).ToBeVisibleAsync();
        await Axe.AssertNoSeriousViolationsAsync(page, "the insert dialog showing an error");
        Assert.Single((await server.JsonAsync("/editing/codes.json"))["rows"]!.AsArray());
    }

    [BrowserFact]
    public async Task Two_pasted_rows_are_previewed_then_inserted()
    {
        await using var browser = await RootPageAtAsync("/editing/bulk");
        var page = browser.Page;
        await MarkAsync(page);
        var dialog = await OpenDialogAsync(page, "Insert row", "Insert row into bulk");
        await dialog.GetByLabel("rows pasted as CSV or TSV").CheckAsync();
        await dialog.GetByLabel("Rows as CSV or TSV").FillAsync("name\tn\nalpha\t1\n\"beta, quoted\"\t2\n");
        await dialog.GetByRole(AriaRole.Button, new() { Name = "Preview" }).ClickAsync();
        await Expect(dialog.Locator("caption")).ToHaveTextAsync("2 rows to insert");
        await Expect(dialog.Locator(".bulk-preview td")).ToHaveTextAsync(["alpha", "1", "beta, quoted", "2"]);
        await Axe.AssertNoSeriousViolationsAsync(page, "the bulk paste preview");
        await SubmitAsync(dialog, "Insert 2 rows");
        await Expect(page.Locator("td.col-name")).ToHaveTextAsync(["alpha", "beta, quoted"]);
        var rows = (await server.JsonAsync("/editing/bulk.json"))["rows"]!.AsArray();
        Assert.Equal(new long[] { 1, 2 }, rows.Select(r => (long)r!["n"]!));
        await AssertNotReloadedAsync(page);
        browser.AssertNoErrors();
    }

    [BrowserFact]
    public async Task A_column_is_added_through_the_alter_table_dialog()
    {
        await using var browser = await RootPageAtAsync("/editing/alterme");
        var page = browser.Page;
        var dialog = await OpenDialogAsync(page, "Alter table", "Alter table alterme");
        await dialog.GetByRole(AriaRole.Button, new() { Name = "Add a column" }).ClickAsync();
        await dialog.GetByLabel("New column 1 name").FillAsync("rating");
        await dialog.GetByLabel("Type of new column 1").SelectOptionAsync("integer");
        await Axe.AssertNoSeriousViolationsAsync(page, "the alter-table dialog");
        await dialog.GetByRole(AriaRole.Button, new() { Name = "Apply changes" }).ClickAsync();
        await Expect(page.Locator("th[data-column=rating]")).ToHaveCountAsync(1);
        Assert.Equal(new[] { "id", "title", "rating" }, (await server.JsonAsync("/editing/alterme.json"))["rows"]![0]!.AsObject().Select(p => p.Key));
        await Expect(page.Locator("td.col-title")).ToHaveTextAsync("keep me");
        browser.AssertNoErrors();
    }

    [BrowserFact]
    public async Task The_alter_dialog_sets_a_default_and_not_null_then_an_insert_gets_the_default()
    {
        await using var browser = await RootPageAtAsync("/editing/tasks");
        var page = browser.Page;
        var dialog = await OpenDialogAsync(page, "Alter table", "Alter table tasks");
        await FillAsync(dialog, ("default of status", "todo"));
        await dialog.GetByLabel("not null status", new() { Exact = true }).CheckAsync();
        await dialog.GetByLabel("Foreign key of owner_id").SelectOptionAsync("owners.id");
        await Axe.AssertNoSeriousViolationsAsync(page, "the alter-table dialog with its column settings");
        // The schema changed: the page reloads once the server agrees.
        await MarkAsync(page);
        await dialog.GetByRole(AriaRole.Button, new() { Name = "Apply changes" }).ClickAsync();
        await page.WaitForFunctionAsync("() => window.__notReloaded !== true");
        await page.WaitForLoadStateAsync(LoadState.Load);
        var schema = (string)(await server.JsonAsync("/editing/-/query.json?_shape=array&sql=select+sql+from+sqlite_master+where+name%3D%27tasks%27"))[0]!["sql"]!;
        Assert.Matches("status\\W* TEXT NOT NULL DEFAULT 'todo'", schema);
        Assert.Matches("owner_id\\W* INTEGER REFERENCES \\W*owners\\W*\\(\\W*id", schema);

        // The reloaded page's dialog shows the settings, and an insert leaving status empty gets the default.
        dialog = await OpenDialogAsync(page, "Alter table", "Alter table tasks");
        await Expect(dialog.GetByLabel("default of status", new() { Exact = true })).ToHaveValueAsync("todo");
        await Expect(dialog.GetByLabel("not null status", new() { Exact = true })).ToBeCheckedAsync();
        await dialog.GetByRole(AriaRole.Button, new() { Name = "Cancel" }).ClickAsync();
        dialog = await OpenDialogAsync(page, "Insert row", "Insert row into tasks");
        await FillAsync(dialog, ("title", "second"));
        await SubmitAsync(dialog, "Insert row");
        await Expect(page.Locator("tr[data-row='2'] td.col-status")).ToHaveTextAsync("todo");
        Assert.Equal("todo", (string?)(await server.JsonAsync("/editing/tasks/2.json"))["rows"]![0]!["status"]);
        browser.AssertNoErrors();
    }

    [BrowserFact]
    public async Task Columns_renamed_in_the_same_apply_are_the_new_primary_key_and_foreign_key()
    {
        await using var browser = await RootPageAtAsync("/editing/renames");
        var page = browser.Page;
        var dialog = await OpenDialogAsync(page, "Alter table", "Alter table renames");
        await FillAsync(dialog, ("Column code", "slug"), ("Column owner", "owner_id"));
        await dialog.GetByLabel("primary key id", new() { Exact = true }).UncheckAsync();
        await dialog.GetByLabel("primary key code", new() { Exact = true }).CheckAsync();
        await dialog.GetByLabel("Foreign key of owner").SelectOptionAsync("owners.id");
        await MarkAsync(page);
        await dialog.GetByRole(AriaRole.Button, new() { Name = "Apply changes" }).ClickAsync();
        await page.WaitForFunctionAsync("() => window.__notReloaded !== true");
        await page.WaitForLoadStateAsync(LoadState.Load);

        var schema = await SchemaAsync("renames");
        Assert.Matches("slug\\W* TEXT PRIMARY KEY", schema);
        Assert.Matches("owner_id\\W* INTEGER REFERENCES \\W*owners\\W*\\(\\W*id", schema);
        Assert.DoesNotContain("code", schema);
        var rows = (await server.JsonAsync("/editing/renames.json?_shape=array"))!.AsArray();
        Assert.Equal(["a", "b"], rows.Select(r => (string?)r!["slug"]));
        Assert.Equal([1L, 2L], rows.Select(r => (long?)r!["owner_id"]));
        browser.AssertNoErrors();
    }

    [BrowserFact]
    public async Task A_new_column_gets_not_null_a_default_and_a_foreign_key_in_the_alter_dialog()
    {
        await using var browser = await RootPageAtAsync("/editing/newcols");
        var page = browser.Page;
        var dialog = await OpenDialogAsync(page, "Alter table", "Alter table newcols");
        await dialog.GetByRole(AriaRole.Button, new() { Name = "Add a column" }).ClickAsync();
        await dialog.GetByLabel("New column 1 name").FillAsync("owner_id");
        await dialog.GetByLabel("Type of new column 1").SelectOptionAsync("integer");
        await dialog.GetByLabel("not null new column 1", new() { Exact = true }).CheckAsync();
        await dialog.GetByLabel("Foreign key of new column 1").SelectOptionAsync("owners.id");
        // Not null without a default would leave the existing row nothing: the dialog asks for one.
        await dialog.GetByRole(AriaRole.Button, new() { Name = "Apply changes" }).ClickAsync();
        await Expect(dialog.GetByRole(AriaRole.Alert)).ToContainTextAsync("give it a default");
        await FillAsync(dialog, ("default of new column 1", "2"));
        await Expect(dialog.GetByLabel("primary key new column 1", new() { Exact = true })).Not.ToBeCheckedAsync();
        await Axe.AssertNoSeriousViolationsAsync(page, "the alter-table dialog with a new column's settings");
        await MarkAsync(page);
        await dialog.GetByRole(AriaRole.Button, new() { Name = "Apply changes" }).ClickAsync();
        await page.WaitForFunctionAsync("() => window.__notReloaded !== true");
        await page.WaitForLoadStateAsync(LoadState.Load);

        Assert.Matches("owner_id\\W* INTEGER NOT NULL DEFAULT '?2'? REFERENCES \\W*owners\\W*\\(\\W*id", await SchemaAsync("newcols"));
        Assert.Equal(2L, (long?)(await server.JsonAsync("/editing/newcols/1.json"))["rows"]![0]!["owner_id"]);
        browser.AssertNoErrors();
    }

    private async Task<string> SchemaAsync(string table) =>
        (string)(await server.JsonAsync($"/editing/-/query.json?_shape=array&sql=select+sql+from+sqlite_master+where+name%3D%27{table}%27"))[0]!["sql"]!;

    [BrowserFact]
    public async Task An_upsert_from_the_insert_dialog_updates_the_existing_row_in_place()
    {
        await using var browser = await RootPageAtAsync("/editing/upserts");
        var page = browser.Page;
        await MarkAsync(page);
        var dialog = await OpenDialogAsync(page, "Insert row", "Insert row into upserts");
        await dialog.GetByLabel("Update the row if its primary key exists (upsert)").CheckAsync();
        await FillAsync(dialog, ("id", "1"), ("name", "uno"));
        await Axe.AssertNoSeriousViolationsAsync(page, "the insert dialog in upsert mode");
        await SubmitAsync(dialog, "Upsert row");

        await Expect(page.Locator("tr[data-row='1'] td.col-name")).ToHaveTextAsync("uno");
        await Expect(page.Locator("tbody tr")).ToHaveCountAsync(2);
        var rows = (await server.JsonAsync("/editing/upserts.json"))["rows"]!.AsArray();
        Assert.Equal(["uno", "two"], rows.Select(r => (string?)r!["name"]));
        // The field left empty kept its value.
        Assert.Equal("first note", (string?)rows[0]!["note"]);
        await AssertNotReloadedAsync(page);
        browser.AssertNoErrors();
    }

    [BrowserFact]
    public async Task A_table_is_created_from_the_database_page()
    {
        await using var browser = await RootPageAtAsync("/editing");
        var page = browser.Page;
        await page.GetByRole(AriaRole.Button, new() { Name = "Create table", Exact = true }).ClickAsync();
        var dialog = Dialog(page);
        await dialog.GetByLabel("Table name").FillAsync("created_here");
        await dialog.GetByRole(AriaRole.Button, new() { Name = "Add a column" }).ClickAsync();
        await dialog.GetByLabel("New column 1 name").FillAsync("id");
        await dialog.GetByLabel("Type of new column 1").SelectOptionAsync("integer");
        await dialog.GetByRole(AriaRole.Button, new() { Name = "Add a column" }).ClickAsync();
        await dialog.GetByLabel("New column 2 name").FillAsync("label");
        await dialog.GetByLabel("Primary key").SelectOptionAsync("id");
        await Axe.AssertNoSeriousViolationsAsync(page, "the create-table dialog");
        await dialog.GetByRole(AriaRole.Button, new() { Name = "Create table", Exact = true }).ClickAsync();
        await page.WaitForURLAsync(url => url.EndsWith("/editing/created_here", StringComparison.Ordinal));
        // The new table is empty: no rows, and the insert button is there for the first one.
        await Expect(page.Locator("p.zero-results")).ToBeVisibleAsync();
        await Expect(page.GetByRole(AriaRole.Button, new() { Name = "Insert row", Exact = true })).ToBeVisibleAsync();
        browser.AssertNoErrors();
    }

    [BrowserFact]
    public async Task The_autocomplete_tester_shows_the_picked_row()
    {
        await using var browser = await RootPageAtAsync("/-/debug/autocomplete?database=editing&table=owners");
        var page = browser.Page;
        var input = page.GetByRole(AriaRole.Combobox, new() { Name = "Search rows" });
        await input.PressSequentiallyAsync("Ada");
        await page.GetByRole(AriaRole.Option, new() { Name = "Ada Lovelace 1" }).ClickAsync();
        await Expect(page.Locator("#debug-autocomplete-selected")).ToContainTextAsync("\"label\": \"Ada Lovelace\"");
        await Axe.AssertNoSeriousViolationsAsync(page, "the autocomplete tester");
        browser.AssertNoErrors();
    }
}
