using Datasette.Gen.Runtime.Http;

namespace Datasette.Gen.Runtime.Plugins.Hooks;

/// <summary>
/// Datasette's <c>extra_css_urls(template, database, table, columns, view_name, request, datasette)</c>:
/// stylesheets for a page. Every plugin's come before the configuration's <c>extra_css_urls</c>; a
/// URL already listed is not repeated.
/// </summary>
public interface IExtraCssUrls
{
    ValueTask<IEnumerable<PageAsset>?> ExtraCssUrlsAsync(string template, string? database, string? table, IReadOnlyList<string>? columns, string? viewName, DatasetteRequest request, Datasette datasette);
}
