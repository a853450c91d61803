using Datasette.Gen.Configuration;
using Datasette.Gen.Configuration.Tree;

namespace Datasette.Gen.Generator.Model;

/// <summary>What a hook implementation returns, which decides the adapter the wiring emits.</summary>
internal enum ReturnShape
{
    /// <summary><c>void</c>.</summary>
    Void,

    /// <summary><c>Task</c>.</summary>
    Task,

    /// <summary><c>ValueTask</c>.</summary>
    ValueTask,

    /// <summary>The hook's result type (or one convertible to it), returned synchronously.</summary>
    Value,

    /// <summary><c>Task&lt;T&gt;</c> of the result type.</summary>
    TaskOfValue,

    /// <summary><c>ValueTask&lt;T&gt;</c> of the result type.</summary>
    ValueTaskOfValue,

    /// <summary>A sequence of the result type.</summary>
    Enumerable,
}

/// <summary>How the wiring reaches the implementation.</summary>
internal enum CallKind
{
    /// <summary>Through the hook's interface on the plugin instance.</summary>
    Interface,

    /// <summary>A [DatasetteHook] instance method.</summary>
    Instance,

    /// <summary>A [DatasetteHook] static method.</summary>
    Static,
}

/// <summary>
/// One hook implementation to wire: the hook (by its snake_case name), how to call it, which of the
/// hook's parameters (by index) go to each of the method's parameters, and what it returns.
/// </summary>
internal sealed record HookWiring(string Hook, CallKind Kind, string MethodName, EquatableArray<int> Arguments, ReturnShape Shape);

/// <summary>
/// A [DatasettePlugin] class as the generator read it: its plugin name and type, version (null for
/// the deployment's own classes), whether it is a static class, the hooks it implements (sorted,
/// snake_case, <c>register_actions</c> included), the wirings, and where it is declared.
/// </summary>
internal sealed record PluginClassModel(
    string Name,
    string TypeName,
    string? Version,
    bool IsStatic,
    bool CanCreate,
    EquatableArray<string> Hooks,
    EquatableArray<HookWiring> Wirings,
    EquatableArray<DiagnosticInfo> Diagnostics,
    string FilePath,
    SourceSpan Span);

/// <summary>Plugins found in referenced assemblies, and whether the compilation references the runtime at all.</summary>
internal sealed record ReferencedPluginsModel(bool RuntimeAvailable, EquatableArray<PluginClassModel> Plugins);

/// <summary>One plugin as Deployment.Plugins.g.cs wires it (no locations, so moving code does not regenerate it).</summary>
internal sealed record PluginEmitModel(string Name, string TypeName, string? Version, bool IsStatic, EquatableArray<string> Hooks, EquatableArray<HookWiring> Wirings);

/// <summary>What Deployment.Plugins.g.cs holds: every plugin, sorted by name; nothing when the runtime is not referenced.</summary>
internal sealed record PluginsModel(bool RuntimeAvailable, EquatableArray<PluginEmitModel> Plugins);

/// <summary>The plugin set's result: the model to emit and the diagnostics, which leave separately.</summary>
internal sealed record PluginsOutcome(PluginsModel Model, EquatableArray<DiagnosticInfo> Diagnostics);
