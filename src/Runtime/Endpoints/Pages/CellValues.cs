using System.Text.Json;
using Datasette.Gen.Runtime.Data;
using Datasette.Gen.Runtime.Json;

namespace Datasette.Gen.Runtime.Endpoints.Pages;

/// <summary>The SQLite value behind a page's cell, as plugins receive it: string, long, double, byte[] or null.</summary>
internal static class CellValues
{
    /// <summary>A row of typed cells as column → value (a repeated name keeps its last value, as the row's JSON object does).</summary>
    public static IReadOnlyDictionary<string, object?> Row(IReadOnlyList<string> columns, PageCell[] cells)
    {
        var values = new Dictionary<string, object?>(columns.Count, StringComparer.Ordinal);
        for (var i = 0; i < columns.Count; i++)
        {
            values[columns[i]] = ToClr(cells[i]);
        }
        return values;
    }

    /// <summary><see cref="ToClr(JsonElement)"/> for a typed cell: what its JSON would give.</summary>
    public static object? ToClr(PageCell cell) => cell.Value switch
    {
        null or string or long or byte[] => cell.Value,
        double real => double.IsFinite(real) ? real : null,
        bool flag => flag ? 1L : 0L,
        _ => ToClr(PageCellJson.ToElement(cell)),
    };

    public static object? ToClr(JsonElement cell) => cell.ValueKind switch
    {
        JsonValueKind.String => cell.GetString(),
        // The cast keeps an integer a long (render_cell gets an int, as in Datasette): the conditional's type would otherwise be double.
        JsonValueKind.Number => cell.TryGetInt64(out var n) ? n : (object)cell.GetDouble(),
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
