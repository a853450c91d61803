namespace Datasette.Gen.Runtime.Plugins;

public sealed partial class PluginRegistry
{
    public List<HookImplementation<RegisterOutputRendererHook>> RegisterOutputRenderer { get; } = new();

    public List<HookImplementation<RegisterFacetClassesHook>> RegisterFacetClasses { get; } = new();

    public List<HookImplementation<FiltersFromRequestHook>> FiltersFromRequest { get; } = new();

    public List<HookImplementation<RegisterMagicParametersHook>> RegisterMagicParameters { get; } = new();

    public List<HookImplementation<JumpItemsSqlHook>> JumpItemsSql { get; } = new();

    public PluginRegistry AddRegisterOutputRenderer(string plugin, RegisterOutputRendererHook hook) => Add(RegisterOutputRenderer, plugin, hook);

    public PluginRegistry AddRegisterFacetClasses(string plugin, RegisterFacetClassesHook hook) => Add(RegisterFacetClasses, plugin, hook);

    public PluginRegistry AddFiltersFromRequest(string plugin, FiltersFromRequestHook hook) => Add(FiltersFromRequest, plugin, hook);

    public PluginRegistry AddRegisterMagicParameters(string plugin, RegisterMagicParametersHook hook) => Add(RegisterMagicParameters, plugin, hook);

    public PluginRegistry AddJumpItemsSql(string plugin, JumpItemsSqlHook hook) => Add(JumpItemsSql, plugin, hook);
}
