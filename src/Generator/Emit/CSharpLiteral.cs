using System.Globalization;
using System.Text;

namespace Datasette.Gen.Generator.Emit;

/// <summary>C# literals for values read from YAML; culture-invariant and pure ASCII.</summary>
internal static class CSharpLiteral
{
    public static string String(string? value)
    {
        if (value is null)
        {
            return "null";
        }
        var builder = new StringBuilder(value.Length + 2);
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
                case '\0': builder.Append("\\0"); break;
                default:
                    // Everything outside printable ASCII is escaped: no line separators, bidi
                    // controls or lone surrogates in the generated file, whatever its encoding.
                    if (c < 0x20 || c > 0x7e)
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
        return builder.ToString();
    }

    public static string Number(long value) => value.ToString(CultureInfo.InvariantCulture);

    public static string Boolean(bool value) => value ? "true" : "false";

    public static string Value(object value) => value switch
    {
        bool b => Boolean(b),
        string s => String(s),
        int i => Number(i),
        long l => Number(l),
        _ => throw new System.ArgumentException("Unsupported literal type " + value.GetType(), nameof(value)),
    };
}
