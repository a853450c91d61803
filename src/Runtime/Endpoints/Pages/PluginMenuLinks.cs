using Datasette.Gen.Runtime.Http;
using Datasette.Gen.Runtime.Plugins;

namespace Datasette.Gen.Runtime.Endpoints.Pages;

/// <summary>The navigation menu's <c>menu_links</c> items, asked of each plugin in order when the page renders.</summary>
internal static class PluginMenuLinks
{
    /// <summary>Null when no plugin adds links, so the layout does nothing more than before.</summary>
    public static Func<ValueTask<IReadOnlyList<MenuLink>>>? For(DatasetteRequest request, Datasette datasette)
    {
        var hooks = datasette.Plugins.MenuLinks;
        return hooks.Count == 0 ? null : () => CollectAsync(hooks, request, datasette);
    }

    private static async ValueTask<IReadOnlyList<MenuLink>> CollectAsync(List<HookImplementation<MenuLinksHook>> hooks, DatasetteRequest request, Datasette datasette)
    {
        var links = new List<MenuLink>();
        foreach (var hook in hooks)
        {
            foreach (var link in await hook.Invoke(datasette, request.Actor, request).ConfigureAwait(false) ?? [])
            {
                if (link is not null)
                {
                    links.Add(link);
                }
            }
        }
        return links;
    }
}
