using Datasette.Gen.Configuration.Diagnostics;
using Datasette.Gen.Configuration.Tree;

namespace Datasette.Gen.Configuration.Binding;

/// <summary>
/// Checks the shape of an allow block: true, false, null, 1, 0, or a mapping from actor keys
/// to a value or a list of values (strings, numbers or booleans).
/// </summary>
internal static class AllowBlockValidator
{
    public static ConfigNode? Validate(ConfigNode? node, string where, BindContext context)
    {
        switch (node)
        {
            case null:
            case ConfigScalar { Kind: ScalarKind.Null }:
                return null;
            case ConfigScalar { Kind: ScalarKind.Boolean }:
                return node;
            case ConfigScalar { Kind: ScalarKind.Integer } number when number.Text is "0" or "1":
                return node;
            case ConfigScalar scalar:
                context.Report(DiagnosticCatalog.InvalidAllowBlock, scalar.Span, where, $"expected true, false or a mapping of actor keys, got {BindContext.Describe(scalar)}");
                return null;
            case ConfigSequence:
                context.Report(DiagnosticCatalog.InvalidAllowBlock, node.Span, where, "expected true, false or a mapping of actor keys, got a list");
                return null;
        }
        var valid = true;
        foreach (var entry in ((ConfigMapping)node).Entries)
        {
            switch (entry.Value)
            {
                case ConfigScalar { Kind: not ScalarKind.Null }:
                    break;
                case ConfigSequence list:
                    foreach (var item in list.Items)
                    {
                        if (item is not ConfigScalar { Kind: not ScalarKind.Null })
                        {
                            context.Report(DiagnosticCatalog.InvalidAllowBlock, item.Span, where + "." + entry.Key, "list entries must be strings or numbers");
                            valid = false;
                        }
                    }
                    break;
                default:
                    context.Report(DiagnosticCatalog.InvalidAllowBlock, entry.Value.Span, where + "." + entry.Key, $"expected a value or a list of values, got {BindContext.Describe(entry.Value)}");
                    valid = false;
                    break;
            }
        }
        return valid ? node : null;
    }
}
