namespace Datasette.Gen.Runtime.Plugins;

/// <summary>The Server group: forbidden, handle_exception, register_events, write_wrapper, asgi_wrapper, register_commands.</summary>
public sealed partial class PluginRegistry
{
    public List<HookImplementation<ForbiddenHook>> Forbidden { get; } = new();

    public List<HookImplementation<HandleExceptionHook>> HandleException { get; } = new();

    public List<HookImplementation<RegisterEventsHook>> RegisterEvents { get; } = new();

    public List<HookImplementation<WriteWrapperHook>> WriteWrapper { get; } = new();

    public List<HookImplementation<AsgiWrapperHook>> AsgiWrapper { get; } = new();

    public List<HookImplementation<RegisterCommandsHook>> RegisterCommands { get; } = new();

    public PluginRegistry AddForbidden(string plugin, ForbiddenHook hook) => Add(Forbidden, plugin, hook);

    public PluginRegistry AddHandleException(string plugin, HandleExceptionHook hook) => Add(HandleException, plugin, hook);

    public PluginRegistry AddRegisterEvents(string plugin, RegisterEventsHook hook) => Add(RegisterEvents, plugin, hook);

    public PluginRegistry AddWriteWrapper(string plugin, WriteWrapperHook hook) => Add(WriteWrapper, plugin, hook);

    public PluginRegistry AddAsgiWrapper(string plugin, AsgiWrapperHook hook) => Add(AsgiWrapper, plugin, hook);

    public PluginRegistry AddRegisterCommands(string plugin, RegisterCommandsHook hook) => Add(RegisterCommands, plugin, hook);
}
