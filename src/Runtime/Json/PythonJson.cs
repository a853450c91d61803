using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Datasette.Gen.Runtime.Json;

/// <summary>
/// JSON text as Python's <c>json.dumps</c> writes it, for values Datasette stores or shows as text:
/// <c>", "</c> and <c>": "</c> separators (or two-space indentation), non-ASCII escaped as
/// lowercase <c>\uXXXX</c>, keys in their original order, numbers as they were written.
/// </summary>
internal static class PythonJson
{
    public static string Dumps(JsonNode? node, int? indent = null)
    {
        var builder = new StringBuilder();
        Write(builder, node, indent, 0);
        return builder.ToString();
    }

    private static void Write(StringBuilder builder, JsonNode? node, int? indent, int depth)
    {
        switch (node)
        {
            case null:
                builder.Append("null");
                break;
            case JsonObject obj:
                if (obj.Count == 0)
                {
                    builder.Append("{}");
                    break;
                }
                builder.Append('{');
                var first = true;
                foreach (var (key, value) in obj)
                {
                    Separator(builder, indent, depth + 1, ref first);
                    WriteString(builder, key);
                    builder.Append(": ");
                    Write(builder, value, indent, depth + 1);
                }
                Close(builder, indent, depth, '}');
                break;
            case JsonArray array:
                if (array.Count == 0)
                {
                    builder.Append("[]");
                    break;
                }
                builder.Append('[');
                var firstItem = true;
                foreach (var item in array)
                {
                    Separator(builder, indent, depth + 1, ref firstItem);
                    Write(builder, item, indent, depth + 1);
                }
                Close(builder, indent, depth, ']');
                break;
            case JsonValue value:
                switch (value.GetValueKind())
                {
                    case JsonValueKind.String:
                        WriteString(builder, value.GetValue<string>());
                        break;
                    case JsonValueKind.True:
                        builder.Append("true");
                        break;
                    case JsonValueKind.False:
                        builder.Append("false");
                        break;
                    case JsonValueKind.Null:
                        builder.Append("null");
                        break;
                    default:
                        builder.Append(value.ToJsonString());
                        break;
                }
                break;
        }
    }

    private static void Separator(StringBuilder builder, int? indent, int depth, ref bool first)
    {
        if (!first)
        {
            builder.Append(indent is null ? ", " : ",");
        }
        first = false;
        if (indent is { } spaces)
        {
            builder.Append('\n').Append(' ', spaces * depth);
        }
    }

    private static void Close(StringBuilder builder, int? indent, int depth, char close)
    {
        if (indent is { } spaces)
        {
            builder.Append('\n').Append(' ', spaces * depth);
        }
        builder.Append(close);
    }

    private static void WriteString(StringBuilder builder, string value) =>
        Configuration.JsonString.Append(builder, value, Configuration.JsonStringEscapes.PythonAscii);
}
