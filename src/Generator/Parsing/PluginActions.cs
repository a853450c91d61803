using Datasette.Gen.Configuration;
using Datasette.Gen.Configuration.Model;
using Datasette.Gen.Configuration.Tree;
using Datasette.Gen.Generator.Model;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Datasette.Gen.Generator.Parsing;

/// <summary>Reads the <c>[DatasetteAction]</c> attributes of one class into plain data.</summary>
internal static class PluginActions
{
    public const string ActionAttribute = "Datasette.Gen.Runtime.Plugins.DatasetteActionAttribute";
    public const string PluginAttribute = "Datasette.Gen.Runtime.Plugins.DatasettePluginAttribute";

    public static bool IsClass(SyntaxNode node, CancellationToken _) => node is ClassDeclarationSyntax;

    public static EquatableArray<PluginActionDeclaration> Read(GeneratorAttributeSyntaxContext context, CancellationToken cancellationToken)
    {
        var type = context.TargetSymbol;
        var isPlugin = type.GetAttributes().Any(a => a.AttributeClass?.ToDisplayString() == PluginAttribute);
        var pluginType = type.ToDisplayString(SymbolDisplayFormat.FullyQualifiedFormat);
        var declarations = new List<PluginActionDeclaration>(context.Attributes.Length);
        foreach (var attribute in context.Attributes)
        {
            var arguments = Arguments(attribute);
            var resource = arguments.TryGetValue("resource", out var kind) && kind is int value && value >= 0 && value <= (int)ResourceKind.Query
                ? (ResourceKind)value
                : ResourceKind.Instance;
            var action = new ActionDefinition(
                Text(arguments, "name") ?? string.Empty,
                Text(arguments, "abbr"),
                resource,
                Text(arguments, "alsoRequires"),
                DefaultAllow: false,
                Text(arguments, "description") ?? string.Empty);
            var location = attribute.ApplicationSyntaxReference?.GetSyntax(cancellationToken).GetLocation() ?? Location.None;
            var (filePath, span) = SourceLocations.ToSpan(location);
            declarations.Add(new PluginActionDeclaration(action, pluginType, isPlugin, filePath, span));
        }
        return declarations.ToEquatableArray();
    }

    /// <summary>Constructor arguments by parameter name (defaults included), then named arguments.</summary>
    private static Dictionary<string, object?> Arguments(AttributeData attribute)
    {
        var arguments = new Dictionary<string, object?>(System.StringComparer.OrdinalIgnoreCase);
        var parameters = attribute.AttributeConstructor?.Parameters ?? default;
        for (var i = 0; i < attribute.ConstructorArguments.Length && !parameters.IsDefault && i < parameters.Length; i++)
        {
            arguments[parameters[i].Name] = Value(attribute.ConstructorArguments[i]);
        }
        foreach (var named in attribute.NamedArguments)
        {
            arguments[named.Key] = Value(named.Value);
        }
        return arguments;
    }

    private static object? Value(TypedConstant constant) => constant.Kind == TypedConstantKind.Array ? null : constant.Value;

    private static string? Text(Dictionary<string, object?> arguments, string name) =>
        arguments.TryGetValue(name, out var value) ? value as string : null;
}
