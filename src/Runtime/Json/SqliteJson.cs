using System.Globalization;
using System.Text.Json;
using Microsoft.Data.Sqlite;

namespace Datasette.Gen.Runtime.Json;

/// <summary>How SQLite values become JSON, as Datasette writes them.</summary>
internal static class SqliteJson
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
        // Fast path, no allocation: inside Python's positional range (decimal exponent -4..15) the
        // shortest round-trip digits .NET prints are Python's, given a ".0" when there is no point.
        var magnitude = Math.Abs(value);
        Span<byte> buffer = stackalloc byte[40];
        if ((magnitude == 0 || (magnitude >= 1e-4 && magnitude < 1e16))
            && value.TryFormat(buffer, out var written, "R", CultureInfo.InvariantCulture) && buffer[..written].IndexOf((byte)'E') < 0)
        {
            if (buffer[..written].IndexOf((byte)'.') < 0)
            {
                ".0"u8.CopyTo(buffer[written..]);
                written += 2;
            }
            writer.WriteRawValue(buffer[..written], skipInputValidation: true);
            return;
        }
        writer.WriteRawValue(PythonFloat(value), skipInputValidation: true);
    }

    /// <summary>The text <see cref="WriteReal"/> writes for a finite real; null for the values it writes as null (NaN, ±infinity).</summary>
    public static string? RealText(double value)
    {
        if (!double.IsFinite(value))
        {
            return null;
        }
        var magnitude = Math.Abs(value);
        if (magnitude == 0 || (magnitude >= 1e-4 && magnitude < 1e16))
        {
            var text = value.ToString("R", CultureInfo.InvariantCulture);
            if (!text.Contains('E', StringComparison.Ordinal))
            {
                return text.Contains('.', StringComparison.Ordinal) ? text : text + ".0";
            }
        }
        return PythonFloat(value);
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

    /// <summary>
    /// Python's repr of a float (also what its json module writes): the shortest round-trip
    /// digits, in positional notation with at least one decimal when the decimal exponent is
    /// in [-4, 16), else as d.ddde±XX.
    /// </summary>
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
        if (double.IsNaN(value))
        {
            return "nan";
        }
        // "E16" would round; "R" gives the shortest digits that round-trip, in either notation.
        var text = value.ToString("R", CultureInfo.InvariantCulture);
        var negative = text.StartsWith('-');
        if (negative)
        {
            text = text[1..];
        }
        var exponent = 0;
        var e = text.IndexOf('E');
        if (e >= 0)
        {
            exponent = int.Parse(text[(e + 1)..], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture);
            text = text[..e];
        }
        var point = text.IndexOf('.');
        var digits = point < 0 ? text : text[..point] + text[(point + 1)..];
        // decimalPoint: where the point falls within digits, as in Python's decpt.
        var decimalPoint = (point < 0 ? text.Length : point) + exponent;
        var leadingZeros = 0;
        while (leadingZeros < digits.Length - 1 && digits[leadingZeros] == '0')
        {
            leadingZeros++;
        }
        digits = digits[leadingZeros..].TrimEnd('0');
        decimalPoint -= leadingZeros;
        if (digits.Length == 0)
        {
            digits = "0";
            decimalPoint = 1;
        }
        var builder = new System.Text.StringBuilder(32);
        if (negative)
        {
            builder.Append('-');
        }
        if (decimalPoint is > -4 and <= 16)
        {
            if (decimalPoint <= 0)
            {
                builder.Append("0.").Append('0', -decimalPoint).Append(digits);
            }
            else if (decimalPoint < digits.Length)
            {
                builder.Append(digits, 0, decimalPoint).Append('.').Append(digits, decimalPoint, digits.Length - decimalPoint);
            }
            else
            {
                builder.Append(digits).Append('0', decimalPoint - digits.Length).Append(".0");
            }
            return builder.ToString();
        }
        builder.Append(digits[0]);
        if (digits.Length > 1)
        {
            builder.Append('.').Append(digits, 1, digits.Length - 1);
        }
        var scientific = decimalPoint - 1;
        builder.Append('e').Append(scientific < 0 ? '-' : '+').Append(Math.Abs(scientific).ToString("00", CultureInfo.InvariantCulture));
        return builder.ToString();
    }
}
