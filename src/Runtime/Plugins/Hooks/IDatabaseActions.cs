using System.Text.Json.Nodes;
using Datasette.Gen.Runtime.Http;

namespace Datasette.Gen.Runtime.Plugins.Hooks;

/// <summary>Datasette's <c>database_actions(datasette, actor, database, request)</c>: items of the database page's "Database actions" menu.</summary>
public interface IDatabaseActions
{
    ValueTask<IEnumerable<ActionMenuItem>?> DatabaseActionsAsync(Datasette datasette, JsonObject? actor, string database, DatasetteRequest request);
}
