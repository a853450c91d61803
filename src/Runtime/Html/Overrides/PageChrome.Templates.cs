using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Html;
using RazorSlices;

namespace Datasette.Gen.Runtime.Html;

/// <summary>What the page needs to pick its template: the deployment's overrides and the one chosen.</summary>
internal sealed partial class PageChrome
{
    /// <summary>The page's database and table, which name the rows-table overrides (<c>_table-DB-TABLE.html</c>).</summary>
    public string? Database { get; init; }

    public string? Table { get; init; }

    [JsonIgnore]
    public TemplateOverrides Overrides { get; init; } = TemplateOverrides.None;

    /// <summary>The override chosen for the page (starred in <see cref="TemplatesConsidered"/>), or null for the built-in one.</summary>
    [JsonIgnore]
    public string? Template { get; init; }

    /// <summary><c>?_context=1</c> with <c>template_debug</c> on: the page answers with its model as JSON instead.</summary>
    [JsonIgnore]
    public bool ShowContext { get; init; }

    /// <summary>
    /// The deployment's rows table for this page (<paramref name="page"/>: "table" or "row"):
    /// <c>_table-DB-TABLE.html</c>, <c>_table-PAGE-DB-TABLE.html</c>, <c>_table.html</c>, the first it
    /// overrides; null for the built-in one.
    /// </summary>
    public RazorSlice? RowsTableOverride(RowsTable rows, string page) =>
        Database is null || Table is null ? null : Overrides.RowsTable(rows, page, Database, Table);

    /// <summary>
    /// Where <c>base.html</c>'s <c>RenderContent()</c> stands: the page's own content goes there.
    /// Random per page, so nothing the layout writes (titles, names) can spell it; made only for a page with a layout.
    /// </summary>
    internal string ContentMarker => _contentMarker ??= "<!--content-" + Guid.NewGuid().ToString("N") + "-->";

    private string? _contentMarker;

    private HtmlString? _layoutEnd;

    /// <summary>After <see cref="RenderLayoutStartAsync"/>: the deployment's layout after the page's content.</summary>
    [JsonIgnore]
    public HtmlString? LayoutEnd => _layoutEnd;

    /// <summary>
    /// The deployment's <c>base.html</c> down to the page's content, or null without one. The layout is
    /// rendered whole, with a marker for the content; each page writes its content between the two halves.
    /// </summary>
    public async ValueTask<HtmlString?> RenderLayoutStartAsync()
    {
        if (Overrides.Create<IPageLayout>(Templates.Layout, this) is not { } layout)
        {
            return null;
        }
        using (layout)
        {
            using var writer = new StringWriter(System.Globalization.CultureInfo.InvariantCulture);
            await layout.RenderAsync(writer, HtmlResponse.Encoder).ConfigureAwait(false);
            var html = writer.ToString();
            var at = html.IndexOf(ContentMarker, StringComparison.Ordinal);
            if (at < 0)
            {
                throw new InvalidOperationException($"The deployment's {Templates.Layout} does not call RenderContent(): the page would have no content.");
            }
            _layoutEnd = new HtmlString(html[(at + ContentMarker.Length)..]);
            return new HtmlString(html[..at]);
        }
    }
}
