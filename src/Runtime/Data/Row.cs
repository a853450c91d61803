using System.Collections;
using Microsoft.Data.Sqlite;

namespace Datasette.Gen.Runtime.Data;

/// <summary>One result row, addressable by position and by column name (Python's <c>sqlite3.Row</c>).</summary>
public sealed class Row : IReadOnlyList<object?>
{
    private readonly object?[] _values;

    public Row(IReadOnlyList<string> columns, object?[] values)
    {
        if (columns.Count != values.Length)
        {
            throw new ArgumentException("One value per column", nameof(values));
        }
        Columns = columns;
        _values = values;
    }

    public IReadOnlyList<string> Columns { get; }

    public int Count => _values.Length;

    public object? this[int index] => _values[index];

    /// <summary>The value of the first column with this name; <see cref="KeyNotFoundException"/> when there is none.</summary>
    public object? this[string column]
    {
        get
        {
            for (var i = 0; i < Columns.Count; i++)
            {
                if (Columns[i] == column)
                {
                    return _values[i];
                }
            }
            throw new KeyNotFoundException(column);
        }
    }

    /// <summary>The reader's current row: integers as long, reals as double, text as string, blobs as byte[], NULL as null.</summary>
    public static Row From(SqliteDataReader reader)
    {
        var columns = new string[reader.FieldCount];
        var values = new object?[reader.FieldCount];
        for (var i = 0; i < columns.Length; i++)
        {
            columns[i] = reader.GetName(i);
            values[i] = reader.IsDBNull(i) ? null : reader.GetValue(i);
        }
        return new Row(columns, values);
    }

    public IEnumerator<object?> GetEnumerator() => ((IEnumerable<object?>)_values).GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}
