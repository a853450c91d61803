using System.Text.RegularExpressions;
using Datasette.Gen.BrowserTests.Infrastructure;
using Datasette.Gen.Configuration;
using Datasette.Gen.Configuration.Model;
using Datasette.Gen.Runtime.Hosting;
using Microsoft.Playwright;

namespace Datasette.Gen.BrowserTests;

/// <summary>
/// html-ui.md §7 in chromium: save a query from the query page, edit its title, delete it, with
/// axe-core on each form. Its own server lets everybody store, update and delete queries (the
/// shared fixtures grant nobody store-query).
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class StoredQueryFlowTests(BrowserFixture fixture) : IAsyncLifetime
{
    private DatasetteServer? _server;
    private string _directory = "";

    public async Task InitializeAsync()
    {
        _directory = Directory.CreateTempSubdirectory("dsg-stored-queries-").FullName;
        var config = Path.Combine(_directory, "datasette.json");
        await File.WriteAllTextAsync(config, """{"permissions": {"store-query": true, "update-query": true, "delete-query": true}}""");
        _server = await DatasetteHost.StartAsync(
            new Deployment(DatasetteConfig.Empty, EquatableArray<MetadataItem>.Empty, Array.Empty<EmbeddedDatabase>()),
            new ServeOptions
            {
                Files = [Path.Combine(Paths.ConformanceData, "fixtures.db")],
                ConfigFile = config,
                Host = "127.0.0.1",
                Port = 0,
            });
    }

    public async Task DisposeAsync()
    {
        if (_server is not null)
        {
            await _server.DisposeAsync();
        }
        Directory.Delete(_directory, recursive: true);
    }

    private async Task<BrowserPage> NewPageAsync(ColorScheme scheme = ColorScheme.Light)
    {
        var context = await fixture.Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = _server!.Urls[0].TrimEnd('/'),
            ViewportSize = new ViewportSize { Width = 1280, Height = 900 },
            ColorScheme = scheme,
            ReducedMotion = ReducedMotion.Reduce,
        });
        context.SetDefaultTimeout(15_000);
        // No /favicon.ico route yet (routes.md §3 row 4): keep chromium's 404 for it out of the console errors.
        await context.RouteAsync("**/favicon.ico", route => route.FulfillAsync(new RouteFulfillOptions { Status = 204 }));
        return new BrowserPage(context, await context.NewPageAsync());
    }

    [BrowserFact]
    public async Task Save_a_query_from_the_query_page_edit_its_title_and_delete_it()
    {
        await using var browser = await NewPageAsync();
        var page = browser.Page;
        await browser.GotoAsync("/fixtures/-/query?sql=" + Uri.EscapeDataString("select pk, state from facetable where state = :state"));

        await page.GetByRole(AriaRole.Link, new() { Name = "Save this query" }).ClickAsync();
        await page.WaitForURLAsync(new Regex("/fixtures/-/queries/store\\?sql="));
        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync("Create query");
        await Axe.AssertNoSeriousViolationsAsync(page, "the save form");
        await page.GetByLabel("Title").FillAsync("By state");
        await page.GetByLabel("URL", new() { Exact = true }).FillAsync("by_state");
        // Private queries are their owner's alone, and this visitor has no id to own one.
        await page.GetByLabel("Private").UncheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Save query" }).ClickAsync();

        await page.WaitForURLAsync(url => url.EndsWith("/fixtures/by_state", StringComparison.Ordinal));
        await Assertions.Expect(page.Locator(".message-info")).ToHaveTextAsync("Query saved");
        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync("By state");

        await browser.GotoAsync("/fixtures/by_state/-/edit");
        await Axe.AssertNoSeriousViolationsAsync(page, "the edit form");
        await page.GetByLabel("Title").FillAsync("Facets by state");
        await page.GetByRole(AriaRole.Button, new() { Name = "Save changes" }).ClickAsync();
        await page.WaitForURLAsync(url => url.EndsWith("/fixtures/by_state", StringComparison.Ordinal));
        await Assertions.Expect(page.Locator(".message-info")).ToHaveTextAsync("Query updated");
        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync("Facets by state");

        await browser.GotoAsync("/fixtures/-/queries");
        await Axe.AssertNoSeriousViolationsAsync(page, "the query list");
        await Assertions.Expect(page.Locator("a.query-list-title", new() { HasText = "Facets by state" })).ToBeVisibleAsync();

        await browser.GotoAsync("/fixtures/by_state/-/delete");
        await Axe.AssertNoSeriousViolationsAsync(page, "the delete confirmation");
        await page.GetByRole(AriaRole.Button, new() { Name = "Delete" }).ClickAsync();
        await page.WaitForURLAsync(url => url.EndsWith("/fixtures", StringComparison.Ordinal));
        await Assertions.Expect(page.Locator(".message-info")).ToHaveTextAsync("Query “Facets by state” deleted");
        browser.AssertNoErrors();
        Assert.Equal(404, (await page.GotoAsync("/fixtures/by_state"))!.Status);
    }

    [BrowserFact]
    public async Task The_save_form_has_no_serious_accessibility_violations_in_the_dark()
    {
        await using var browser = await NewPageAsync(ColorScheme.Dark);
        await browser.GotoAsync("/fixtures/-/queries/store?sql=" + Uri.EscapeDataString("select * from nope"));
        await Axe.AssertNoSeriousViolationsAsync(browser.Page, "the save form with an analysis error (dark)");
    }
}
