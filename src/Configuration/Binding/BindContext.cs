using Datasette.Gen.Configuration.Diagnostics;
using Datasette.Gen.Configuration.Tree;

namespace Datasette.Gen.Configuration.Binding;

/// <summary>Collects diagnostics while binding and offers the small typed readers every binder needs.</summary>
internal sealed class BindContext
{
    private readonly List<ConfigDiagnostic> _diagnostics = new();

    public IReadOnlyList<ConfigDiagnostic> Diagnostics => _diagnostics;

    public void Report(ConfigDiagnosticDescriptor descriptor, SourceSpan span, params object?[] args) =>
        _diagnostics.Add(ConfigDiagnostic.Create(descriptor, span, args));

    public void AddRange(IEnumerable<ConfigDiagnostic> diagnostics) => _diagnostics.AddRange(diagnostics);

    public static string Describe(ConfigNode node) => node is ConfigScalar scalar
        ? $"{scalar.TypeName} {scalar.PythonRepr}"
        : node.TypeName;

    public ConfigMapping? Mapping(ConfigNode? node, string where)
    {
        switch (node)
        {
            case null:
            case ConfigScalar { Kind: ScalarKind.Null }:
                return null;
            case ConfigMapping mapping:
                return mapping;
            default:
                Report(DiagnosticCatalog.WrongShape, node.Span, where, "a mapping", Describe(node));
                return null;
        }
    }

    public string? String(ConfigNode? node, string where)
    {
        switch (node)
        {
            case null:
            case ConfigScalar { Kind: ScalarKind.Null }:
                return null;
            case ConfigScalar { Kind: ScalarKind.String } scalar:
                return scalar.Text;
            default:
                Report(DiagnosticCatalog.WrongShape, node.Span, where, "a string", Describe(node));
                return null;
        }
    }

    public bool? Boolean(ConfigNode? node, string where)
    {
        switch (node)
        {
            case null:
            case ConfigScalar { Kind: ScalarKind.Null }:
                return null;
            case ConfigScalar { Kind: ScalarKind.Boolean } scalar:
                return scalar.BooleanValue;
            default:
                Report(DiagnosticCatalog.WrongShape, node.Span, where, "true or false", Describe(node));
                return null;
        }
    }

    public EquatableArray<string>? StringList(ConfigNode? node, string where)
    {
        switch (node)
        {
            case null:
            case ConfigScalar { Kind: ScalarKind.Null }:
                return null;
            case ConfigSequence sequence:
                var items = new List<string>(sequence.Items.Count);
                foreach (var item in sequence.Items)
                {
                    if (item is ConfigScalar { Kind: ScalarKind.String } text)
                    {
                        items.Add(text.Text);
                    }
                    else
                    {
                        Report(DiagnosticCatalog.WrongShape, item.Span, where + " entries", "strings", Describe(item));
                    }
                }
                return items.ToEquatableArray();
            default:
                Report(DiagnosticCatalog.WrongShape, node.Span, where, "a list", Describe(node));
                return null;
        }
    }
}
