using System.Text.Json.Nodes;
using Datasette.Gen.Runtime.Http;

namespace Datasette.Gen.Runtime.Plugins.Hooks;

/// <summary>Datasette's <c>menu_links(datasette, actor, request)</c>: links added to the navigation menu of every page.</summary>
public interface IMenuLinks
{
    ValueTask<IEnumerable<MenuLink>?> MenuLinksAsync(Datasette datasette, JsonObject? actor, DatasetteRequest request);
}
