namespace DemoPlugins;

// The usings sit inside the namespace so that "Datasette" means the class, not the namespace.
using System.Collections.Generic;
using System.Text.Json.Nodes;
using System.Threading.Tasks;
using Datasette.Gen.Configuration.Model;
using Datasette.Gen.Runtime;
using Datasette.Gen.Runtime.Http;
using Datasette.Gen.Runtime.Permissions;
using Datasette.Gen.Runtime.Plugins;
using Datasette.Gen.Runtime.Plugins.Hooks;

/// <summary>
/// An example plugin: a page at <c>/-/hello</c>, guarded by a new action, <c>view-hello</c>.
/// <list type="bullet">
/// <item>[DatasetteAction] registers the action (Datasette's register_actions); datasette.yaml's
/// <c>permissions:</c> blocks may now name it.</item>
/// <item><see cref="IRegisterRoutes"/> adds the page (register_routes); it counts only the databases
/// the actor may view (<see cref="Datasette.AllowedResourcesAsync"/>), never all of them.</item>
/// <item>The [DatasetteHook] method <see cref="PermissionResourcesSql"/> lets everybody view it unless
/// the configuration says otherwise (permission_resources_sql).</item>
/// </list>
/// Copy this class into a deployment's project: the generator finds it by its attribute and wires
/// it at build time.
/// </summary>
[DatasettePlugin("hello")]
[DatasetteAction("view-hello", "vh", "View the hello page")]
public sealed class HelloPlugin : IRegisterRoutes
{
    public IEnumerable<PluginRoute> RegisterRoutes(Datasette datasette)
    {
        yield return new PluginRoute("^/-/hello$", HelloAsync);
    }

    /// <summary>A global allow for view-hello; a <c>permissions: {view-hello: …}</c> block in datasette.yaml can still deny it.</summary>
    [DatasetteHook]
    public static IEnumerable<PermissionSql>? PermissionResourcesSql(string action) =>
        action == "view-hello" ? new[] { PermissionSql.Allow("the hello plugin lets everybody say hello") } : null;

    private static async ValueTask<DatasetteResponse> HelloAsync(DatasetteRequest request, Datasette datasette)
    {
        await datasette.EnsurePermissionAsync("view-hello", actor: request.Actor);
        // plugins: {hello: {greeting: …}} in datasette.yaml; "$env" and "$file" references are read now.
        var greeting = (datasette.PluginConfig("hello") as JsonObject)?["greeting"]?.GetValue<string>() ?? "Hello";
        var name = request.Actor?["id"]?.ToString() ?? "anonymous";
        // datasette.Databases lists every database, whoever asks; what a page shows must be what
        // this actor may see, so count through the permission API (Datasette's allowed_resources).
        var visible = await datasette.AllowedResourcesAsync("view-database", request.Actor);
        var databases = 0;
        await foreach (var _ in visible.AllAsync())
        {
            databases++;
        }
        return DatasetteResponse.Json(new JsonObject
        {
            ["message"] = $"{greeting}, {name}!",
            ["databases"] = databases,
        });
    }
}
