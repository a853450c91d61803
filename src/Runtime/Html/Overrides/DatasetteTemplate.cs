using AspNetCoreGeneratedDocument;
using Microsoft.AspNetCore.Html;
using RazorSlices;

namespace Datasette.Gen.Runtime.Html.Overrides;

/// <summary>
/// The base of a deployment's template (<c>@inherits DatasetteTemplate&lt;ITablePage&gt;</c>): a
/// Razor slice of the page's model with the built-in pieces an override may keep, so replacing a
/// page's body does not mean rewriting its layout. Its own namespace: it creates the built-in slices,
/// which use the page models of Html, so in Html it would close a namespace cycle.
/// </summary>
public abstract class DatasetteTemplate<TPage> : RazorSlice<TPage>
    where TPage : class
{
    /// <summary>
    /// The layout down to the page's content: head (styles, scripts, plugin assets), header with
    /// breadcrumbs and menu, flash messages. Pair it with <see cref="RenderPageEndAsync"/>.
    /// </summary>
    protected ValueTask<HtmlString> RenderPageStartAsync() => RenderPartialAsync(new Html_Slices_PageStart { Model = Chrome });

    /// <summary>The footer, the "Templates considered" comment and the closing tags.</summary>
    protected ValueTask<HtmlString> RenderPageEndAsync() => RenderPartialAsync(new Html_Slices_PageEnd { Model = Chrome });

    /// <summary>The built-in rows table (Datasette's <c>_table.html</c>) for a page's rows.</summary>
    protected ValueTask<HtmlString> RenderRowsTableAsync(IRowsTable rows)
    {
        ArgumentNullException.ThrowIfNull(rows);
        return RenderPartialAsync(new Html_Slices_RowsTablePartial { Model = (RowsTable)rows });
    }

    private PageChrome Chrome => Model is IChromedPage page
        ? page.Chrome
        : throw new InvalidOperationException($"A {typeof(TPage).Name} template has no page layout: only page templates (not _table) render it.");
}
