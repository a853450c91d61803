using System.Text.Json.Nodes;
using Datasette.Gen.Runtime.Permissions;

namespace Datasette.Gen.Runtime.Plugins.Hooks;

/// <summary>
/// Datasette's <c>permission_resources_sql(datasette, actor, action)</c>: rules (SQL selecting
/// <c>parent, child, allow, reason</c> over the internal database) that join the permission cascade
/// for this actor and action; null or empty when the plugin has nothing to say. The verdicts it
/// leads to are shared across requests until the internal database is written, so the rules
/// should follow from the actor, the action and that database (put anything else in the SQL).
/// </summary>
public interface IPermissionResourcesSql
{
    IEnumerable<PermissionSql>? PermissionResourcesSql(Datasette datasette, JsonObject? actor, string action);
}
