using System.Text.Json.Nodes;
using Datasette.Gen.Runtime.Http;

namespace Datasette.Gen.Runtime.Plugins.Hooks;

/// <summary>Datasette's <c>row_actions(datasette, actor, request, database, table, row)</c>: items of a row page's "Row actions" menu; <paramref name="row"/> maps each column to its value.</summary>
public interface IRowActions
{
    ValueTask<IEnumerable<ActionMenuItem>?> RowActionsAsync(
        Datasette datasette, JsonObject? actor, DatasetteRequest request, string database, string table, IReadOnlyDictionary<string, object?> row);
}
