using Datasette.Gen.Configuration;
using Datasette.Gen.Configuration.Model;
using Datasette.Gen.Runtime.Plugins;

namespace Datasette.Gen.Runtime.Html;

/// <summary>
/// A page's extra stylesheets or scripts as Datasette lists them (cli-and-config.md §3.3): the
/// plugins' first, then the configuration's; a URL already listed is skipped; one starting with a
/// single <c>/</c> gets the <c>base_url</c> prefix.
/// </summary>
internal static class PageAssets
{
    public static IReadOnlyList<AssetLink> Merge(IEnumerable<PageAsset>? plugins, EquatableArray<ExtraUrl> configured, string baseUrl)
    {
        if (plugins is null && configured.Count == 0)
        {
            return [];
        }
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var links = new List<AssetLink>();
        void Add(string? url, string? sri, bool module)
        {
            // The check is on the URL as given, before the prefix, as Datasette's is.
            if (url is null || !seen.Add(url))
            {
                return;
            }
            links.Add(new AssetLink(WithBase(url, baseUrl), string.IsNullOrEmpty(sri) ? null : sri, module));
        }
        foreach (var asset in plugins ?? [])
        {
            if (asset is not null)
            {
                Add(asset.Url, asset.Sri, asset.Module);
            }
        }
        foreach (var url in configured)
        {
            Add(url.Url, url.Sri, url.Module);
        }
        return links;
    }

    /// <summary>A site-relative URL under the base URL; absolute and protocol-relative (<c>//host/…</c>) URLs as given.</summary>
    private static string WithBase(string url, string baseUrl) =>
        url.StartsWith('/') && !url.StartsWith("//", StringComparison.Ordinal) ? baseUrl + url[1..] : url;
}
