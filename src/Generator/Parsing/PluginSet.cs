using System.Collections.Immutable;
using Datasette.Gen.Configuration;
using Datasette.Gen.Configuration.Diagnostics;
using Datasette.Gen.Generator.Diagnostics;
using Datasette.Gen.Generator.Model;

namespace Datasette.Gen.Generator.Parsing;

/// <summary>
/// The deployment's plugins: its own classes and those of referenced libraries, sorted by name; a
/// name used twice is an error at the second class. Plugins with errors are left out of the wiring.
/// </summary>
internal static class PluginSet
{
    public static PluginsOutcome Build(ImmutableArray<PluginClassModel> local, ReferencedPluginsModel referenced)
    {
        var diagnostics = new List<DiagnosticInfo>();
        var all = referenced.Plugins
            .Concat(local.OrderBy(p => p.FilePath, System.StringComparer.Ordinal).ThenBy(p => p.Span.Start))
            .ToList();
        var owners = new Dictionary<string, string>(System.StringComparer.Ordinal);
        var wired = new List<PluginEmitModel>();
        foreach (var plugin in all)
        {
            diagnostics.AddRange(plugin.Diagnostics);
            if (owners.TryGetValue(plugin.Name, out var owner))
            {
                diagnostics.Add(DiagnosticInfo.From(ConfigDiagnostic.Create(GeneratorCatalog.DuplicatePluginName, plugin.Span, plugin.Name, owner), plugin.FilePath));
                continue;
            }
            owners[plugin.Name] = plugin.TypeName;
            if (plugin.CanCreate && !plugin.Diagnostics.Any(d => d.IsError))
            {
                wired.Add(new PluginEmitModel(plugin.Name, plugin.TypeName, plugin.Version, plugin.IsStatic, plugin.Hooks, plugin.Wirings));
            }
        }
        var model = new PluginsModel(
            referenced.RuntimeAvailable,
            wired.OrderBy(p => p.Name, System.StringComparer.Ordinal).ThenBy(p => p.TypeName, System.StringComparer.Ordinal).ToEquatableArray());
        return new PluginsOutcome(model, diagnostics.ToEquatableArray());
    }
}
