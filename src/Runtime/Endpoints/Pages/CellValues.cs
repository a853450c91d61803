using System.Text.Json;
using Datasette.Gen.Runtime.Data;
using Datasette.Gen.Runtime.Json;

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

    /// <summary><see cref="ToClr(JsonElement)"/> for a typed cell: what its JSON would give.</summary>
    public static object? ToClr(PageCell cell) => cell.Value switch
    {
        null or string or long or byte[] => cell.Value,
        double real => double.IsFinite(real) ? real : null,
        bool flag => flag ? 1L : 0L,
        _ => ToClr(PageCellJson.ToElement(cell)),
    };

    /// <summary>A JSON row (an object, or an array in <paramref name="columns"/> order) as typed cells in <paramref name="columns"/> order.</summary>
    public static PageCell[] Cells(JsonElement row, IReadOnlyList<string> columns)
    {
        var cells = new PageCell[columns.Count];
        for (var i = 0; i < cells.Length; i++)
        {
            var value = row.ValueKind == JsonValueKind.Array ? row[i] : row.TryGetProperty(columns[i], out var v) ? v : default;
            cells[i] = FromJson(value);
        }
        return cells;
    }

    /// <summary>
    /// A JSON value as a typed cell: strings, integers, booleans and null natively; anything else (reals, BLOBs,
    /// labels, JSON) kept as its JSON, which the renderers read as before.
    /// </summary>
    public static PageCell FromJson(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.Null or JsonValueKind.Undefined => new PageCell(null),
        JsonValueKind.String => new PageCell(value.GetString()),
        JsonValueKind.Number when value.TryGetInt64(out var number) => new PageCell(number),
        JsonValueKind.True => new PageCell(true),
        JsonValueKind.False => new PageCell(false),
        _ => new PageCell(value),
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
