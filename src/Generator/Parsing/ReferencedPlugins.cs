using Datasette.Gen.Configuration;
using Datasette.Gen.Generator.Model;
using Microsoft.CodeAnalysis;

namespace Datasette.Gen.Generator.Parsing;

/// <summary>
/// Plugin classes shipped in referenced libraries. Only assemblies that reference the runtime can
/// hold one, so the walk over types is limited to those (cheap enough to redo on every edit).
/// </summary>
internal static class ReferencedPlugins
{
    public static ReferencedPluginsModel Read(Compilation compilation, CancellationToken cancellationToken)
    {
        var runtimeAvailable = compilation.GetTypeByMetadataName(HookCatalog.RegistryType) is not null;
        if (!runtimeAvailable)
        {
            return new ReferencedPluginsModel(false, EquatableArray<PluginClassModel>.Empty);
        }
        var plugins = new List<PluginClassModel>();
        foreach (var reference in compilation.References)
        {
            if (compilation.GetAssemblyOrModuleSymbol(reference) is not IAssemblySymbol assembly
                || assembly.Name == HookCatalog.RuntimeAssembly
                || !assembly.Modules.Any(m => m.ReferencedAssemblies.Any(r => r.Name == HookCatalog.RuntimeAssembly)))
            {
                continue;
            }
            Walk(assembly.GlobalNamespace, compilation, plugins, cancellationToken);
        }
        return new ReferencedPluginsModel(true, plugins.OrderBy(p => p.TypeName, System.StringComparer.Ordinal).ToEquatableArray());
    }

    private static void Walk(INamespaceOrTypeSymbol container, Compilation compilation, List<PluginClassModel> plugins, CancellationToken cancellationToken)
    {
        foreach (var member in container.GetMembers())
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (member is INamespaceSymbol ns)
            {
                Walk(ns, compilation, plugins, cancellationToken);
            }
            else if (member is INamedTypeSymbol { TypeKind: TypeKind.Class } type)
            {
                if (PluginClasses.IsPlugin(type))
                {
                    plugins.Add(PluginClasses.Analyze(type, compilation, fromSource: false, location: null, cancellationToken));
                }
                Walk(type, compilation, plugins, cancellationToken);
            }
        }
    }
}
