using System.Text.Json;
using Datasette.Gen.Configuration.UrlEncoding;
using Microsoft.Data.Sqlite;

namespace Datasette.Gen.Runtime.Json;

/// <summary>Writes each row <see cref="RowReader"/> reads as JSON in the requested <c>_shape</c>, inside the array or object the caller opened.</summary>
internal struct JsonRowSink : IRowSink
{
    private readonly Utf8JsonWriter _writer;
    private readonly RowShape _shape;
    private readonly bool _jsonInfinity;
    private readonly IReadOnlyList<int>? _keyOrdinals;
    private readonly JsonEncodedText[]? _names;

    public JsonRowSink(Utf8JsonWriter writer, RowJsonOptions options)
    {
        _writer = writer;
        _shape = options.Shape;
        _jsonInfinity = options.JsonInfinity;
        _keyOrdinals = options.KeyOrdinals;
        var columns = options.OutputColumns;
        if (_shape is RowShape.Objects or RowShape.Array or RowShape.Object)
        {
            _names = new JsonEncodedText[columns.Count];
            for (var i = 0; i < columns.Count; i++)
            {
                _names[i] = JsonEncodedText.Encode(columns[i], JsonBody.WriterOptions.Encoder);
            }
        }
        Width = _shape == RowShape.ArrayFirst ? Math.Min(1, columns.Count) : columns.Count;
    }

    public int Width { get; }

    public readonly void StartRow(SqliteDataReader reader)
    {
        switch (_shape)
        {
            case RowShape.ArrayFirst:
                break;
            case RowShape.Arrays:
                _writer.WriteStartArray();
                break;
            case RowShape.Object:
                _writer.WritePropertyName(string.Join(",", Array.ConvertAll(ReadKey(reader, _keyOrdinals!), v => TildeEncoding.Encode(v ?? "None"))));
                _writer.WriteStartObject();
                break;
            default:
                _writer.WriteStartObject();
                break;
        }
    }

    public readonly void EndRow(SqliteDataReader reader)
    {
        switch (_shape)
        {
            case RowShape.ArrayFirst:
                break;
            case RowShape.Arrays:
                _writer.WriteEndArray();
                break;
            default:
                _writer.WriteEndObject();
                break;
        }
    }

    public readonly void Labelled(SqliteDataReader reader, int ordinal, string label)
    {
        Name(ordinal);
        _writer.WriteStartObject();
        _writer.WritePropertyName("value");
        SqliteJson.WriteValue(_writer, reader, ordinal, _jsonInfinity);
        _writer.WriteString("label", label);
        _writer.WriteEndObject();
    }

    public readonly void Json(int ordinal, JsonElement value)
    {
        Name(ordinal);
        value.WriteTo(_writer);
    }

    public readonly void Transformed(int ordinal, object? value)
    {
        Name(ordinal);
        RowJson.WriteObjectValue(_writer, value, _jsonInfinity);
    }

    public readonly void Stored(SqliteDataReader reader, int ordinal)
    {
        Name(ordinal);
        SqliteJson.WriteValue(_writer, reader, ordinal, _jsonInfinity);
    }

    private readonly void Name(int ordinal)
    {
        if (_names is { } names)
        {
            _writer.WritePropertyName(names[ordinal]);
        }
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
}
