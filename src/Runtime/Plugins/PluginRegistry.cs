namespace Datasette.Gen.Runtime.Plugins;

/// <summary>
/// The deployment's plugins and their hook implementations, in call order. The generator fills it
/// (<c>Datasette.Gen.Generated.Deployment.Plugins</c>, one instance per plugin class, direct calls,
/// no reflection); tests and embedders can fill one by hand. Each group of hooks adds its lists and
/// Add methods in its own file (PluginRegistry.&lt;Group&gt;.cs).
/// </summary>
public sealed partial class PluginRegistry
{
    private readonly List<PluginInfo> _plugins = new();

    public static PluginRegistry Empty { get; } = new();

    /// <summary>The plugins, as <c>/-/plugins.json</c> lists them.</summary>
    public IReadOnlyList<PluginInfo> Plugins => _plugins;

    public List<HookImplementation<StartupHook>> Startup { get; } = new();

    public List<HookImplementation<PrepareConnectionHook>> PrepareConnection { get; } = new();

    public List<HookImplementation<ActorFromRequestHook>> ActorFromRequest { get; } = new();

    public List<HookImplementation<PermissionResourcesSqlHook>> PermissionResourcesSql { get; } = new();

    public List<HookImplementation<RegisterRoutesHook>> RegisterRoutes { get; } = new();

    public List<HookImplementation<RegisterColumnTypesHook>> RegisterColumnTypes { get; } = new();

    public List<HookImplementation<RegisterTokenHandlerHook>> RegisterTokenHandler { get; } = new();

    public List<HookImplementation<ActorsFromIdsHook>> ActorsFromIds { get; } = new();

    public List<HookImplementation<TrackEventHook>> TrackEvent { get; } = new();

    public PluginRegistry AddPlugin(PluginInfo plugin)
    {
        _plugins.Add(plugin);
        return this;
    }

    public PluginRegistry AddStartup(string plugin, StartupHook hook) => Add(Startup, plugin, hook);

    public PluginRegistry AddPrepareConnection(string plugin, PrepareConnectionHook hook) => Add(PrepareConnection, plugin, hook);

    public PluginRegistry AddActorFromRequest(string plugin, ActorFromRequestHook hook) => Add(ActorFromRequest, plugin, hook);

    public PluginRegistry AddPermissionResourcesSql(string plugin, PermissionResourcesSqlHook hook) => Add(PermissionResourcesSql, plugin, hook);

    public PluginRegistry AddRegisterRoutes(string plugin, RegisterRoutesHook hook) => Add(RegisterRoutes, plugin, hook);

    public PluginRegistry AddRegisterColumnTypes(string plugin, RegisterColumnTypesHook hook) => Add(RegisterColumnTypes, plugin, hook);

    public PluginRegistry AddRegisterTokenHandler(string plugin, RegisterTokenHandlerHook hook) => Add(RegisterTokenHandler, plugin, hook);

    public PluginRegistry AddActorsFromIds(string plugin, ActorsFromIdsHook hook) => Add(ActorsFromIds, plugin, hook);

    public PluginRegistry AddTrackEvent(string plugin, TrackEventHook hook) => Add(TrackEvent, plugin, hook);

    private PluginRegistry Add<T>(List<HookImplementation<T>> hooks, string plugin, T hook)
    {
        hooks.Add(new HookImplementation<T>(plugin, hook));
        return this;
    }
}
