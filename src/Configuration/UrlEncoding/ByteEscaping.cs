using System.Text;

namespace Datasette.Gen.Configuration.UrlEncoding;

/// <summary>
/// The shape tilde encoding and quote_plus share: [A-Za-z0-9_-] (and, for quote_plus, "." and "~")
/// stay, a space becomes +, every other UTF-8 byte becomes the escape character and two
/// upper-case hex digits.
/// </summary>
internal static class ByteEscaping
{
    private const string HexDigits = "0123456789ABCDEF";

    public static string Encode(string value, char escape, bool dotAndTildeSafe)
    {
        // Most names and values need nothing: return them without allocating (this runs per link on every page).
        var i = 0;
        while (i < value.Length && IsSafe(value[i], dotAndTildeSafe))
        {
            i++;
        }
        if (i == value.Length)
        {
            return value;
        }
        var bytes = Encoding.UTF8.GetBytes(value);
        var builder = new StringBuilder(bytes.Length * 3);
        foreach (var b in bytes)
        {
            if (b < 0x80 && IsSafe((char)b, dotAndTildeSafe))
            {
                builder.Append((char)b);
            }
            else if (b == (byte)' ')
            {
                builder.Append('+');
            }
            else
            {
                builder.Append(escape).Append(HexDigits[b >> 4]).Append(HexDigits[b & 0xF]);
            }
        }
        return builder.ToString();
    }

    private static bool IsSafe(char c, bool dotAndTildeSafe) =>
        c is (>= 'A' and <= 'Z') or (>= 'a' and <= 'z') or (>= '0' and <= '9') or '_' or '-' || (dotAndTildeSafe && c is '.' or '~');
}
