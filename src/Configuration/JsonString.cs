using System.Globalization;
using System.Text;

namespace Datasette.Gen.Configuration;

/// <summary>
/// JSON string literals for the hand-written JSON of this library and the runtime (no
/// System.Text.Json in netstandard2.0). One escaper, two spellings: Python's json.dumps
/// (ASCII only, as Datasette stores metadata) and plain UTF-8 text.
/// </summary>
public static class JsonString
{
    /// <summary>Appends <paramref name="value"/> quoted and escaped.</summary>
    /// <param name="asciiOnly">Escape everything outside printable ASCII as \uXXXX, as Python's ensure_ascii does.</param>
    public static void Append(StringBuilder builder, string value, bool asciiOnly)
    {
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
                case '\b' when asciiOnly: builder.Append("\\b"); break;
                case '\f' when asciiOnly: builder.Append("\\f"); break;
                default:
                    if (asciiOnly ? c < 0x20 || c > 0x7e : NeedsEscape(c))
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

    /// <summary>
    /// Controls, C1 controls, line separators, the BOM, non-characters and lone surrogate halves
    /// are escaped, so the text is valid JSON and YAML in UTF-8 anywhere; the rest stays as is.
    /// </summary>
    private static bool NeedsEscape(char c) =>
        c < 0x20 || (c >= 0x7f && c <= 0x9f) || c == '\u2028' || c == '\u2029' || c == '\ufeff' || c >= '\ufffe' || char.IsSurrogate(c);
}
