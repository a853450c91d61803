using System.Net;
using System.Threading.Tasks;
using Datasette.Gen.Runtime.Hosting;
using Datasette.Gen.Runtime.Html;
using Datasette.Gen.Tests.Infrastructure;
using RazorSlices;

namespace Datasette.Gen.Tests.Html;

/// <summary>
/// base.html (docs/templates.md): a layout that forgets the page's content is the deployment's
/// mistake; the page says so with a 500 rather than send a page without its content, on the bare
/// error page, since the deployment's layout cannot hold one.
/// </summary>
public sealed class LayoutOverrideTests
{
    /// <summary>What Razor would make of a base.cshtml without <c>@RenderContent()</c>.</summary>
    private sealed class LayoutWithoutContent : RazorSlice<IPageLayout>
    {
        public override Task ExecuteAsync()
        {
            WriteLiteral("<!DOCTYPE html><html><body><p>layout</p></body></html>");
            return Task.CompletedTask;
        }
    }

    [Fact]
    public async Task A_layout_without_the_pages_content_is_a_500_on_the_bare_error_page()
    {
        var deployment = TestServer.EmptyDeployment with
        {
            Templates = new TemplateOverrides().Add<IPageLayout>("base.html", model => new LayoutWithoutContent { Model = model }),
        };
        await using var server = await TestServer.StartAsync(new ServeOptions(), deployment);

        var response = await server.Client.GetAsync("/");
        var html = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
        Assert.Contains("does not call RenderContent()", html);
        Assert.DoesNotContain("<p>layout</p>", html);
    }
}
