using System.Text.Json;
using System.Text.Json.Nodes;

namespace Datasette.Gen.Runtime.Json;

internal static class JsonWriterExtensions
{
    public static void WriteStringArray(this Utf8JsonWriter writer, string propertyName, IEnumerable<string> values)
    {
        writer.WriteStartArray(propertyName);
        foreach (var value in values)
        {
            writer.WriteStringValue(value);
        }
        writer.WriteEndArray();
    }

    /// <summary>Writes key/value string pairs as an object; later duplicates are skipped.</summary>
    public static void WriteStringMap(this Utf8JsonWriter writer, string propertyName, IEnumerable<KeyValuePair<string, string>> pairs)
    {
        writer.WriteStartObject(propertyName);
        var seen = new HashSet<string>();
        foreach (var (key, value) in pairs)
        {
            if (seen.Add(key))
            {
                writer.WriteString(key, value);
            }
        }
        writer.WriteEndObject();
    }

    /// <summary>Writes a JSON node as a property, or null when there is none.</summary>
    public static void WriteNode(this Utf8JsonWriter writer, string propertyName, JsonNode? node)
    {
        writer.WritePropertyName(propertyName);
        if (node is null)
        {
            writer.WriteNullValue();
        }
        else
        {
            node.WriteTo(writer);
        }
    }
}
