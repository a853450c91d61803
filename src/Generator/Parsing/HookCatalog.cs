using Datasette.Gen.Generator.Model;

namespace Datasette.Gen.Generator.Parsing;

/// <summary>What the runtime's delegate for a hook returns.</summary>
internal enum HookResult
{
    /// <summary><c>void</c>: only <c>void</c> implementations.</summary>
    Void,

    /// <summary><c>ValueTask</c>: <c>void</c>, <c>Task</c> or <c>ValueTask</c>.</summary>
    Completion,

    /// <summary><c>ValueTask&lt;T?&gt;</c>: T, <c>Task&lt;T&gt;</c> or <c>ValueTask&lt;T&gt;</c>.</summary>
    AsyncValue,

    /// <summary><c>IEnumerable&lt;T&gt;?</c>: one T or a sequence of them.</summary>
    Many,
}

/// <summary>A parameter the runtime passes to a hook: its name in the delegate and its type (metadata name; generic types as written).</summary>
internal sealed record HookParameter(string Name, string MetadataName, string DisplayType);

/// <summary>
/// One plugin hook: Datasette's snake_case name, the [DatasetteHook] method name, the interface and
/// its method, the PluginRegistry method the wiring calls, the delegate's parameters and result.
/// </summary>
internal sealed record HookDefinition(
    string Name,
    string MethodName,
    string Interface,
    string InterfaceMethod,
    ReturnShape InterfaceShape,
    string RegistryMethod,
    HookParameter[] Parameters,
    HookResult Result,
    string? ResultMetadataName,
    string? ResultDisplayType)
{
    /// <summary>The expected signature, for diagnostics.</summary>
    public string Signature
    {
        get
        {
            var returns = Result switch
            {
                HookResult.Void => "void",
                HookResult.Completion => "void, Task or ValueTask",
                HookResult.AsyncValue => $"{ResultDisplayType}? (or a Task/ValueTask of it)",
                _ => $"{ResultDisplayType}? or IEnumerable<{ResultDisplayType}>",
            };
            var parameters = string.Join(", ", Parameters.Select(p => p.DisplayType + " " + p.Name));
            return $"{MethodName}({parameters}) returning {returns}; any of the parameters may be left out, in any order";
        }
    }
}

/// <summary>
/// The hooks plugins may implement, in the order the registry calls them per plugin. Each group of
/// hooks lives in its own file (HookCatalog.&lt;Group&gt;.cs) as a method, so the order of static
/// initialisation across partial files never matters.
/// </summary>
internal static partial class HookCatalog
{
    public const string HookAttribute = "Datasette.Gen.Runtime.Plugins.DatasetteHookAttribute";
    public const string RegistryType = "Datasette.Gen.Runtime.Plugins.PluginRegistry";
    public const string RuntimeAssembly = "Datasette.Gen.Runtime";

    private const string Hooks = "Datasette.Gen.Runtime.Plugins.Hooks.";
    private static readonly HookParameter Datasette = new("datasette", "Datasette.Gen.Runtime.Datasette", "Datasette");

    public static IReadOnlyList<HookDefinition> All { get; } =
        CoreHooks().Concat(PageHooks()).Concat(ActionHooks()).Concat(ApiHooks()).Concat(ServerHooks()).ToArray();

    /// <summary>The hooks of the first release: start-up, connections, actors, permissions, routes, column types, tokens, events.</summary>
    private static IEnumerable<HookDefinition> CoreHooks() => new[]
    {
        new HookDefinition("startup", "Startup", Hooks + "IStartup", "StartupAsync", ReturnShape.ValueTask, "AddStartup",
            new[] { Datasette }, HookResult.Completion, null, null),
        new HookDefinition("prepare_connection", "PrepareConnection", Hooks + "IPrepareConnection", "PrepareConnection", ReturnShape.Void, "AddPrepareConnection",
            new[]
            {
                new HookParameter("connection", "Microsoft.Data.Sqlite.SqliteConnection", "SqliteConnection"),
                new HookParameter("database", "Datasette.Gen.Runtime.Data.Database", "Database"),
                Datasette,
            },
            HookResult.Void, null, null),
        new HookDefinition("actor_from_request", "ActorFromRequest", Hooks + "IActorFromRequest", "ActorFromRequestAsync", ReturnShape.ValueTaskOfValue, "AddActorFromRequest",
            new[] { Datasette, new HookParameter("request", "Datasette.Gen.Runtime.Http.DatasetteRequest", "DatasetteRequest") },
            HookResult.AsyncValue, "System.Text.Json.Nodes.JsonObject", "JsonObject"),
        new HookDefinition("permission_resources_sql", "PermissionResourcesSql", Hooks + "IPermissionResourcesSql", "PermissionResourcesSql", ReturnShape.Enumerable, "AddPermissionResourcesSql",
            new[]
            {
                Datasette,
                new HookParameter("actor", "System.Text.Json.Nodes.JsonObject", "JsonObject?"),
                new HookParameter("action", "System.String", "string"),
            },
            HookResult.Many, "Datasette.Gen.Runtime.Permissions.PermissionSql", "PermissionSql"),
        new HookDefinition("register_routes", "RegisterRoutes", Hooks + "IRegisterRoutes", "RegisterRoutes", ReturnShape.Enumerable, "AddRegisterRoutes",
            new[] { Datasette }, HookResult.Many, "Datasette.Gen.Runtime.Plugins.PluginRoute", "PluginRoute"),
        new HookDefinition("register_column_types", "RegisterColumnTypes", Hooks + "IRegisterColumnTypes", "RegisterColumnTypes", ReturnShape.Enumerable, "AddRegisterColumnTypes",
            new[] { Datasette }, HookResult.Many, "Datasette.Gen.Runtime.ColumnTypes.ColumnType", "ColumnType"),
        new HookDefinition("register_token_handler", "RegisterTokenHandler", Hooks + "IRegisterTokenHandler", "RegisterTokenHandler", ReturnShape.Value, "AddRegisterTokenHandler",
            new[] { Datasette }, HookResult.Many, "Datasette.Gen.Runtime.Tokens.ITokenHandler", "ITokenHandler"),
        new HookDefinition("actors_from_ids", "ActorsFromIds", Hooks + "IActorsFromIds", "ActorsFromIdsAsync", ReturnShape.ValueTaskOfValue, "AddActorsFromIds",
            new[] { Datasette, new HookParameter("actorIds", "System.Collections.Generic.IReadOnlyList`1[Datasette.Gen.Runtime.ActorId]", "IReadOnlyList<ActorId>") },
            HookResult.AsyncValue, "System.Collections.Generic.IReadOnlyDictionary`2[Datasette.Gen.Runtime.ActorId,System.Text.Json.Nodes.JsonObject]", "IReadOnlyDictionary<ActorId, JsonObject>"),
        new HookDefinition("track_event", "TrackEvent", Hooks + "ITrackEvent", "TrackEventAsync", ReturnShape.ValueTask, "AddTrackEvent",
            new[] { Datasette, new HookParameter("datasetteEvent", "Datasette.Gen.Runtime.Events.DatasetteEvent", "DatasetteEvent") },
            HookResult.Completion, null, null),
    };

    /// <summary>The name Datasette's /-/plugins.json lists for a class with [DatasetteAction]s.</summary>
    public const string RegisterActions = "register_actions";

    /// <summary>The hook a [DatasetteHook] method name spells (an Async suffix allowed), or null.</summary>
    public static HookDefinition? ForMethodName(string name)
    {
        var bare = name.EndsWith("Async", System.StringComparison.Ordinal) ? name.Substring(0, name.Length - "Async".Length) : name;
        return All.FirstOrDefault(h => h.MethodName == bare);
    }

    public static HookDefinition ByName(string hook) => All.First(h => h.Name == hook);
}
