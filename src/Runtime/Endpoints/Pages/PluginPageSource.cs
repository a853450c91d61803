using Datasette.Gen.Runtime.Html;
using Datasette.Gen.Runtime.Http;
using Datasette.Gen.Runtime.Plugins;
using Microsoft.AspNetCore.Html;

namespace Datasette.Gen.Runtime.Endpoints.Pages;

/// <summary>
/// Calls the page hooks for one page, in plugin order, the way Datasette's render_template does:
/// body scripts, template variables, stylesheets and scripts (merged with the configuration's), then
/// the page's top_* slot. Created only when some plugin implements a page hook.
/// </summary>
internal sealed class PluginPageSource(
    DatasetteRequest request,
    Datasette datasette,
    IReadOnlyList<string> templates,
    string? database,
    string? table,
    PluginPageView? view) : IPluginPageSource
{
    public async ValueTask<PluginPageExtras> ComputeAsync()
    {
        var plugins = datasette.Plugins;
        var template = Template(templates);
        // Without an explicit view, the page is named after its template (logout.html → logout), as Datasette's view classes mostly are.
        var page = view ?? new PluginPageView(template.EndsWith(".html", StringComparison.Ordinal) ? template[..^".html".Length] : template);
        var columns = page.Columns;
        var viewName = page.ViewName;

        List<BodyScript>? scripts = null;
        foreach (var hook in plugins.ExtraBodyScript)
        {
            if (await hook.Invoke(template, database, table, columns, viewName, request, datasette).ConfigureAwait(false) is { } script)
            {
                (scripts ??= []).Add(script);
            }
        }
        TemplateVariables? variables = null;
        foreach (var hook in plugins.ExtraTemplateVars)
        {
            if (await hook.Invoke(template, database, table, columns, viewName, request, datasette).ConfigureAwait(false) is { Count: > 0 } added)
            {
                variables ??= new TemplateVariables();
                foreach (var (name, value) in added)
                {
                    variables.Add(name, value);
                }
            }
        }
        List<PageAsset>? css = null;
        foreach (var hook in plugins.ExtraCssUrls)
        {
            if (await hook.Invoke(template, database, table, columns, viewName, request, datasette).ConfigureAwait(false) is { } urls)
            {
                (css ??= []).AddRange(urls);
            }
        }
        List<PageAsset>? js = null;
        foreach (var hook in plugins.ExtraJsUrls)
        {
            if (await hook.Invoke(template, database, table, columns, viewName, request, datasette).ConfigureAwait(false) is { } urls)
            {
                (js ??= []).AddRange(urls);
            }
        }
        var baseUrl = datasette.Settings.BaseUrl;
        return new PluginPageExtras
        {
            BodyScripts = scripts ?? [],
            Variables = variables?.AsReadOnly() ?? TemplateVariables.Empty,
            Css = css is null ? null : PageAssets.Merge(css, datasette.Config.ExtraCssUrls, baseUrl),
            Js = js is null ? null : PageAssets.Merge(js, datasette.Config.ExtraJsUrls, baseUrl),
            Top = await TopAsync(page).ConfigureAwait(false),
        };
    }

    /// <summary>The template used: the starred name of those considered.</summary>
    private static string Template(IReadOnlyList<string> templates)
    {
        foreach (var name in templates)
        {
            if (name.StartsWith('*'))
            {
                return name[1..];
            }
        }
        return templates.Count > 0 ? templates[^1] : "";
    }

    private async ValueTask<IHtmlContent?> TopAsync(PluginPageView page)
    {
        var plugins = datasette.Plugins;
        var blocks = new List<IHtmlContent>();
        switch (page.Top)
        {
            case TopSlot.Homepage:
                foreach (var hook in plugins.TopHomepage)
                {
                    Add(blocks, await hook.Invoke(datasette, request).ConfigureAwait(false));
                }
                break;
            case TopSlot.Database when database is not null:
                foreach (var hook in plugins.TopDatabase)
                {
                    Add(blocks, await hook.Invoke(datasette, request, database).ConfigureAwait(false));
                }
                break;
            case TopSlot.Table when database is not null && table is not null:
                foreach (var hook in plugins.TopTable)
                {
                    Add(blocks, await hook.Invoke(datasette, request, database, table).ConfigureAwait(false));
                }
                break;
            case TopSlot.Row when database is not null && table is not null && page.Row is not null:
                foreach (var hook in plugins.TopRow)
                {
                    Add(blocks, await hook.Invoke(datasette, request, database, table, page.Row).ConfigureAwait(false));
                }
                break;
            case TopSlot.Query when database is not null:
                foreach (var hook in plugins.TopQuery)
                {
                    Add(blocks, await hook.Invoke(datasette, request, database, page.Sql ?? "").ConfigureAwait(false));
                }
                break;
            case TopSlot.StoredQuery when database is not null && page.QueryName is not null:
                foreach (var hook in plugins.TopStoredQuery)
                {
                    Add(blocks, await hook.Invoke(datasette, request, database, page.QueryName).ConfigureAwait(false));
                }
                break;
        }
        if (blocks.Count < 2)
        {
            return blocks.Count == 0 ? null : blocks[0];
        }
        var joined = new HtmlContentBuilder(blocks.Count);
        foreach (var block in blocks)
        {
            joined.AppendHtml(block);
        }
        return joined;
    }

    private static void Add(List<IHtmlContent> blocks, IHtmlContent? block)
    {
        if (block is not null)
        {
            blocks.Add(block);
        }
    }
}
