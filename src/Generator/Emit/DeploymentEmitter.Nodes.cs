using Datasette.Gen.Configuration.Tree;

namespace Datasette.Gen.Generator.Emit;

internal static partial class DeploymentEmitter
{
    private static void WriteNode(SourceWriter writer, ConfigNode? node)
    {
        switch (node)
        {
            case null:
                writer.Write("null");
                break;
            case ConfigScalar scalar:
                writer.Write($"new {TypeNames.ConfigScalar}({TypeNames.ScalarKind}.{scalar.Kind}, {CSharpLiteral.String(scalar.Text)}, {Span(scalar.Span)})");
                break;
            case ConfigSequence sequence:
                writer.Write($"new {TypeNames.ConfigSequence}(");
                WriteArray(writer, TypeNames.ConfigNode, sequence.Items, WriteNode);
                writer.Write($", {Span(sequence.Span)})");
                break;
            case ConfigMapping mapping:
                WriteMapping(writer, mapping);
                break;
            default:
                throw new InvalidOperationException("Unknown configuration node " + node.GetType().Name);
        }
    }

    private static void WriteMapping(SourceWriter writer, ConfigMapping mapping)
    {
        writer.Write($"new {TypeNames.ConfigMapping}(");
        WriteArray(writer, TypeNames.ConfigEntry, mapping.Entries, WriteEntry);
        writer.Write($", {Span(mapping.Span)})");
    }

    private static void WriteEntry(SourceWriter writer, ConfigEntry entry)
    {
        writer.Write($"new({CSharpLiteral.String(entry.Key)}, {Span(entry.KeySpan)}, ");
        WriteNode(writer, entry.Value);
        writer.Write(")");
    }
}
