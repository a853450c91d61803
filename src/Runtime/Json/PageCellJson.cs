using System.Text.Json;
using System.Text.Json.Nodes;
using Datasette.Gen.Runtime.Data;

namespace Datasette.Gen.Runtime.Json;

/// <summary>
/// A typed cell as the JSON the page's rows would hold for it, for the rare values (JSON from a column type or a
/// JSON column, a labelled BLOB) whose HTML is defined by that JSON: the common values never come here.
/// </summary>
internal static class PageCellJson
{
    public static JsonElement ToElement(PageCell cell)
    {
        if (cell.Value is JsonElement element && !cell.IsLabelled)
        {
            return element;
        }
        using var body = new JsonBody();
        var writer = body.Writer;
        WriteCell(writer, cell);
        writer.Flush();
        using var document = JsonDocument.Parse(body.WrittenMemory);
        return document.RootElement.Clone();
    }

    /// <summary>A row of typed cells as the JSON object the row's page writes (a repeated name keeps its last value).</summary>
    public static JsonObject ToObject(IReadOnlyList<string> columns, PageCell[] cells)
    {
        using var body = new JsonBody();
        var writer = body.Writer;
        writer.WriteStartObject();
        for (var i = 0; i < columns.Count; i++)
        {
            writer.WritePropertyName(columns[i]);
            WriteCell(writer, cells[i]);
        }
        writer.WriteEndObject();
        writer.Flush();
        return JsonNode.Parse(body.WrittenMemory.Span, documentOptions: new JsonDocumentOptions { AllowDuplicateProperties = true })!.AsObject();
    }

    private static void WriteCell(Utf8JsonWriter writer, PageCell cell)
    {
        if (cell.IsLabelled)
        {
            writer.WriteStartObject();
            writer.WritePropertyName("value");
            WriteValue(writer, cell.Value);
            writer.WriteString("label", cell.Label);
            writer.WriteEndObject();
        }
        else
        {
            WriteValue(writer, cell.Value);
        }
    }

    private static void WriteValue(Utf8JsonWriter writer, object? value)
    {
        switch (value)
        {
            case JsonElement element:
                element.WriteTo(writer);
                break;
            case JsonNode node:
                node.WriteTo(writer);
                break;
            default:
                RowJson.WriteObjectValue(writer, value, jsonInfinity: false);
                break;
        }
    }
}
