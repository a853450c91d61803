namespace Datasette.Gen.Runtime.Plugins;

/// <summary>
/// A stylesheet or script a plugin adds to a page (<c>extra_css_urls</c> / <c>extra_js_urls</c>):
/// its URL (one starting with <c>/</c> gets the <c>base_url</c> prefix), an optional Subresource
/// Integrity hash (rendered as <c>integrity</c> with <c>crossorigin="anonymous"</c>) and, for
/// scripts, whether it is a JavaScript module (<c>&lt;script type="module"&gt;</c>). A string converts
/// to a URL without either, as Datasette accepts plain URL strings.
/// </summary>
public sealed record PageAsset(string Url, string? Sri = null, bool Module = false)
{
    public static implicit operator PageAsset(string url) => new(url);
}
