using System.Text.Json.Nodes;
using Datasette.Gen.Runtime.Http;

namespace Datasette.Gen.Runtime.Plugins.Hooks;

/// <summary>Datasette's <c>homepage_actions(datasette, actor, request)</c>: items of the index page's "Homepage actions" menu.</summary>
public interface IHomepageActions
{
    ValueTask<IEnumerable<ActionMenuItem>?> HomepageActionsAsync(Datasette datasette, JsonObject? actor, DatasetteRequest request);
}
