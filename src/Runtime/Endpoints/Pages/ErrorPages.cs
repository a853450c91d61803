using Datasette.Gen.Runtime.Html;
using Datasette.Gen.Runtime.Html.Pages;
using Datasette.Gen.Runtime.Http;
using Microsoft.AspNetCore.Http;

namespace Datasette.Gen.Runtime.Endpoints.Pages;

/// <summary>HTML error pages in the shared layout, for the request pipeline.</summary>
internal static class ErrorPages
{
    public static async Task SendAsync(DatasetteRequest request, Datasette datasette, int status, string message, string? title)
    {
        var heading = title ?? $"Error {status}";
        PageChrome chrome;
        try
        {
            chrome = PageChromes.Build(request, datasette, heading, "error", Templates.Error(status), alternateJson: false, plugins: new PluginPageView(ViewName: null));
            // Here rather than when the layout renders, so a failing page hook still leaves the bare page below.
            await chrome.PreparePluginsAsync().ConfigureAwait(false);
        }
        catch (Exception) when (!request.Context.Response.HasStarted)
        {
            // The layout needs permissions, metadata and the page hooks; when those are what failed, the bare page still answers.
            await Responses.HtmlErrorAsync(request.Context, status, message, title).ConfigureAwait(false);
            return;
        }
        // The only HTML 403 is the forbidden page (a ForbiddenException), the one error page Datasette
        // renders through render_template and so the one that answers ?_context=1.
        var forbidden = status == 403;
        try
        {
            await HtmlResponse.SendBufferedAsync(request.Context, HtmlSlices.Error(new ErrorPageModel(chrome, status, heading, message), offerContext: forbidden), status).ConfigureAwait(false);
        }
        catch (Exception) when (!request.Context.Response.HasStarted)
        {
            // The page renders into a buffer first, so nothing is sent yet: a deployment's error.html or
            // base.html that fails (the error may be theirs) still leaves the bare page.
            await Responses.HtmlErrorAsync(request.Context, status, message, title).ConfigureAwait(false);
        }
    }
}
