using System.Globalization;
using Microsoft.Data.Sqlite;

namespace Datasette.Gen.Runtime.Data;

/// <summary>
/// One cell of a result row read as SQLite stored it: the values keyset tokens and foreign-key
/// labels are made of, shared by the JSON, CSV and querying code that read the same rows.
/// </summary>
internal static class CellValues
{
    /// <summary>The value at <paramref name="ordinal"/> in its storage class: null, long, double, string or byte[].</summary>
    public static object? Read(SqliteDataReader reader, int ordinal)
    {
        // One storage-class read decides the type (asking IsDBNull, then GetFieldType, then the getter asked SQLite three times).
        var value = reader.GetValue(ordinal);
        return value is DBNull ? null : value;
    }

    /// <summary>What <see cref="Key(SqliteDataReader, int)"/> gives SQL NULL: a key no value shares (None is a dict key too).</summary>
    public const string NullKey = "null";

    /// <summary>
    /// A key that matches values as Python's dict lookup does: 1 == 1.0, but 1 != "1". Defined for
    /// every value, NULL included: a column the caller expects never to be NULL can still read as
    /// one (a subquery's rowid, a view's key).
    /// </summary>
    public static string Key(SqliteDataReader reader, int ordinal)
    {
        if (reader.IsDBNull(ordinal))
        {
            return NullKey;
        }
        var type = reader.GetFieldType(ordinal);
        if (type == typeof(long))
        {
            return "n:" + reader.GetInt64(ordinal).ToString(CultureInfo.InvariantCulture);
        }
        if (type == typeof(double))
        {
            var value = reader.GetDouble(ordinal);
            return value == Math.Floor(value) && Math.Abs(value) < 1e15
                ? "n:" + ((long)value).ToString(CultureInfo.InvariantCulture)
                : "n:" + value.ToString("R", CultureInfo.InvariantCulture);
        }
        return type == typeof(byte[]) ? "b:" + Convert.ToHexString((byte[])reader.GetValue(ordinal)) : "s:" + reader.GetString(ordinal);
    }

    /// <summary><see cref="Key(SqliteDataReader, int)"/> for a value already read (null, long, double, string or byte[]).</summary>
    public static string Key(object? value) => value switch
    {
        null or DBNull => NullKey,
        long n => "n:" + n.ToString(CultureInfo.InvariantCulture),
        double d => d == Math.Floor(d) && Math.Abs(d) < 1e15
            ? "n:" + ((long)d).ToString(CultureInfo.InvariantCulture)
            : "n:" + d.ToString("R", CultureInfo.InvariantCulture),
        byte[] bytes => "b:" + Convert.ToHexString(bytes),
        _ => "s:" + Convert.ToString(value, CultureInfo.InvariantCulture),
    };
}
