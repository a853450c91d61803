using System.Text.Json;
using Datasette.Gen.Runtime.Data;
using Microsoft.Data.Sqlite;

namespace Datasette.Gen.Runtime.Json;

/// <summary>
/// What <see cref="RowReader"/> found in each cell, handed to whoever keeps the rows: the JSON writer
/// (<see cref="JsonRowSink"/>) or the HTML pages' typed cells (<see cref="TypedRowSink"/>). A cell arrives through
/// exactly one of <see cref="Labelled"/>, <see cref="Json"/>, <see cref="Transformed"/> or <see cref="Stored"/>.
/// </summary>
internal interface IRowSink
{
    /// <summary>How many of the output columns (the first ones) each row reads: <c>_shape=arrayfirst</c> needs one.</summary>
    int Width { get; }

    void StartRow(SqliteDataReader reader);

    /// <summary>An expanded foreign key: the stored value at <paramref name="ordinal"/> and its label.</summary>
    void Labelled(SqliteDataReader reader, int ordinal, string label);

    /// <summary>A JSON column's text, parsed (valid only during the call).</summary>
    void Json(int ordinal, JsonElement value);

    /// <summary>What a column type's transform returned for the stored value.</summary>
    void Transformed(int ordinal, object? value);

    /// <summary>The stored value, as SQLite holds it.</summary>
    void Stored(SqliteDataReader reader, int ordinal);

    void EndRow(SqliteDataReader reader);
}

/// <summary>
/// The one reading of a page's rows: which rule decides a cell (label, JSON column, column-type transform, else the
/// stored value, in that order), where the page stops, and the last row's key and sort values that start the next
/// page. The JSON writer and the HTML pages' typed cells both read through it. Sinks are structs so each reading is
/// compiled for its sink: the JSON page pays no interface call or boxing for sharing it.
/// </summary>
internal static class RowReader
{
    public static RowJsonResult Read<TSink>(SqliteDataReader reader, RowJsonOptions options, int limit, ref TSink sink)
        where TSink : struct, IRowSink
    {
        var columns = options.OutputColumns;
        var width = sink.Width;
        var count = 0;
        var hasMore = false;
        IReadOnlyList<object?> lastKey = Array.Empty<object?>();
        object? lastSortValue = null;
        while (reader.Read())
        {
            if (count >= limit)
            {
                hasMore = true;
                break;
            }
            count++;
            sink.StartRow(reader);
            for (var i = 0; i < width; i++)
            {
                ReadCell(reader, i, columns[i], options, ref sink);
            }
            sink.EndRow(reader);
            if (count == limit)
            {
                // Only a full page's last row can start the next page.
                lastKey = options.KeyOrdinals is { } keyOrdinals ? ReadValues(reader, keyOrdinals) : Array.Empty<object?>();
                lastSortValue = options.SortOrdinal >= 0 ? CellValues.Read(reader, options.SortOrdinal) : null;
            }
        }
        return new RowJsonResult(count, hasMore, lastKey, lastSortValue);
    }

    /// <summary>The stored values at <paramref name="ordinals"/> of the current row.</summary>
    public static object?[] ReadValues(SqliteDataReader reader, IReadOnlyList<int> ordinals)
    {
        var values = new object?[ordinals.Count];
        for (var i = 0; i < ordinals.Count; i++)
        {
            values[i] = CellValues.Read(reader, ordinals[i]);
        }
        return values;
    }

    private static void ReadCell<TSink>(SqliteDataReader reader, int ordinal, string column, RowJsonOptions options, ref TSink sink)
        where TSink : struct, IRowSink
    {
        if (options.Labels is { } labels && labels.TryGetValue(ordinal, out var columnLabels) && !reader.IsDBNull(ordinal)
            && columnLabels.TryGetValue(CellValues.Key(reader, ordinal), out var label))
        {
            sink.Labelled(reader, ordinal, label);
            return;
        }
        // Text that is not JSON falls through to the rules below, as Datasette's _json= leaves it.
        if (options.JsonColumns is { } jsonColumns && jsonColumns.Contains(column) && !reader.IsDBNull(ordinal)
            && reader.GetFieldType(ordinal) == typeof(string) && TryParseJson(reader.GetString(ordinal)) is { } document)
        {
            using (document)
            {
                sink.Json(ordinal, document.RootElement);
            }
            return;
        }
        if (options.Transforms is { } transforms && transforms.TryGetValue(ordinal, out var transform))
        {
            sink.Transformed(ordinal, transform(reader.IsDBNull(ordinal) ? null : reader.GetValue(ordinal)));
            return;
        }
        sink.Stored(reader, ordinal);
    }

    private static JsonDocument? TryParseJson(string text)
    {
        try
        {
            return JsonDocument.Parse(text);
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
