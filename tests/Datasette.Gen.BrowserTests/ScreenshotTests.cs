using Datasette.Gen.BrowserTests.Infrastructure;
using Microsoft.Playwright;

namespace Datasette.Gen.BrowserTests;

/// <summary>
/// docs/screenshots/PAGE-WIDTH-SCHEME.png: the main pages as the README shows them. Every run
/// renders and checks them; only a run with <c>DATASETTE_GEN_SCREENSHOTS=1</c> writes the files,
/// so an ordinary test run leaves the working tree clean (PNG bytes differ run to run even when
/// nothing visible changed).
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class ScreenshotTests(BrowserFixture fixture)
{
    [BrowserTheory]
    [InlineData("index", "/")]
    [InlineData("database", "/fixtures")]
    [InlineData("table", "/fixtures/facetable?_facet=state&_facet=_city_id")]
    [InlineData("row", "/fixtures/simple_primary_key/1")]
    public async Task Screenshots_at_desktop_and_phone_widths_light_and_dark(string name, string path)
    {
        var write = Environment.GetEnvironmentVariable("DATASETTE_GEN_SCREENSHOTS") == "1";
        if (write)
        {
            Directory.CreateDirectory(Paths.Screenshots);
        }
        foreach (var (width, height) in new[] { (1280, 800), (375, 812) })
        {
            foreach (var scheme in new[] { ColorScheme.Light, ColorScheme.Dark })
            {
                await using var browser = await fixture.NewPageAsync(width, height, scheme);
                await browser.GotoAsync(path);
                await browser.Page.WaitForLoadStateAsync(LoadState.NetworkIdle);
                var file = Path.Combine(Paths.Screenshots, $"{name}-{width}-{scheme.ToString().ToLowerInvariant()}.png");
                // Viewport-sized, not full-page: the footer's "Queries took N ms" (different every run) stays out of most images.
                var image = await browser.Page.ScreenshotAsync(new() { FullPage = false, Animations = ScreenshotAnimations.Disabled });
                Assert.True(image.Length > 1000, file);
                if (write)
                {
                    await File.WriteAllBytesAsync(file, image);
                }
                browser.AssertNoErrors();
            }
        }
    }
}
