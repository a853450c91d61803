using System;
using System.Globalization;
using System.Text.Json;
using Microsoft.Data.Sqlite;

namespace Datasette.Gen.Runtime.Json;

/// <summary>How SQLite values become JSON, as Datasette writes them.</summary>
public static class SqliteJson
{
    /// <summary>
    /// Writes the current row's value at <paramref name="ordinal"/> by its storage class:
    /// integers stay integers, reals keep a decimal point, blobs become {"$base64", "encoded"}.
    /// </summary>
    public static void WriteValue(Utf8JsonWriter writer, SqliteDataReader reader, int ordinal, bool jsonInfinity)
    {
        if (reader.IsDBNull(ordinal))
        {
            writer.WriteNullValue();
            return;
        }
        var type = reader.GetFieldType(ordinal);
        if (type == typeof(long))
        {
            writer.WriteNumberValue(reader.GetInt64(ordinal));
        }
        else if (type == typeof(double))
        {
            WriteReal(writer, reader.GetDouble(ordinal), jsonInfinity);
        }
        else if (type == typeof(byte[]))
        {
            WriteBlob(writer, (byte[])reader.GetValue(ordinal));
        }
        else
        {
            writer.WriteStringValue(reader.GetString(ordinal));
        }
    }

    public static void WriteReal(Utf8JsonWriter writer, double value, bool jsonInfinity)
    {
        if (double.IsInfinity(value))
        {
            if (jsonInfinity)
            {
                writer.WriteRawValue(value > 0 ? "Infinity" : "-Infinity", skipInputValidation: true);
            }
            else
            {
                writer.WriteNullValue();
            }
            return;
        }
        if (double.IsNaN(value))
        {
            writer.WriteNullValue();
            return;
        }
        Span<byte> buffer = stackalloc byte[40];
        value.TryFormat(buffer, out var written, "R", CultureInfo.InvariantCulture);
        var text = buffer[..written];
        if (text.IndexOfAny(".E"u8) < 0)
        {
            ".0"u8.CopyTo(buffer[written..]);
            text = buffer[..(written + 2)];
        }
        writer.WriteRawValue(text, skipInputValidation: true);
    }

    public static void WriteBlob(Utf8JsonWriter writer, byte[] value)
    {
        writer.WriteStartObject();
        writer.WriteBoolean("$base64", true);
        writer.WriteBase64String("encoded", value);
        writer.WriteEndObject();
    }

    /// <summary>The value as Python's str() would render it, for pagination tokens and row keys.</summary>
    public static string? ToText(SqliteDataReader reader, int ordinal)
    {
        if (reader.IsDBNull(ordinal))
        {
            return null;
        }
        var type = reader.GetFieldType(ordinal);
        if (type == typeof(long))
        {
            return reader.GetInt64(ordinal).ToString(CultureInfo.InvariantCulture);
        }
        if (type == typeof(double))
        {
            return PythonFloat(reader.GetDouble(ordinal));
        }
        if (type == typeof(byte[]))
        {
            return Convert.ToHexString((byte[])reader.GetValue(ordinal));
        }
        return reader.GetString(ordinal);
    }

    /// <summary>Python's repr of a float: shortest round-trip digits, always with a point or exponent.</summary>
    public static string PythonFloat(double value)
    {
        if (double.IsPositiveInfinity(value))
        {
            return "inf";
        }
        if (double.IsNegativeInfinity(value))
        {
            return "-inf";
        }
        var text = value.ToString("R", CultureInfo.InvariantCulture);
        if (text.Contains('E'))
        {
            var parts = text.Split('E');
            var exponent = int.Parse(parts[1], CultureInfo.InvariantCulture);
            return parts[0] + "e" + (exponent < 0 ? "-" : "+") + Math.Abs(exponent).ToString("00", CultureInfo.InvariantCulture);
        }
        return text.Contains('.') ? text : text + ".0";
    }
}
