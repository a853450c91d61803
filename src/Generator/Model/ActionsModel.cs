using Datasette.Gen.Configuration;
using Datasette.Gen.Configuration.Model;
using Datasette.Gen.Configuration.Tree;

namespace Datasette.Gen.Generator.Model;

/// <summary>
/// One <c>[DatasetteAction]</c> as written on a plugin class; <see cref="Span"/> and
/// <see cref="FilePath"/> locate the attribute for diagnostics.
/// </summary>
internal sealed record PluginActionDeclaration(
    ActionDefinition Action,
    string PluginType,
    bool IsPluginClass,
    string FilePath,
    SourceSpan Span);

/// <summary>Every action of the deployment, built-in and plugin, sorted by name.</summary>
internal sealed record ActionsModel(EquatableArray<ActionDefinition> Actions);

/// <summary>
/// The action registry's result: the model to emit, the plugin action names the binder accepts
/// in <c>permissions:</c> blocks, and the diagnostics — three outputs that change independently.
/// </summary>
internal sealed record ActionsOutcome(ActionsModel Model, EquatableArray<string> PluginActionNames, EquatableArray<DiagnosticInfo> Diagnostics);
