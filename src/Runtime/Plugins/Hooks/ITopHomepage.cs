using Datasette.Gen.Runtime.Http;
using Microsoft.AspNetCore.Html;

namespace Datasette.Gen.Runtime.Plugins.Hooks;

/// <summary>
/// Datasette's <c>top_homepage(datasette, request)</c>: trusted HTML shown below the index page's heading.
/// </summary>
public interface ITopHomepage
{
    ValueTask<IHtmlContent?> TopHomepageAsync(Datasette datasette, DatasetteRequest request);
}
