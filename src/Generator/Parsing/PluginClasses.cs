using Datasette.Gen.Configuration;
using Datasette.Gen.Configuration.Diagnostics;
using Datasette.Gen.Generator.Diagnostics;
using Datasette.Gen.Generator.Model;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Datasette.Gen.Generator.Parsing;

/// <summary>
/// Reads a [DatasettePlugin] class into plain data: whether the deployment can create it, the hooks
/// it implements through interfaces and [DatasetteHook] methods, how to call each, and what is wrong.
/// </summary>
internal static class PluginClasses
{
    public static bool IsClass(SyntaxNode node, CancellationToken _) => node is ClassDeclarationSyntax;

    public static bool IsMethod(SyntaxNode node, CancellationToken _) => node is MethodDeclarationSyntax;

    public static PluginClassModel Read(GeneratorAttributeSyntaxContext context, CancellationToken cancellationToken)
    {
        var node = (ClassDeclarationSyntax)context.TargetNode;
        return Analyze((INamedTypeSymbol)context.TargetSymbol, context.SemanticModel.Compilation, fromSource: true, node.Identifier.GetLocation(), cancellationToken);
    }

    /// <summary>A [DatasetteHook] method outside a plugin class is an error; inside one, <see cref="Read"/> handles it.</summary>
    public static EquatableArray<DiagnosticInfo> CheckHookMethod(GeneratorAttributeSyntaxContext context, CancellationToken _)
    {
        var method = (IMethodSymbol)context.TargetSymbol;
        if (IsPlugin(method.ContainingType))
        {
            return EquatableArray<DiagnosticInfo>.Empty;
        }
        var location = ((MethodDeclarationSyntax)context.TargetNode).Identifier.GetLocation();
        return new[] { Report(GeneratorCatalog.HookOutsidePlugin, location, method.Name, Display(method.ContainingType)) }.ToEquatableArray();
    }

    public static bool IsPlugin(INamedTypeSymbol? type) =>
        type is not null && type.GetAttributes().Any(a => a.AttributeClass?.ToDisplayString() == PluginActions.PluginAttribute);

    public static PluginClassModel Analyze(INamedTypeSymbol type, Compilation compilation, bool fromSource, Location? location, CancellationToken cancellationToken)
    {
        var diagnostics = new List<DiagnosticInfo>();
        var name = PluginName(type);
        var typeName = Display(type);
        var canCreate = CheckCreatable(type, fromSource, location, diagnostics);
        var runtime = compilation.GetTypeByMetadataName(HookCatalog.RegistryType) is not null;
        var wirings = new List<HookWiring>();
        var implementedBy = new Dictionary<string, ISymbol>();
        if (runtime)
        {
            foreach (var hook in HookCatalog.All)
            {
                if (compilation.GetTypeByMetadataName(hook.Interface) is not { } hookInterface || !type.AllInterfaces.Contains(hookInterface, SymbolEqualityComparer.Default))
                {
                    continue;
                }
                var member = hookInterface.GetMembers(hook.InterfaceMethod).FirstOrDefault();
                implementedBy[hook.Name] = (member is null ? null : type.FindImplementationForInterfaceMember(member)) ?? hookInterface;
                wirings.Add(new HookWiring(hook.Name, CallKind.Interface, hook.InterfaceMethod,
                    Enumerable.Range(0, hook.Parameters.Length).ToEquatableArray(), hook.InterfaceShape));
            }
        }
        foreach (var method in type.GetMembers().OfType<IMethodSymbol>())
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (!method.GetAttributes().Any(a => a.AttributeClass?.ToDisplayString() == HookCatalog.HookAttribute))
            {
                continue;
            }
            var methodLocation = method.Locations.FirstOrDefault();
            var hook = HookCatalog.ForMethodName(method.Name);
            if (hook is null)
            {
                var known = HookCatalog.All.Select(h => h.MethodName).ToList();
                diagnostics.Add(Report(GeneratorCatalog.UnknownHook, methodLocation, method.Name,
                    Configuration.Binding.ConfigBinder.Suggest(method.Name, known), string.Join(", ", known)));
                continue;
            }
            if (implementedBy.TryGetValue(hook.Name, out var existing))
            {
                if (!SymbolEqualityComparer.Default.Equals(existing, method))
                {
                    diagnostics.Add(Report(GeneratorCatalog.DuplicateHook, methodLocation, typeName, hook.Name));
                }
                continue;
            }
            if (!runtime)
            {
                continue;
            }
            var wiring = Match(method, hook, compilation, fromSource, out var problem);
            if (wiring is null)
            {
                diagnostics.Add(Report(GeneratorCatalog.HookSignatureMismatch, methodLocation, typeName + "." + method.Name, hook.Name, problem, hook.Signature));
                continue;
            }
            implementedBy[hook.Name] = method;
            wirings.Add(wiring);
        }
        var hooks = wirings.Select(w => w.Hook).ToList();
        if (type.GetAttributes().Any(a => a.AttributeClass?.ToDisplayString() == PluginActions.ActionAttribute))
        {
            hooks.Add(HookCatalog.RegisterActions);
        }
        var order = HookCatalog.All.Select(h => h.Name).ToList();
        var (filePath, span) = SourceLocations.ToSpan(location);
        return new PluginClassModel(
            name,
            typeName,
            fromSource ? null : type.ContainingAssembly.Identity.Version.ToString(3),
            type.IsStatic,
            canCreate,
            hooks.OrderBy(h => h, System.StringComparer.Ordinal).ToEquatableArray(),
            wirings.OrderBy(w => order.IndexOf(w.Hook)).ToEquatableArray(),
            diagnostics.ToEquatableArray(),
            filePath,
            span);
    }

    /// <summary>The plugin's name: the attribute's argument, else the class name.</summary>
    private static string PluginName(INamedTypeSymbol type)
    {
        var attribute = type.GetAttributes().First(a => a.AttributeClass?.ToDisplayString() == PluginActions.PluginAttribute);
        return attribute.ConstructorArguments.Length > 0 && attribute.ConstructorArguments[0].Value is string { Length: > 0 } name ? name : type.Name;
    }

    private static bool CheckCreatable(INamedTypeSymbol type, bool fromSource, Location? location, List<DiagnosticInfo> diagnostics)
    {
        string? problem = null;
        if (type.IsGenericType)
        {
            problem = "it is generic";
        }
        else if (!IsAccessible(type, fromSource))
        {
            problem = fromSource ? "it is not accessible from the generated code (make it and its containing types public or internal)" : "it is not public";
        }
        else if (type.IsAbstract && !type.IsStatic)
        {
            problem = "it is abstract";
        }
        else if (!type.IsStatic && !type.InstanceConstructors.Any(c => c.Parameters.Length == 0 && IsAccessible(c, fromSource)))
        {
            problem = "it needs a public parameterless constructor (one instance of each plugin is created at start-up)";
        }
        if (problem is null)
        {
            return true;
        }
        diagnostics.Add(Report(GeneratorCatalog.PluginNotCreatable, location, Display(type), problem));
        return false;
    }

    private static HookWiring? Match(IMethodSymbol method, HookDefinition hook, Compilation compilation, bool fromSource, out string problem)
    {
        problem = "";
        if (method.IsGenericMethod)
        {
            problem = "it is generic";
            return null;
        }
        if (!IsAccessible(method, fromSource))
        {
            problem = fromSource ? "it must be public or internal" : "it must be public";
            return null;
        }
        var hookTypes = hook.Parameters.Select(p => Resolve(compilation, p.MetadataName)).ToArray();
        var used = new bool[hook.Parameters.Length];
        var arguments = new List<int>();
        foreach (var parameter in method.Parameters)
        {
            if (parameter.RefKind != RefKind.None || parameter.IsParams)
            {
                problem = $"parameter '{parameter.Name}' must be a plain parameter";
                return null;
            }
            var candidates = Enumerable.Range(0, hookTypes.Length)
                .Where(i => !used[i] && hookTypes[i] is { } hookType && Converts(compilation, hookType, parameter.Type))
                .ToList();
            if (candidates.Count == 0)
            {
                problem = $"parameter '{parameter.Name}' ({parameter.Type.ToDisplayString()}) is not one of the hook's parameters";
                return null;
            }
            var named = candidates.Where(i => hook.Parameters[i].Name == parameter.Name).ToList();
            var chosen = named.Count > 0 ? named[0] : candidates[0];
            used[chosen] = true;
            arguments.Add(chosen);
        }
        var shape = Classify(method.ReturnType, hook, compilation);
        if (shape is null)
        {
            problem = $"it returns {method.ReturnType.ToDisplayString()}";
            return null;
        }
        return new HookWiring(hook.Name, method.IsStatic ? CallKind.Static : CallKind.Instance, method.Name, arguments.ToEquatableArray(), shape.Value);
    }

    private static ReturnShape? Classify(ITypeSymbol returnType, HookDefinition hook, Compilation compilation)
    {
        var task = compilation.GetTypeByMetadataName("System.Threading.Tasks.Task");
        var valueTask = compilation.GetTypeByMetadataName("System.Threading.Tasks.ValueTask");
        var taskOf = compilation.GetTypeByMetadataName("System.Threading.Tasks.Task`1");
        var valueTaskOf = compilation.GetTypeByMetadataName("System.Threading.Tasks.ValueTask`1");
        var isVoid = returnType.SpecialType == SpecialType.System_Void;
        switch (hook.Result)
        {
            case HookResult.Void:
                return isVoid ? ReturnShape.Void : null;
            case HookResult.Completion:
                return isVoid ? ReturnShape.Void
                    : SymbolEqualityComparer.Default.Equals(returnType, task) ? ReturnShape.Task
                    : SymbolEqualityComparer.Default.Equals(returnType, valueTask) ? ReturnShape.ValueTask
                    : null;
        }
        if (Resolve(compilation, hook.ResultMetadataName!) is not { } result)
        {
            return null;
        }
        if (Converts(compilation, returnType, result))
        {
            return ReturnShape.Value;
        }
        if (hook.Result == HookResult.AsyncValue && returnType is INamedTypeSymbol { IsGenericType: true } generic && Converts(compilation, generic.TypeArguments[0], result))
        {
            if (SymbolEqualityComparer.Default.Equals(generic.OriginalDefinition, taskOf))
            {
                return ReturnShape.TaskOfValue;
            }
            if (SymbolEqualityComparer.Default.Equals(generic.OriginalDefinition, valueTaskOf))
            {
                return ReturnShape.ValueTaskOfValue;
            }
        }
        if (hook.Result == HookResult.Many
            && compilation.GetTypeByMetadataName("System.Collections.Generic.IEnumerable`1") is { } enumerable
            && Converts(compilation, returnType, enumerable.Construct(result)))
        {
            return ReturnShape.Enumerable;
        }
        return null;
    }

    /// <summary>Identity or reference conversions only: what a lambda can pass or return without surprises.</summary>
    private static bool Converts(Compilation compilation, ITypeSymbol from, ITypeSymbol to)
    {
        var conversion = compilation.ClassifyCommonConversion(from, to);
        return conversion.IsImplicit && (conversion.IsIdentity || conversion.IsReference);
    }

    /// <summary>A metadata name, with generic arguments written as <c>Name`1[Arg,Arg]</c>.</summary>
    private static ITypeSymbol? Resolve(Compilation compilation, string metadataName)
    {
        var open = metadataName.IndexOf('[');
        if (open < 0)
        {
            return compilation.GetTypeByMetadataName(metadataName);
        }
        var definition = compilation.GetTypeByMetadataName(metadataName.Substring(0, open));
        var arguments = metadataName.Substring(open + 1, metadataName.Length - open - 2).Split(',').Select(a => Resolve(compilation, a.Trim())).ToArray();
        return definition is null || arguments.Any(a => a is null) ? null : definition.Construct(arguments!);
    }

    private static bool IsAccessible(ISymbol symbol, bool fromSource)
    {
        for (var current = symbol; current is not null and not INamespaceSymbol; current = current.ContainingSymbol)
        {
            var accessible = current.DeclaredAccessibility switch
            {
                Accessibility.Public => true,
                Accessibility.Internal or Accessibility.ProtectedOrInternal => fromSource,
                _ => false,
            };
            if (!accessible)
            {
                return false;
            }
        }
        return true;
    }

    private static string Display(ITypeSymbol type) => type.ToDisplayString(SymbolDisplayFormat.FullyQualifiedFormat);

    private static DiagnosticInfo Report(ConfigDiagnosticDescriptor descriptor, Location? location, params object?[] args)
    {
        var (filePath, span) = SourceLocations.ToSpan(location);
        return DiagnosticInfo.From(ConfigDiagnostic.Create(descriptor, span, args), filePath);
    }
}
