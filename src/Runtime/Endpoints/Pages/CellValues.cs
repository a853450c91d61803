using System.Text.Json;

namespace Datasette.Gen.Runtime.Endpoints.Pages;

/// <summary>The SQLite value behind a cell of a page's JSON, as plugins receive it: string, long, double, byte[] or null.</summary>
internal static class CellValues
{
    /// <summary>A JSON row object as column → value.</summary>
    public static IReadOnlyDictionary<string, object?> Row(JsonElement row)
    {
        var values = new Dictionary<string, object?>(StringComparer.Ordinal);
        foreach (var property in row.EnumerateObject())
        {
            values[property.Name] = ToClr(property.Value);
        }
        return values;
    }

    public static object? ToClr(JsonElement cell) => cell.ValueKind switch
    {
        JsonValueKind.String => cell.GetString(),
        JsonValueKind.Number => cell.TryGetInt64(out var n) ? n : cell.GetDouble(),
        JsonValueKind.True => 1L,
        JsonValueKind.False => 0L,
        JsonValueKind.Object when cell.TryGetProperty("$base64", out var flag) && flag.ValueKind == JsonValueKind.True
            && cell.TryGetProperty("encoded", out var encoded) => Convert.FromBase64String(encoded.GetString() ?? ""),
        // An expanded foreign key ({"value", "label"}): the stored value.
        JsonValueKind.Object when cell.TryGetProperty("value", out var inner) => ToClr(inner),
        JsonValueKind.Object or JsonValueKind.Array => cell.GetRawText(),
        _ => null,
    };
}
