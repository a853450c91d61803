using Datasette.Gen.Runtime.Plugins;
using Microsoft.AspNetCore.Html;

namespace Datasette.Gen.Runtime.Html;

/// <summary>
/// What plugins add to one page (the page hooks): stylesheets and scripts (already merged with the
/// configuration's, in Datasette's order), body scripts, the top_* block shown below the heading,
/// and the template variables. Computed once, before the page renders; <see cref="None"/> when no
/// plugin implements a page hook.
/// </summary>
internal sealed class PluginPageExtras
{
    public static readonly PluginPageExtras None = new();

    /// <summary>Every stylesheet of the page, the plugins' first; null leaves the configuration's alone.</summary>
    public IReadOnlyList<AssetLink>? Css { get; init; }

    /// <summary>Every head script of the page, the plugins' first; null leaves the configuration's alone.</summary>
    public IReadOnlyList<AssetLink>? Js { get; init; }

    public IReadOnlyList<BodyScript> BodyScripts { get; init; } = [];

    /// <summary>The page's top_* block (trusted markup from the plugins, in order), or null.</summary>
    public IHtmlContent? Top { get; init; }

    public TemplateVariables Variables { get; init; } = TemplateVariables.Empty;
}

/// <summary>Computes a page's <see cref="PluginPageExtras"/> when the layout is about to render (the endpoints know the hooks).</summary>
internal interface IPluginPageSource
{
    ValueTask<PluginPageExtras> ComputeAsync();
}
