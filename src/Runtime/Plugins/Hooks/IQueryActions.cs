using System.Text.Json.Nodes;
using Datasette.Gen.Runtime.Http;

namespace Datasette.Gen.Runtime.Plugins.Hooks;

/// <summary>
/// Datasette's <c>query_actions(datasette, actor, database, query_name, request, sql, params)</c>: items of the
/// "Query actions" menu of a stored query (<paramref name="queryName"/>) or of arbitrary SQL (null).
/// </summary>
public interface IQueryActions
{
    ValueTask<IEnumerable<ActionMenuItem>?> QueryActionsAsync(
        Datasette datasette, JsonObject? actor, string database, string? queryName, DatasetteRequest request, string sql, IReadOnlyDictionary<string, object?> parameters);
}
