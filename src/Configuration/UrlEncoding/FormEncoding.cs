using System.Globalization;
using System.Text;

namespace Datasette.Gen.Configuration.UrlEncoding;

/// <summary>
/// Python's <c>urllib.parse.quote_plus</c>, which <c>urlencode</c> applies to query-string names
/// and values: [A-Za-z0-9_.~-] stay, a space becomes +, every other UTF-8 byte becomes %XX.
/// </summary>
public static class FormEncoding
{
    public static string QuotePlus(string value)
    {
        // Most parameter names and values need nothing: return them without allocating.
        var i = 0;
        while (i < value.Length && IsSafe(value[i]))
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
            if (b < 0x80 && IsSafe((char)b))
            {
                builder.Append((char)b);
            }
            else if (b == (byte)' ')
            {
                builder.Append('+');
            }
            else
            {
                builder.Append('%').Append(b.ToString("X2", CultureInfo.InvariantCulture));
            }
        }
        return builder.ToString();
    }

    private static bool IsSafe(char c) => c is (>= 'A' and <= 'Z') or (>= 'a' and <= 'z') or (>= '0' and <= '9') or '_' or '.' or '-' or '~';
}
