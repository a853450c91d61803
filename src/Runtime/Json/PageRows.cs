using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Datasette.Gen.Runtime.Data;
using Microsoft.Data.Sqlite;

namespace Datasette.Gen.Runtime.Json;

/// <summary>
/// A page's rows kept typed for the HTML pages (cells in output-column order), with what reading them learnt.
/// <see cref="RawKeys"/> holds, per row, the stored values of the columns whose foreign-key labels are looked up
/// after the read (in <see cref="PageRows.Read"/>'s <c>labelOrdinals</c> order).
/// </summary>
internal sealed record PageRows(List<PageCell[]> Rows, RowJsonResult Result, List<object?[]> RawKeys)
{
    /// <summary>
    /// Reads the rows <see cref="RowJson.Write"/> would write, as the values it would write them from (see
    /// <see cref="PageCell"/>): the same labels, JSON columns and column-type transforms, the same page limit and
    /// last-row key. The stored values at <paramref name="labelOrdinals"/> are kept aside for a label lookup.
    /// </summary>
    public static PageRows Read(SqliteDataReader reader, RowJsonOptions options, int limit, IReadOnlyList<int> labelOrdinals)
    {
        var columns = options.OutputColumns;
        var rows = new List<PageCell[]>();
        var raw = new List<object?[]>();
        var hasMore = false;
        IReadOnlyList<object?> lastKey = Array.Empty<object?>();
        object? lastSortValue = null;
        while (reader.Read())
        {
            if (rows.Count >= limit)
            {
                hasMore = true;
                break;
            }
            var cells = new PageCell[columns.Count];
            for (var i = 0; i < cells.Length; i++)
            {
                cells[i] = ReadCell(reader, i, columns[i], options);
            }
            rows.Add(cells);
            if (labelOrdinals.Count > 0)
            {
                var keys = new object?[labelOrdinals.Count];
                for (var k = 0; k < keys.Length; k++)
                {
                    keys[k] = CellValues.Read(reader, labelOrdinals[k]);
                }
                raw.Add(keys);
            }
            if (rows.Count == limit)
            {
                // Only a full page's last row can start the next page.
                if (options.KeyOrdinals is { } ordinals)
                {
                    var values = new object?[ordinals.Count];
                    for (var k = 0; k < values.Length; k++)
                    {
                        values[k] = CellValues.Read(reader, ordinals[k]);
                    }
                    lastKey = values;
                }
                lastSortValue = options.SortOrdinal >= 0 ? CellValues.Read(reader, options.SortOrdinal) : null;
            }
        }
        return new PageRows(rows, new RowJsonResult(rows.Count, hasMore, lastKey, lastSortValue), raw);
    }

    private static PageCell ReadCell(SqliteDataReader reader, int ordinal, string column, RowJsonOptions options)
    {
        if (options.Labels is { } labels && labels.TryGetValue(ordinal, out var columnLabels) && !reader.IsDBNull(ordinal)
            && columnLabels.TryGetValue(CellValues.Key(reader, ordinal), out var label))
        {
            return new PageCell(CellValues.Read(reader, ordinal), label);
        }
        if (options.JsonColumns is { } jsonColumns && jsonColumns.Contains(column) && !reader.IsDBNull(ordinal) && reader.GetFieldType(ordinal) == typeof(string))
        {
            try
            {
                using var document = JsonDocument.Parse(reader.GetString(ordinal));
                return new PageCell(document.RootElement.Clone());
            }
            catch (JsonException)
            {
                // Not JSON: the text itself, as the JSON writer falls back to.
            }
        }
        if (options.Transforms is { } transforms && transforms.TryGetValue(ordinal, out var transform))
        {
            return new PageCell(AsWritten(transform(reader.IsDBNull(ordinal) ? null : reader.GetValue(ordinal))));
        }
        return new PageCell(CellValues.Read(reader, ordinal));
    }

    /// <summary>A transform's result as <see cref="RowJson.WriteObjectValue"/> writes it: other types become their text.</summary>
    private static object? AsWritten(object? value) => value switch
    {
        null or long or double or bool or byte[] or string or JsonNode => value,
        int number => (long)number,
        _ => Convert.ToString(value, CultureInfo.InvariantCulture),
    };
}
