using System.Globalization;
using System.Net;
using RazorSlices;

namespace Datasette.Gen.Runtime.Html.Pages;

/// <summary>
/// A deployment's page template, rendered whole before any of it is written: when it throws (its
/// code is the deployment's, and a model member it did not expect can be null), the page is the
/// built-in one instead, as a failing error.html leaves the bare error page; a comment says which
/// template failed, not why (the message could show what the page does not). A failure the built-in
/// page shares (a plugin hook of the layout, the deployment's base.html) fails it too, and the
/// request gets its error page.
/// </summary>
internal sealed class OverrideWithFallback(RazorSlice template, string name, Func<RazorSlice> builtIn) : RazorSlice
{
    public override async Task ExecuteAsync()
    {
        string html;
        try
        {
            using (template)
            {
                using var writer = new StringWriter(CultureInfo.InvariantCulture);
                await template.RenderAsync(writer, HtmlResponse.Encoder).ConfigureAwait(false);
                html = writer.ToString();
            }
        }
        catch (Exception failure) when (failure is not OperationCanceledException)
        {
            await RenderPartialAsync(builtIn()).ConfigureAwait(false);
            WriteLiteral($"<!-- The deployment's {WebUtility.HtmlEncode(name)} failed: this is the built-in page. -->\n");
            return;
        }
        WriteLiteral(html);
    }
}
