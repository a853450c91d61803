using System.Globalization;
using System.Numerics;
using System.Text;
using Datasette.Gen.Configuration;
using Datasette.Gen.Runtime.Json;

namespace Datasette.Gen.Runtime.Endpoints.Write;

/// <summary>
/// Cell values of write payloads: the <c>$base64</c> and <c>$raw</c> wrappers decoded, then each
/// value stored as Datasette stores it through sqlite-utils (booleans as 1/0, objects and lists as
/// their JSON text, bytes as a BLOB), and the SQLite type a new column gets for its values.
/// </summary>
internal static class WriteValues
{
    /// <summary>Datasette's decode_write_json_row: each cell unwrapped; 400 for a bad <c>$base64</c>.</summary>
    public static JsonMap DecodeRow(JsonMap row)
    {
        var decoded = new JsonMap();
        foreach (var (key, value) in row)
        {
            decoded[key] = DecodeCell(value);
        }
        return decoded;
    }

    private static object? DecodeCell(object? value)
    {
        if (value is not JsonMap map)
        {
            return value;
        }
        if (map.Count == 1 && map.TryGetValue("$raw", out var raw))
        {
            return raw;
        }
        if (map.Count == 2 && map.TryGetValue("$base64", out var flag) && flag is true && map.TryGetValue("encoded", out var encoded))
        {
            if (encoded is not string text)
            {
                throw WriteApiException.BadRequest("$base64 encoded value must be a string");
            }
            return StrictBase64(text) ?? throw WriteApiException.BadRequest("Invalid $base64 encoded value");
        }
        return value;
    }

    /// <summary>Python's <c>b64decode(validate=True)</c>: the standard alphabet only, padding required; null when invalid.</summary>
    private static byte[]? StrictBase64(string text)
    {
        if (text.Length % 4 != 0)
        {
            return null;
        }
        foreach (var c in text)
        {
            if (!(char.IsAsciiLetterOrDigit(c) || c is '+' or '/' or '='))
            {
                return null;
            }
        }
        try
        {
            return Convert.FromBase64String(text);
        }
        catch (FormatException)
        {
            return null;
        }
    }

    /// <summary>The value bound to SQLite for a decoded cell.</summary>
    public static object ToSqlite(object? value) => value switch
    {
        null => DBNull.Value,
        bool flag => flag ? 1L : 0L,
        long or double or string or byte[] => value,
        BigInteger => throw WriteApiException.BadRequest("Python int too large to convert to SQLite INTEGER"),
        _ => Dumps(value),
    };

    /// <summary>What sqlite-utils stores for an object or list: <c>json.dumps(value, ensure_ascii=False)</c>.</summary>
    public static string Dumps(object? value)
    {
        var text = new StringBuilder();
        Dump(value, text);
        return text.ToString();
    }

    private static void Dump(object? value, StringBuilder text)
    {
        switch (value)
        {
            case null:
                text.Append("null");
                break;
            case bool flag:
                text.Append(flag ? "true" : "false");
                break;
            case long or BigInteger:
                text.Append(Convert.ToString(value, CultureInfo.InvariantCulture));
                break;
            case double number:
                text.Append(double.IsNaN(number) ? "NaN" : double.IsInfinity(number) ? (number > 0 ? "Infinity" : "-Infinity") : SqliteJson.PythonFloat(number));
                break;
            case string s:
                DumpString(s, text);
                break;
            case byte[] bytes:
                // Python's json cannot write bytes; sqlite-utils falls back to repr().
                DumpString("b'" + Convert.ToHexString(bytes) + "'", text);
                break;
            case JsonMap map:
                text.Append('{');
                var first = true;
                foreach (var (key, item) in map)
                {
                    text.Append(first ? "" : ", ");
                    first = false;
                    DumpString(key, text);
                    text.Append(": ");
                    Dump(item, text);
                }
                text.Append('}');
                break;
            case List<object?> list:
                text.Append('[');
                for (var i = 0; i < list.Count; i++)
                {
                    text.Append(i == 0 ? "" : ", ");
                    Dump(list[i], text);
                }
                text.Append(']');
                break;
            default:
                DumpString(Convert.ToString(value, CultureInfo.InvariantCulture) ?? "", text);
                break;
        }
    }

    private static void DumpString(string value, StringBuilder text) =>
        JsonString.Append(text, value, JsonStringEscapes.PythonUnicode);

    /// <summary>A parsed request value as a JSON node, for APIs that take one (a column type's config).</summary>
    public static System.Text.Json.Nodes.JsonNode? ToJsonNode(object? value)
    {
        switch (value)
        {
            case null:
                return null;
            case bool flag:
                return System.Text.Json.Nodes.JsonValue.Create(flag);
            case long number:
                return System.Text.Json.Nodes.JsonValue.Create(number);
            case double number:
                return System.Text.Json.Nodes.JsonValue.Create(number);
            case string text:
                return System.Text.Json.Nodes.JsonValue.Create(text);
            case JsonMap map:
                var node = new System.Text.Json.Nodes.JsonObject();
                foreach (var (key, item) in map)
                {
                    node[key] = ToJsonNode(item);
                }
                return node;
            case List<object?> list:
                var array = new System.Text.Json.Nodes.JsonArray();
                foreach (var item in list)
                {
                    array.Add(ToJsonNode(item));
                }
                return array;
            default:
                return System.Text.Json.Nodes.JsonValue.Create(Convert.ToString(value, CultureInfo.InvariantCulture));
        }
    }

    /// <summary>
    /// sqlite-utils' suggest_column_types: the SQLite type of a new column from the values the rows
    /// give it (nulls ignored unless alone; int+bool INTEGER, numbers REAL, bytes+str BLOB, else TEXT).
    /// </summary>
    public static string ColumnType(IEnumerable<object?> values)
    {
        var kinds = new HashSet<string>(StringComparer.Ordinal);
        foreach (var value in values)
        {
            kinds.Add(value switch
            {
                null => "null",
                bool => "bool",
                long or BigInteger => "int",
                double => "float",
                byte[] => "bytes",
                string => "str",
                _ => "json",
            });
        }
        if (kinds.Count > 1)
        {
            kinds.Remove("null");
        }
        if (kinds.Count == 1)
        {
            foreach (var kind in kinds)
            {
                return kind switch
                {
                    "bool" or "int" => "INTEGER",
                    "float" => "REAL",
                    "bytes" => "BLOB",
                    _ => "TEXT",
                };
            }
        }
        if (kinds.IsSubsetOf(new[] { "int", "bool" }))
        {
            return "INTEGER";
        }
        if (kinds.IsSubsetOf(new[] { "int", "float", "bool" }))
        {
            return "REAL";
        }
        return kinds.IsSubsetOf(new[] { "bytes", "str" }) ? "BLOB" : "TEXT";
    }
}
