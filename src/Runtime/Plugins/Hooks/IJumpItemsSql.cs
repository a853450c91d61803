using System.Text.Json.Nodes;
using Datasette.Gen.Runtime.Http;

namespace Datasette.Gen.Runtime.Plugins.Hooks;

/// <summary>
/// Datasette's <c>jump_items_sql(datasette, actor, request)</c>: queries whose rows join the
/// <c>/-/jump</c> menu's items, searched by <c>?q=</c> with the built-in ones; null or empty for none.
/// </summary>
public interface IJumpItemsSql
{
    IEnumerable<JumpSql> JumpItemsSql(Datasette datasette, JsonObject? actor, DatasetteRequest request);
}
