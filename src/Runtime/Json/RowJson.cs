using System.Text.Json;
using Datasette.Gen.Configuration.UrlEncoding;
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
    public static RowJsonResult Write(Utf8JsonWriter writer, SqliteDataReader reader, RowJsonOptions options, int limit)
    {
        var columns = options.OutputColumns;
        var encodedNames = new JsonEncodedText[columns.Count];
        for (var i = 0; i < columns.Count; i++)
        {
            encodedNames[i] = JsonEncodedText.Encode(columns[i], JsonBody.WriterOptions.Encoder);
        }
        if (options.Shape == RowShape.Object)
        {
            writer.WriteStartObject();
        }
        else
        {
            writer.WriteStartArray();
        }
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
            var key = options.KeyOrdinals is { } ordinals ? ReadKey(reader, ordinals) : null;
            switch (options.Shape)
            {
                case RowShape.Arrays:
                    writer.WriteStartArray();
                    for (var i = 0; i < columns.Count; i++)
                    {
                        WriteCell(writer, reader, i, columns[i], options);
                    }
                    writer.WriteEndArray();
                    break;
                case RowShape.ArrayFirst:
                    WriteCell(writer, reader, 0, columns[0], options);
                    break;
                case RowShape.Object:
                    writer.WritePropertyName(string.Join(",", Array.ConvertAll(key!, v => TildeEncoding.Encode(v ?? "None"))));
                    WriteObject(writer, reader, encodedNames, columns, options);
                    break;
                default:
                    WriteObject(writer, reader, encodedNames, columns, options);
                    break;
            }
            if (count == limit)
            {
                // Only a full page's last row can start the next page.
                lastKey = options.KeyOrdinals is { } keyOrdinals ? ReadValues(reader, keyOrdinals) : Array.Empty<object?>();
                lastSortValue = options.SortOrdinal >= 0 ? CellValues.Read(reader, options.SortOrdinal) : null;
            }
        }
        if (options.Shape == RowShape.Object)
        {
            writer.WriteEndObject();
        }
        else
        {
            writer.WriteEndArray();
        }
        return new RowJsonResult(count, hasMore, lastKey, lastSortValue);
    }

    private static object?[] ReadValues(SqliteDataReader reader, IReadOnlyList<int> ordinals)
    {
        var values = new object?[ordinals.Count];
        for (var i = 0; i < ordinals.Count; i++)
        {
            values[i] = CellValues.Read(reader, ordinals[i]);
        }
        return values;
    }

    private static string?[] ReadKey(SqliteDataReader reader, IReadOnlyList<int> ordinals)
    {
        var key = new string?[ordinals.Count];
        for (var i = 0; i < ordinals.Count; i++)
        {
            key[i] = SqliteJson.ToText(reader, ordinals[i]);
        }
        return key;
    }

    private static void WriteObject(Utf8JsonWriter writer, SqliteDataReader reader, JsonEncodedText[] names, IReadOnlyList<string> columns, RowJsonOptions options)
    {
        writer.WriteStartObject();
        for (var i = 0; i < names.Length; i++)
        {
            writer.WritePropertyName(names[i]);
            WriteCell(writer, reader, i, columns[i], options);
        }
        writer.WriteEndObject();
    }

    private static void WriteCell(Utf8JsonWriter writer, SqliteDataReader reader, int ordinal, string column, RowJsonOptions options)
    {
        if (options.Labels is { } labels && labels.TryGetValue(ordinal, out var columnLabels) && !reader.IsDBNull(ordinal)
            && columnLabels.TryGetValue(CellValues.Key(reader, ordinal), out var label))
        {
            writer.WriteStartObject();
            writer.WritePropertyName("value");
            SqliteJson.WriteValue(writer, reader, ordinal, options.JsonInfinity);
            writer.WriteString("label", label);
            writer.WriteEndObject();
            return;
        }
        if (options.JsonColumns is { } jsonColumns && jsonColumns.Contains(column) && !reader.IsDBNull(ordinal) && reader.GetFieldType(ordinal) == typeof(string))
        {
            var text = reader.GetString(ordinal);
            if (TryParseJson(text, out var document))
            {
                using (document)
                {
                    document!.WriteTo(writer);
                }
                return;
            }
        }
        if (options.Transforms is { } transforms && transforms.TryGetValue(ordinal, out var transform))
        {
            WriteObjectValue(writer, transform(reader.IsDBNull(ordinal) ? null : reader.GetValue(ordinal)), options.JsonInfinity);
            return;
        }
        SqliteJson.WriteValue(writer, reader, ordinal, options.JsonInfinity);
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

    private static bool TryParseJson(string text, out JsonDocument? document)
    {
        try
        {
            document = JsonDocument.Parse(text);
            return true;
        }
        catch (JsonException)
        {
            document = null;
            return false;
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
