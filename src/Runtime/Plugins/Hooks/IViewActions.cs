using System.Text.Json.Nodes;
using Datasette.Gen.Runtime.Http;

namespace Datasette.Gen.Runtime.Plugins.Hooks;

/// <summary>Datasette's <c>view_actions(datasette, actor, database, view, request)</c>: items of a SQL view page's "View actions" menu.</summary>
public interface IViewActions
{
    ValueTask<IEnumerable<ActionMenuItem>?> ViewActionsAsync(Datasette datasette, JsonObject? actor, string database, string view, DatasetteRequest request);
}
