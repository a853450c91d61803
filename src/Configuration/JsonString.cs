using System.Globalization;
using System.Text;

namespace Datasette.Gen.Configuration;

/// <summary>What a JSON string literal escapes besides quotes, backslashes and control characters.</summary>
public enum JsonStringEscapes
{
    /// <summary>Python's <c>json.dumps</c>: everything outside printable ASCII as \uXXXX (ensure_ascii), as Datasette stores metadata.</summary>
    PythonAscii,

    /// <summary>Python's <c>json.dumps(ensure_ascii=False)</c>: nothing more, as sqlite-utils stores a list or object cell.</summary>
    PythonUnicode,

    /// <summary>
    /// C1 controls, line separators, the BOM, non-characters and lone surrogate halves too, so the
    /// text is valid JSON and YAML in UTF-8 anywhere; the rest stays as is.
    /// </summary>
    SafeUtf8,
}

/// <summary>
/// JSON string literals for the hand-written JSON of this library and the runtime (no
/// System.Text.Json in netstandard2.0). One escaper, three spellings (<see cref="JsonStringEscapes"/>).
/// </summary>
public static class JsonString
{
    /// <summary>Appends <paramref name="value"/> quoted and escaped.</summary>
    public static void Append(StringBuilder builder, string value, JsonStringEscapes escapes)
    {
        // Python spells these two short; the safe spelling keeps to \uXXXX for every other control.
        var python = escapes != JsonStringEscapes.SafeUtf8;
        builder.Append('"');
        foreach (var c in value)
        {
            switch (c)
            {
                case '"': builder.Append("\\\""); break;
                case '\\': builder.Append("\\\\"); break;
                case '\n': builder.Append("\\n"); break;
                case '\r': builder.Append("\\r"); break;
                case '\t': builder.Append("\\t"); break;
                case '\b' when python: builder.Append("\\b"); break;
                case '\f' when python: builder.Append("\\f"); break;
                default:
                    if (NeedsEscape(c, escapes))
                    {
                        builder.Append("\\u").Append(((int)c).ToString("x4", CultureInfo.InvariantCulture));
                    }
                    else
                    {
                        builder.Append(c);
                    }
                    break;
            }
        }
        builder.Append('"');
    }

    private static bool NeedsEscape(char c, JsonStringEscapes escapes) => escapes switch
    {
        JsonStringEscapes.PythonAscii => c < 0x20 || c > 0x7e,
        JsonStringEscapes.PythonUnicode => c < 0x20,
        _ => c < 0x20 || (c >= 0x7f && c <= 0x9f) || c == '\u2028' || c == '\u2029' || c == '\ufeff' || c >= '\ufffe' || char.IsSurrogate(c),
    };
}
