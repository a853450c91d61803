using Datasette.Gen.Runtime.Http;

namespace Datasette.Gen.Runtime.Plugins.Hooks;

/// <summary>
/// Datasette's <c>extra_js_urls(template, database, table, columns, view_name, request, datasette)</c>:
/// scripts for a page's head (a module when <see cref="PageAsset.Module"/>). Every plugin's come
/// before the configuration's <c>extra_js_urls</c>; a URL already listed is not repeated.
/// </summary>
public interface IExtraJsUrls
{
    ValueTask<IEnumerable<PageAsset>?> ExtraJsUrlsAsync(string template, string? database, string? table, IReadOnlyList<string>? columns, string? viewName, DatasetteRequest request, Datasette datasette);
}
