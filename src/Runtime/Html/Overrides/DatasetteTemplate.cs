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

    // base.html: a layout template (DatasetteTemplate<IPageLayout>) lays out the built-in pieces
    // around the page's content as it likes.

    /// <summary>The built-in contents of <c>&lt;head&gt;</c>: meta tags, title, stylesheets and scripts (the page's own, the plugins', the configuration's).</summary>
    protected ValueTask<HtmlString> RenderHeadAsync() => RenderPartialAsync(new Html_Slices_PageHead { Model = Layout });

    /// <summary>The built-in header: skip link, breadcrumbs, actor, menu, jump search.</summary>
    protected ValueTask<HtmlString> RenderHeaderAsync() => RenderPartialAsync(new Html_Slices_PageHeader { Model = Layout });

    /// <summary>The flash messages.</summary>
    protected ValueTask<HtmlString> RenderMessagesAsync() => RenderPartialAsync(new Html_Slices_PageMessages { Model = Layout });

    /// <summary>The page's own content (Datasette's <c>{% block content %}</c>): call it once.</summary>
    protected HtmlString RenderContent() => new(Layout.ContentMarker);

    /// <summary>The built-in footer: "Powered by Datasette", query time, license and source links.</summary>
    protected ValueTask<HtmlString> RenderFooterAsync() => RenderPartialAsync(new Html_Slices_PageFooter { Model = Layout });

    /// <summary>What ends <c>&lt;body&gt;</c>: the plugins' body scripts and the "Templates considered" comment.</summary>
    protected ValueTask<HtmlString> RenderBodyEndAsync() => RenderPartialAsync(new Html_Slices_PageBodyEnd { Model = Layout });

    private PageChrome Layout => Model as PageChrome
        ?? throw new InvalidOperationException($"A {typeof(TPage).Name} template is not a layout: only base.html renders the layout's pieces.");

    private PageChrome Chrome => Model is IChromedPage page
        ? page.Chrome
        : throw new InvalidOperationException($"A {typeof(TPage).Name} template has no page layout: only page templates (not _table) render it.");
}
