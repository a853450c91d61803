using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Datasette.Gen.Runtime.Data;
using Microsoft.Data.Sqlite;

namespace Datasette.Gen.Runtime.Json;

/// <summary>
/// Keeps each row <see cref="RowReader"/> reads as typed cells (see <see cref="PageCell"/>): the values the JSON
/// writer writes from. The stored values at <c>labelOrdinals</c> go to <c>rawKeys</c>, one array per row, for a
/// label lookup made after the read.
/// </summary>
internal struct TypedRowSink(List<PageCell[]> rows, int width, IReadOnlyList<int> labelOrdinals, List<object?[]>? rawKeys = null) : IRowSink
{
    private PageCell[] _cells = [];

    public readonly int Width => width;

    public void StartRow(SqliteDataReader reader)
    {
        _cells = new PageCell[width];
        rows.Add(_cells);
    }

    public readonly void EndRow(SqliteDataReader reader)
    {
        if (labelOrdinals.Count > 0)
        {
            rawKeys!.Add(RowReader.ReadValues(reader, labelOrdinals));
        }
    }

    public readonly void Labelled(SqliteDataReader reader, int ordinal, string label) => _cells[ordinal] = new PageCell(CellValues.Read(reader, ordinal), label);

    public readonly void Json(int ordinal, JsonElement value) => _cells[ordinal] = new PageCell(value.Clone());

    public readonly void Transformed(int ordinal, object? value) => _cells[ordinal] = new PageCell(AsWritten(value));

    public readonly void Stored(SqliteDataReader reader, int ordinal) => _cells[ordinal] = new PageCell(CellValues.Read(reader, ordinal));

    /// <summary>A transform's result as <see cref="RowJson.WriteObjectValue"/> writes it: other types become their text.</summary>
    private static object? AsWritten(object? value) => value switch
    {
        null or long or double or bool or byte[] or string or JsonNode => value,
        int number => (long)number,
        _ => Convert.ToString(value, CultureInfo.InvariantCulture),
    };
}

/// <summary>Hands every reading to two sinks, <typeparamref name="TFirst"/> deciding how many columns are read.</summary>
internal struct TeeRowSink<TFirst, TSecond>(TFirst first, TSecond second) : IRowSink
    where TFirst : struct, IRowSink
    where TSecond : struct, IRowSink
{
    private TFirst _first = first;
    private TSecond _second = second;

    public readonly int Width => _first.Width;

    public void StartRow(SqliteDataReader reader)
    {
        _first.StartRow(reader);
        _second.StartRow(reader);
    }

    public void EndRow(SqliteDataReader reader)
    {
        _first.EndRow(reader);
        _second.EndRow(reader);
    }

    public void Labelled(SqliteDataReader reader, int ordinal, string label)
    {
        _first.Labelled(reader, ordinal, label);
        _second.Labelled(reader, ordinal, label);
    }

    public void Json(int ordinal, JsonElement value)
    {
        _first.Json(ordinal, value);
        _second.Json(ordinal, value);
    }

    public void Transformed(int ordinal, object? value)
    {
        _first.Transformed(ordinal, value);
        _second.Transformed(ordinal, value);
    }

    public void Stored(SqliteDataReader reader, int ordinal)
    {
        _first.Stored(reader, ordinal);
        _second.Stored(reader, ordinal);
    }
}
