using System.Text.Json;
using Datasette.Gen.Runtime.Data;
using Microsoft.Data.Sqlite;

namespace Datasette.Gen.Runtime.Json;

/// <summary>How to write a result set: which columns are output, which identify a row and how values are rendered.</summary>
internal sealed record RowJsonOptions(
    IReadOnlyList<string> OutputColumns,
    RowShape Shape,
    bool JsonInfinity = false,
    IReadOnlySet<string>? JsonColumns = null,
    IReadOnlyList<int>? KeyOrdinals = null,
    int SortOrdinal = -1,
    IReadOnlyDictionary<int, Dictionary<string, string>>? Labels = null,
    IReadOnlyDictionary<int, Func<object?, object?>>? Transforms = null);

/// <summary>What writing the rows learnt: how many, whether more exist, and the last row's key and sort values (as stored) when the page was full.</summary>
internal sealed record RowJsonResult(int Count, bool HasMore, IReadOnlyList<object?> LastKey, object? LastSortValue);

/// <summary>
/// Streams rows from a reader straight into JSON in the requested shape, one value at a time,
/// stopping after <c>limit</c> rows and reporting whether another row followed.
/// </summary>
internal static class RowJson
{
    /// <summary>
    /// Writes the rows; given <paramref name="typedRows"/>, also keeps them as typed cells (the same reading, for the
    /// <c>render_cell</c> extra, which hands plugins the values rather than their JSON).
    /// </summary>
    public static RowJsonResult Write(Utf8JsonWriter writer, SqliteDataReader reader, RowJsonOptions options, int limit, List<PageCell[]>? typedRows = null)
    {
        if (options.Shape == RowShape.Object)
        {
            writer.WriteStartObject();
        }
        else
        {
            writer.WriteStartArray();
        }
        var json = new JsonRowSink(writer, options);
        RowJsonResult result;
        if (typedRows is null)
        {
            result = RowReader.Read(reader, options, limit, ref json);
        }
        else
        {
            var both = new TeeRowSink<JsonRowSink, TypedRowSink>(json, new TypedRowSink(typedRows, options.OutputColumns.Count, []));
            result = RowReader.Read(reader, options, limit, ref both);
        }
        if (options.Shape == RowShape.Object)
        {
            writer.WriteEndObject();
        }
        else
        {
            writer.WriteEndArray();
        }
        return result;
    }

    /// <summary>A value a column type's transform returned: SQLite's own types, booleans, or JSON.</summary>
    internal static void WriteObjectValue(Utf8JsonWriter writer, object? value, bool jsonInfinity)
    {
        switch (value)
        {
            case null:
                writer.WriteNullValue();
                break;
            case long number:
                writer.WriteNumberValue(number);
                break;
            case int number:
                writer.WriteNumberValue(number);
                break;
            case double real:
                SqliteJson.WriteReal(writer, real, jsonInfinity);
                break;
            case bool flag:
                writer.WriteBooleanValue(flag);
                break;
            case byte[] blob:
                SqliteJson.WriteBlob(writer, blob);
                break;
            case System.Text.Json.Nodes.JsonNode node:
                node.WriteTo(writer);
                break;
            default:
                writer.WriteStringValue(Convert.ToString(value, System.Globalization.CultureInfo.InvariantCulture));
                break;
        }
    }

    public static List<string> ColumnNames(SqliteDataReader reader)
    {
        var names = new List<string>(reader.FieldCount);
        for (var i = 0; i < reader.FieldCount; i++)
        {
            names.Add(reader.GetName(i));
        }
        return names;
    }
}
