using System.Collections.Immutable;
using Datasette.Gen.Configuration;
using Datasette.Gen.Configuration.Binding;
using Datasette.Gen.Configuration.Diagnostics;
using Datasette.Gen.Configuration.Model;
using Datasette.Gen.Generator.Diagnostics;
using Datasette.Gen.Generator.Model;

namespace Datasette.Gen.Generator.Parsing;

/// <summary>
/// Datasette's action registration at build time: built-in actions first, then plugin actions
/// in source order; a name or abbreviation already taken is an error at the attribute.
/// </summary>
internal static class ActionRegistry
{
    public static ActionsOutcome Build(ImmutableArray<EquatableArray<PluginActionDeclaration>> classes)
    {
        var declarations = classes.SelectMany(c => c)
            .OrderBy(d => d.FilePath, System.StringComparer.Ordinal)
            .ThenBy(d => d.Span.Start)
            .ToList();
        var owners = new Dictionary<string, string>(System.StringComparer.Ordinal);
        var abbreviations = new Dictionary<string, string>(System.StringComparer.Ordinal);
        var actions = new List<ActionDefinition>(ActionDefinition.BuiltIn);
        foreach (var builtIn in ActionDefinition.BuiltIn)
        {
            owners[builtIn.Name] = "a built-in action";
            abbreviations[builtIn.Abbr!] = $"built-in action '{builtIn.Name}'";
        }
        var diagnostics = new List<DiagnosticInfo>();
        var plugin = new List<PluginActionDeclaration>();
        foreach (var declaration in declarations)
        {
            var action = declaration.Action;
            if (!declaration.IsPluginClass)
            {
                diagnostics.Add(Report(GeneratorCatalog.ActionOutsidePlugin, declaration, action.Name, declaration.PluginType));
            }
            else if (owners.TryGetValue(action.Name, out var owner))
            {
                diagnostics.Add(Report(GeneratorCatalog.DuplicateActionName, declaration, action.Name, owner));
            }
            else if (action.Abbr is { } abbr && abbreviations.TryGetValue(abbr, out var abbrOwner))
            {
                diagnostics.Add(Report(GeneratorCatalog.DuplicateActionAbbr, declaration, abbr, abbrOwner));
            }
            else
            {
                owners[action.Name] = declaration.PluginType;
                if (action.Abbr is { } newAbbr)
                {
                    abbreviations[newAbbr] = $"action '{action.Name}' of {declaration.PluginType}";
                }
                actions.Add(action);
                plugin.Add(declaration);
            }
        }
        foreach (var declaration in plugin)
        {
            if (declaration.Action.AlsoRequires is { } required && !owners.ContainsKey(required))
            {
                diagnostics.Add(Report(GeneratorCatalog.UnknownRequiredAction, declaration, declaration.Action.Name, required, ConfigBinder.Suggest(required, owners.Keys)));
            }
        }
        return new ActionsOutcome(
            new ActionsModel(actions.OrderBy(a => a.Name, System.StringComparer.Ordinal).ToEquatableArray()),
            plugin.Select(p => p.Action.Name).OrderBy(n => n, System.StringComparer.Ordinal).ToEquatableArray(),
            diagnostics.ToEquatableArray());
    }

    private static DiagnosticInfo Report(ConfigDiagnosticDescriptor descriptor, PluginActionDeclaration declaration, params object?[] args) =>
        DiagnosticInfo.From(ConfigDiagnostic.Create(descriptor, declaration.Span, args), declaration.FilePath);
}
