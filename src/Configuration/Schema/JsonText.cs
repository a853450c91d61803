using System.Globalization;
using System.Text;
using Datasette.Gen.Configuration.Tree;

namespace Datasette.Gen.Configuration.Schema;

/// <summary>
/// A tiny deterministic JSON writer over configuration trees (netstandard2.0 has no
/// System.Text.Json): keys sorted ordinally, two-space indentation, "\n" line ends, and
/// containers that hold only scalars kept on one line so diffs stay readable.
/// </summary>
public static class JsonText
{
    public static string Write(ConfigNode node)
    {
        var builder = new StringBuilder();
        Write(builder, node, 0);
        builder.Append('\n');
        return builder.ToString();
    }

    private static void Write(StringBuilder builder, ConfigNode node, int depth)
    {
        switch (node)
        {
            case ConfigMapping mapping:
                var entries = mapping.Entries.OrderBy(e => e.Key, System.StringComparer.Ordinal).ToList();
                WriteContainer(builder, '{', '}', entries.Count, IsFlat(entries.Select(e => e.Value)), depth, (i, d) =>
                {
                    WriteString(builder, entries[i].Key);
                    builder.Append(": ");
                    Write(builder, entries[i].Value, d);
                });
                break;
            case ConfigSequence sequence:
                WriteContainer(builder, '[', ']', sequence.Items.Count, IsFlat(sequence.Items), depth, (i, d) => Write(builder, sequence.Items[i], d));
                break;
            case ConfigScalar { Kind: ScalarKind.String } text:
                WriteString(builder, text.Text);
                break;
            case ConfigScalar scalar:
                builder.Append(scalar.Text);
                break;
        }
    }

    private static bool IsFlat(IEnumerable<ConfigNode> children) =>
        children.All(c => c is ConfigScalar || c is ConfigMapping { Entries.Count: 0 } || c is ConfigSequence { Items.Count: 0 });

    private static void WriteContainer(StringBuilder builder, char open, char close, int count, bool flat, int depth, System.Action<int, int> writeItem)
    {
        builder.Append(open);
        if (count == 0)
        {
            builder.Append(close);
            return;
        }
        for (var i = 0; i < count; i++)
        {
            if (flat)
            {
                builder.Append(i == 0 ? "" : ", ");
            }
            else
            {
                builder.Append(i == 0 ? "\n" : ",\n").Append(' ', (depth + 1) * 2);
            }
            writeItem(i, depth + 1);
        }
        if (!flat)
        {
            builder.Append('\n').Append(' ', depth * 2);
        }
        builder.Append(close);
    }

    /// <summary>Escapes only what JSON and YAML (which reads the file back) require; other text stays as UTF-8.</summary>
    public static void WriteString(StringBuilder builder, string value) =>
        JsonString.Append(builder, value, JsonStringEscapes.SafeUtf8);
}
