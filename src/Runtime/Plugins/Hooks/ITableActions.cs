using System.Text.Json.Nodes;
using Datasette.Gen.Runtime.Http;

namespace Datasette.Gen.Runtime.Plugins.Hooks;

/// <summary>Datasette's <c>table_actions(datasette, actor, database, table, request)</c>: items of a table page's "Table actions" menu (not a view's).</summary>
public interface ITableActions
{
    ValueTask<IEnumerable<ActionMenuItem>?> TableActionsAsync(Datasette datasette, JsonObject? actor, string database, string table, DatasetteRequest request);
}
