using Datasette.Gen.Configuration;
using Datasette.Gen.Configuration.Model;
using Datasette.Gen.Runtime.Hosting;
using Microsoft.Playwright;

namespace Datasette.Gen.BrowserTests.Infrastructure;

/// <summary>
/// One real server (the conformance fixtures on a free loopback port, hosted in-process as the
/// executable hosts it) and one chromium, shared by every browser test.
/// </summary>
public sealed class BrowserFixture : IAsyncLifetime
{
    private DatasetteServer? _server;
    private IPlaywright? _playwright;

    public string BaseUrl { get; private set; } = "";

    public IBrowser Browser { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        var data = Paths.ConformanceData;
        var deployment = new Deployment(DatasetteConfig.Empty, EquatableArray<MetadataItem>.Empty, Array.Empty<EmbeddedDatabase>());
        _server = await DatasetteHost.StartAsync(deployment, new ServeOptions
        {
            Files = [Path.Combine(data, "fixtures.db"), Path.Combine(data, "extra database.db")],
            MetadataFile = Path.Combine(data, "metadata.json"),
            ConfigFile = Path.Combine(data, "config.json"),
            Host = "127.0.0.1",
            Port = 0,
        });
        BaseUrl = _server.Urls[0].TrimEnd('/');
        if (!Chromium.Available)
        {
            return;
        }
        _playwright = await Playwright.CreateAsync();
        Browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = Chromium.ExecutablePath,
            Headless = true,
            // Containers often lack the user namespaces chromium's sandbox needs.
            ChromiumSandbox = false,
            Args = ["--disable-dev-shm-usage", "--disable-gpu", "--font-render-hinting=none"],
        });
    }

    /// <summary>A fresh page (its own context: cookies, viewport, colour scheme) that records console errors.</summary>
    public async Task<BrowserPage> NewPageAsync(int width = 1280, int height = 900, ColorScheme colorScheme = ColorScheme.Light)
    {
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = BaseUrl,
            ViewportSize = new ViewportSize { Width = width, Height = height },
            ColorScheme = colorScheme,
            ReducedMotion = ReducedMotion.Reduce,
        });
        context.SetDefaultTimeout(15_000);
        // Expect() polls for 5 s by default: too short on a loaded 2-core CI machine, where the SQL
        // editor's 385 KB script can take longer to arrive (seen failing in a full parallel run).
        Assertions.SetDefaultExpectTimeout(15_000);
        var page = await context.NewPageAsync();
        var contractPages = Paths.ContractPages;
        // /-/browser-test/NAME serves tests/…/Pages/NAME from the real server's origin, so the
        // contract pages load the real /-/static/ script and call the real JSON endpoints.
        await page.RouteAsync(BaseUrl + "/-/browser-test/**", async route =>
        {
            var name = new Uri(route.Request.Url).AbsolutePath["/-/browser-test/".Length..];
            var file = Path.Combine(contractPages, Path.GetFileName(name));
            if (File.Exists(file))
            {
                await route.FulfillAsync(new RouteFulfillOptions { Status = 200, ContentType = "text/html; charset=utf-8", Body = await File.ReadAllTextAsync(file) });
            }
            else
            {
                await route.FulfillAsync(new RouteFulfillOptions { Status = 404, Body = "no contract page " + name });
            }
        });
        // The corpus configuration names an extra stylesheet no server has (Datasette's fixtures
        // do the same); an empty one keeps its 404 out of the page's console errors.
        await page.RouteAsync(BaseUrl + "/static/extra-css-urls.css", route =>
            route.FulfillAsync(new RouteFulfillOptions { Status = 200, ContentType = "text/css", Body = "" }));
        return new BrowserPage(context, page);
    }

    public async Task DisposeAsync()
    {
        if (Browser is not null)
        {
            await Browser.DisposeAsync();
        }
        _playwright?.Dispose();
        if (_server is not null)
        {
            await _server.DisposeAsync();
        }
    }
}

[CollectionDefinition(Name)]
public sealed class BrowserCollection : ICollectionFixture<BrowserFixture>
{
    public const string Name = "browser";
}
