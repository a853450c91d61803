using System.Globalization;
using System.Numerics;
using System.Text;

namespace Datasette.Gen.Runtime.Endpoints.Write;

/// <summary>
/// Reads a request body as Datasette does (Python's <c>json.loads</c>): the same values (NaN and
/// ±Infinity accepted, a repeated key keeps its first place and last value, integers of any size)
/// and, for invalid JSON, the same message, e.g. <c>Expecting ',' delimiter: line 1 column 34 (char 33)</c>,
/// where columns and chars count code points. Values: null, bool, long, <see cref="BigInteger"/>
/// (beyond 64 bits), double, string, <see cref="List{T}"/> and <see cref="JsonMap"/>.
/// </summary>
internal sealed class PythonJsonReader
{
    /// <summary>Deeper documents are refused instead of recursing without bound (Python would fail with a RecursionError).</summary>
    public const int MaxDepth = 512;

    private readonly int[] _s;
    private int _depth;

    private PythonJsonReader(string text)
    {
        var points = new List<int>(text.Length);
        foreach (var rune in text.EnumerateRunes())
        {
            points.Add(rune.Value);
        }
        _s = points.ToArray();
    }

    /// <summary>The value of <paramref name="text"/>; <see cref="PythonJsonException"/> with Python's message when it is not JSON.</summary>
    public static object? Parse(string text)
    {
        var reader = new PythonJsonReader(text);
        var at = reader.SkipWhitespace(0);
        var value = reader.ScanOnce(at, out var end);
        end = reader.SkipWhitespace(end);
        if (end != reader._s.Length)
        {
            throw reader.Error("Extra data", end);
        }
        return value;
    }

    private int Char(int at) => at < _s.Length ? _s[at] : -1;

    private static bool IsWhitespace(int c) => c is ' ' or '\t' or '\n' or '\r';

    private int SkipWhitespace(int at)
    {
        while (at < _s.Length && IsWhitespace(_s[at]))
        {
            at++;
        }
        return at;
    }

    private PythonJsonException Error(string message, int at)
    {
        var line = 1;
        var lastNewline = -1;
        for (var i = 0; i < at && i < _s.Length; i++)
        {
            if (_s[i] == '\n')
            {
                line++;
                lastNewline = i;
            }
        }
        return new PythonJsonException(string.Create(CultureInfo.InvariantCulture, $"{message}: line {line} column {at - lastNewline} (char {at})"));
    }

    private object? ScanOnce(int at, out int end)
    {
        var c = Char(at);
        switch (c)
        {
            case '"':
                return ScanString(at + 1, out end);
            case '{':
                Enter(at);
                var map = ScanObject(at + 1, out end);
                _depth--;
                return map;
            case '[':
                Enter(at);
                var list = ScanArray(at + 1, out end);
                _depth--;
                return list;
        }
        if (Matches(at, "null"))
        {
            end = at + 4;
            return null;
        }
        if (Matches(at, "true"))
        {
            end = at + 4;
            return true;
        }
        if (Matches(at, "false"))
        {
            end = at + 5;
            return false;
        }
        if (ScanNumber(at, out end) is { } number)
        {
            return number;
        }
        if (Matches(at, "NaN"))
        {
            end = at + 3;
            return double.NaN;
        }
        if (Matches(at, "Infinity"))
        {
            end = at + 8;
            return double.PositiveInfinity;
        }
        if (Matches(at, "-Infinity"))
        {
            end = at + 9;
            return double.NegativeInfinity;
        }
        throw Error("Expecting value", at);
    }

    private void Enter(int at)
    {
        if (++_depth > MaxDepth)
        {
            throw Error("Nested too deeply", at);
        }
    }

    private bool Matches(int at, string word)
    {
        if (at + word.Length > _s.Length)
        {
            return false;
        }
        for (var i = 0; i < word.Length; i++)
        {
            if (_s[at + i] != word[i])
            {
                return false;
            }
        }
        return true;
    }

    /// <summary>Python's NUMBER_RE at <paramref name="at"/>: <c>-?(0|[1-9]\d*)(\.\d+)?([eE][-+]?\d+)?</c>; null when it does not match.</summary>
    private object? ScanNumber(int at, out int end)
    {
        var i = at;
        if (Char(i) == '-')
        {
            i++;
        }
        if (Char(i) == '0')
        {
            i++;
        }
        else if (Char(i) is >= '1' and <= '9')
        {
            while (Char(i) is >= '0' and <= '9')
            {
                i++;
            }
        }
        else
        {
            end = at;
            return null;
        }
        var integerEnd = i;
        if (Char(i) == '.' && Char(i + 1) is >= '0' and <= '9')
        {
            i += 2;
            while (Char(i) is >= '0' and <= '9')
            {
                i++;
            }
        }
        if (Char(i) is 'e' or 'E')
        {
            var j = i + 1;
            if (Char(j) is '+' or '-')
            {
                j++;
            }
            if (Char(j) is >= '0' and <= '9')
            {
                while (Char(j) is >= '0' and <= '9')
                {
                    j++;
                }
                i = j;
            }
        }
        end = i;
        var text = Slice(at, i);
        if (i == integerEnd)
        {
            // Boxed apart: a conditional expression would widen the long to BigInteger.
            if (long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var small))
            {
                return small;
            }
            return BigInteger.Parse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture);
        }
        // Python's float(): out of range is ±inf, not an error.
        return double.Parse(text, NumberStyles.Float, CultureInfo.InvariantCulture);
    }

    private string Slice(int from, int to)
    {
        var builder = new StringBuilder(to - from);
        for (var i = from; i < to; i++)
        {
            builder.Append(char.ConvertFromUtf32(_s[i]));
        }
        return builder.ToString();
    }

    /// <summary>Python's scanstring: <paramref name="at"/> is just after the opening quote.</summary>
    private string ScanString(int at, out int end)
    {
        var begin = at - 1;
        var builder = new StringBuilder();
        var i = at;
        while (true)
        {
            if (i >= _s.Length)
            {
                throw Error("Unterminated string starting at", begin);
            }
            var c = _s[i];
            if (c == '"')
            {
                end = i + 1;
                return builder.ToString();
            }
            if (c < 0x20)
            {
                throw Error("Invalid control character at", i);
            }
            if (c != '\\')
            {
                AppendCodePoint(builder, c);
                i++;
                continue;
            }
            i++;
            if (i >= _s.Length)
            {
                throw Error("Unterminated string starting at", begin);
            }
            var escape = _s[i];
            switch (escape)
            {
                case '"': builder.Append('"'); break;
                case '\\': builder.Append('\\'); break;
                case '/': builder.Append('/'); break;
                case 'b': builder.Append('\b'); break;
                case 'f': builder.Append('\f'); break;
                case 'n': builder.Append('\n'); break;
                case 'r': builder.Append('\r'); break;
                case 't': builder.Append('\t'); break;
                case 'u':
                    // Error positions as CPython's C scanner reports them: the 'u' here, the backslash below.
                    var unit = Hex4(i + 1, i);
                    i += 4;
                    if (unit is >= 0xd800 and <= 0xdbff && Char(i + 1) == '\\' && Char(i + 2) == 'u')
                    {
                        var low = Hex4(i + 3, i + 2);
                        if (low is >= 0xdc00 and <= 0xdfff)
                        {
                            AppendCodePoint(builder, 0x10000 + ((unit - 0xd800) << 10) + (low - 0xdc00));
                            i += 6;
                            break;
                        }
                    }
                    // A lone surrogate: Python keeps it; a .NET string can hold it too.
                    builder.Append((char)unit);
                    break;
                default:
                    throw Error("Invalid \\escape", i - 1);
            }
            i++;
        }
    }

    private int Hex4(int at, int escapeStart)
    {
        if (at + 4 >= _s.Length)
        {
            throw Error("Invalid \\uXXXX escape", escapeStart);
        }
        var value = 0;
        for (var k = 0; k < 4; k++)
        {
            var c = _s[at + k];
            var digit = c switch
            {
                >= '0' and <= '9' => c - '0',
                >= 'a' and <= 'f' => c - 'a' + 10,
                >= 'A' and <= 'F' => c - 'A' + 10,
                _ => -1,
            };
            if (digit < 0)
            {
                throw Error("Invalid \\uXXXX escape", escapeStart);
            }
            value = (value * 16) + digit;
        }
        return value;
    }

    private static void AppendCodePoint(StringBuilder builder, int c)
    {
        if (c < 0x10000)
        {
            builder.Append((char)c);
        }
        else
        {
            builder.Append(char.ConvertFromUtf32(c));
        }
    }

    /// <summary>Python's JSONObject: <paramref name="at"/> is just after the '{'.</summary>
    private JsonMap ScanObject(int at, out int end)
    {
        var map = new JsonMap();
        var i = at;
        if (Char(i) != '"')
        {
            i = SkipWhitespace(i);
            if (Char(i) == '}')
            {
                end = i + 1;
                return map;
            }
            if (Char(i) != '"')
            {
                throw Error("Expecting property name enclosed in double quotes", i);
            }
        }
        i++;
        while (true)
        {
            var key = ScanString(i, out i);
            if (Char(i) != ':')
            {
                i = SkipWhitespace(i);
                if (Char(i) != ':')
                {
                    throw Error("Expecting ':' delimiter", i);
                }
            }
            i = SkipWhitespace(i + 1);
            map[key] = ScanOnce(i, out i);
            i = SkipWhitespace(i);
            var next = Char(i);
            i++;
            if (next == '}')
            {
                end = i;
                return map;
            }
            if (next != ',')
            {
                throw Error("Expecting ',' delimiter", i - 1);
            }
            i = SkipWhitespace(i);
            next = Char(i);
            i++;
            if (next != '"')
            {
                throw Error("Expecting property name enclosed in double quotes", i - 1);
            }
        }
    }

    /// <summary>Python's JSONArray: <paramref name="at"/> is just after the '['.</summary>
    private List<object?> ScanArray(int at, out int end)
    {
        var list = new List<object?>();
        var i = SkipWhitespace(at);
        if (Char(i) == ']')
        {
            end = i + 1;
            return list;
        }
        while (true)
        {
            list.Add(ScanOnce(i, out i));
            i = SkipWhitespace(i);
            var next = Char(i);
            i++;
            if (next == ']')
            {
                end = i;
                return list;
            }
            if (next != ',')
            {
                throw Error("Expecting ',' delimiter", i - 1);
            }
            i = SkipWhitespace(i);
        }
    }
}

/// <summary>A JSON object as Python's dict keeps it: insertion order, a repeated key overwrites in place.</summary>
internal sealed class JsonMap : OrderedDictionary<string, object?>
{
    public JsonMap()
        : base(StringComparer.Ordinal)
    {
    }
}

/// <summary>Invalid JSON, with Python's json module's message.</summary>
internal sealed class PythonJsonException(string message) : Exception(message);

/// <summary>Python's <c>repr()</c> of the values Datasette puts into messages.</summary>
internal static class PythonRepr
{
    /// <summary>repr(str): single quotes unless the text has ' and no ", escapes for \\, the quote and control characters.</summary>
    public static string String(string value)
    {
        var quote = value.Contains('\'') && !value.Contains('"') ? '"' : '\'';
        var builder = new StringBuilder(value.Length + 2).Append(quote);
        foreach (var c in value)
        {
            switch (c)
            {
                case '\\': builder.Append("\\\\"); break;
                case '\n': builder.Append("\\n"); break;
                case '\r': builder.Append("\\r"); break;
                case '\t': builder.Append("\\t"); break;
                default:
                    if (c == quote)
                    {
                        builder.Append('\\').Append(c);
                    }
                    else if (c < 0x20 || c == 0x7f)
                    {
                        builder.Append("\\x").Append(((int)c).ToString("x2", CultureInfo.InvariantCulture));
                    }
                    else
                    {
                        builder.Append(c);
                    }
                    break;
            }
        }
        return builder.Append(quote).ToString();
    }

    /// <summary>repr(list of str), e.g. <c>['a', 'b']</c>.</summary>
    public static string StringList(IEnumerable<string> values) => "[" + string.Join(", ", System.Linq.Enumerable.Select(values, String)) + "]";
}
