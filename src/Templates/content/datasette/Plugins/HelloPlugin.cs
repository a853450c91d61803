namespace SitePlugins;

// The usings sit inside the namespace so that "Datasette" means the class, not the namespace.
using System.Collections.Generic;
using System.Text.Json.Nodes;
using System.Threading.Tasks;
using Datasette.Gen.Runtime;
using Datasette.Gen.Runtime.Http;
using Datasette.Gen.Runtime.Permissions;
using Datasette.Gen.Runtime.Plugins;
using Datasette.Gen.Runtime.Plugins.Hooks;

/// <summary>
/// An example plugin, found by its attribute and wired at build time: a page at /-/hello, which
/// needs a new action, view-hello, that everybody has unless datasette.yaml's permissions say otherwise.
/// </summary>
[DatasettePlugin("hello")]
[DatasetteAction("view-hello", "vh", "View the hello page")]
public sealed class HelloPlugin : IRegisterRoutes
{
    public IEnumerable<PluginRoute> RegisterRoutes(Datasette datasette)
    {
        yield return new PluginRoute("^/-/hello$", HelloAsync);
    }

    [DatasetteHook]
    public static IEnumerable<PermissionSql>? PermissionResourcesSql(string action) =>
        action == "view-hello" ? new[] { PermissionSql.Allow("the hello plugin lets everybody say hello") } : null;

    private static async ValueTask<DatasetteResponse> HelloAsync(DatasetteRequest request, Datasette datasette)
    {
        await datasette.EnsurePermissionAsync("view-hello", actor: request.Actor);
        var greeting = (datasette.PluginConfig("hello") as JsonObject)?["greeting"]?.GetValue<string>() ?? "Hello";
        var name = request.Actor?["id"]?.ToString() ?? "anonymous";
        return DatasetteResponse.Json(new JsonObject { ["message"] = $"{greeting}, {name}!" });
    }
}
