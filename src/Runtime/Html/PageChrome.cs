using System.Text.Json.Serialization;

namespace Datasette.Gen.Runtime.Html;

/// <summary>
/// What the shared layout shows around every page (html-ui.md §1): head assets, breadcrumbs,
/// menu, actor, flash messages, footer. Built by the endpoints, which know permissions and
/// metadata; the slices only render it.
/// </summary>
internal sealed partial class PageChrome
{
    public required string Title { get; init; }

    /// <summary>Page-type classes, already through the CSS-class sanitiser.</summary>
    public required string BodyClass { get; init; }

    /// <summary>The instance's base URL (<c>base_url</c> setting), ending in a slash.</summary>
    public required string BaseUrl { get; init; }

    public required string AppCssUrl { get; init; }

    public required string ScriptUrl { get; init; }

    public required string Version { get; init; }

    public string? AlternateJsonUrl { get; init; }

    public IReadOnlyList<AssetLink> ExtraCss { get; init; } = [];

    public IReadOnlyList<AssetLink> ExtraJs { get; init; } = [];

    public IReadOnlyList<Crumb> Crumbs { get; init; } = [];

    public IReadOnlyList<MenuLink> MenuLinks { get; init; } = [];

    /// <summary>Fetches the <c>menu_links</c> plugins' items; null when no plugin has any.</summary>
    [JsonIgnore]
    public Func<ValueTask<IReadOnlyList<Plugins.MenuLink>>>? FetchPluginMenuLinks { get; init; }

    /// <summary>The page's action menu (Table actions and the like), or null.</summary>
    [JsonIgnore]
    public ActionMenu? Actions { get; init; }

    /// <summary>The plugins' nav menu links, once <see cref="PrepareAsync"/> has run.</summary>
    public IReadOnlyList<Plugins.MenuLink> PluginMenuLinks { get; private set; } = [];

    /// <summary>The action menu's items, once <see cref="PrepareAsync"/> has run.</summary>
    public IReadOnlyList<Plugins.ActionMenuItem> ActionItems { get; private set; } = [];

    /// <summary>Does the page need <see cref="PrepareAsync"/> before it renders?</summary>
    [JsonIgnore]
    public bool NeedsPreparation => FetchPluginMenuLinks is not null || Actions is not null;

    /// <summary>Asks the plugins for the menus' items (see <see cref="PagePreparation"/>).</summary>
    public async ValueTask PrepareAsync()
    {
        if (FetchPluginMenuLinks is { } links)
        {
            PluginMenuLinks = await links().ConfigureAwait(false);
        }
        if (Actions is { } actions)
        {
            ActionItems = await actions.Items().ConfigureAwait(false);
        }
    }

    /// <summary>Display name of the actor, when there is one.</summary>
    public string? ActorName { get; init; }

    /// <summary>The actor came from the <c>ds_actor</c> cookie, so logging out means something.</summary>
    public bool CanLogOut { get; init; }

    public IReadOnlyList<FlashMessage> Messages { get; init; } = [];

    public double? QueryMs { get; init; }

    public SourceLinks Links { get; init; } = SourceLinks.None;

    /// <summary>The page's database colour (6 hex digits), for its border; null on instance pages.</summary>
    public string? DatabaseColor { get; init; }

    /// <summary>Candidate template names, the one used first-starred, for the debugging comment.</summary>
    public IReadOnlyList<string> TemplatesConsidered { get; init; } = [];

    /// <summary>A JSON object for the page's scripts (docs/html.md), or null.</summary>
    public string? PageDataJson { get; init; }

    /// <summary>Ask robots not to index the page (<c>/-/</c>).</summary>
    public bool NoIndex { get; init; }

    /// <summary>Where the plugins' additions come from; null when no plugin implements a page hook.</summary>
    [JsonIgnore]
    public IPluginPageSource? PluginSource { get; init; }

    /// <summary>What plugins add to the page, once <see cref="PreparePluginsAsync"/> has run.</summary>
    [JsonIgnore]
    public PluginPageExtras Plugins { get; private set; } = PluginPageExtras.None;

    /// <summary>The page's stylesheets: the plugins' and the configuration's.</summary>
    public IReadOnlyList<AssetLink> Css => Plugins.Css ?? ExtraCss;

    /// <summary>The page's head scripts: the plugins' and the configuration's.</summary>
    public IReadOnlyList<AssetLink> Js => Plugins.Js ?? ExtraJs;

    /// <summary>
    /// Asks the plugins once, when the layout starts (nothing is sent yet, so a failing hook still
    /// gets an error page); without page hooks, nothing happens.
    /// </summary>
    public async ValueTask PreparePluginsAsync()
    {
        if (PluginSource is { } source && ReferenceEquals(Plugins, PluginPageExtras.None))
        {
            Plugins = await source.ComputeAsync().ConfigureAwait(false);
        }
    }
}

/// <summary>An extra stylesheet or script: <c>extra_css_urls</c> / <c>extra_js_urls</c>.</summary>
internal sealed record AssetLink(string Url, string? Sri, bool Module);

internal sealed partial record Crumb(string Label, string Url);

internal sealed record MenuLink(string Label, string Url);

/// <summary>A flash message; <paramref name="Kind"/> is info, warning or error (the class suffix).</summary>
internal sealed record FlashMessage(string Text, string Kind);

/// <summary>License, source and about links of the most specific metadata that has them.</summary>
internal sealed record SourceLinks(string? License, string? LicenseUrl, string? Source, string? SourceUrl, string? About, string? AboutUrl)
{
    public static readonly SourceLinks None = new(null, null, null, null, null, null);

    public bool IsEmpty => License is null && LicenseUrl is null && Source is null && SourceUrl is null && About is null && AboutUrl is null;

    /// <summary>The footer's items in order: label, text (the URL when there is no text), URL or null.</summary>
    public IEnumerable<(string Label, string Text, string? Url)> Items()
    {
        if (License is not null || LicenseUrl is not null)
        {
            yield return ("Data license", License ?? LicenseUrl!, LicenseUrl);
        }
        if (Source is not null || SourceUrl is not null)
        {
            yield return ("Data source", Source ?? SourceUrl!, SourceUrl);
        }
        if (About is not null || AboutUrl is not null)
        {
            yield return ("About", About ?? AboutUrl!, AboutUrl);
        }
    }
}
