using System.Globalization;
using System.Text;

namespace Datasette.Gen.Generator.Emit;

/// <summary>Datasette's URL rules applied at build time: tilde encoding, format suffixes, form encoding.</summary>
internal static class UrlText
{
    /// <summary>Bytes outside [A-Za-z0-9_-] become ~XX, space becomes + (src/Runtime/Http/Tilde.cs).</summary>
    public static string Tilde(string value) => Encode(value, "_-", '~');

    /// <summary>Python's quote_plus, which urlencode uses for query strings.</summary>
    public static string QuotePlus(string value) => Encode(value, "_.-~", '%');

    /// <summary>path_with_format: ".json" on the end, or "?_format=json" when the path has a dot (a base_url such as /v1.0/).</summary>
    public static string WithFormat(string path, string format) =>
        path.IndexOf('.') >= 0 ? path + "?_format=" + format : path + "." + format;

    /// <summary>The character that starts the next query-string pair after <see cref="WithFormat"/>.</summary>
    public static char SeparatorAfter(string path) => path.IndexOf('?') >= 0 ? '&' : '?';

    private static string Encode(string value, string safe, char escape)
    {
        var builder = new StringBuilder(value.Length);
        foreach (var b in Encoding.UTF8.GetBytes(value))
        {
            var c = (char)b;
            if (c is (>= 'A' and <= 'Z') or (>= 'a' and <= 'z') or (>= '0' and <= '9') || (b < 0x80 && safe.IndexOf(c) >= 0))
            {
                builder.Append(c);
            }
            else if (c == ' ')
            {
                builder.Append('+');
            }
            else
            {
                builder.Append(escape).Append(b.ToString("X2", CultureInfo.InvariantCulture));
            }
        }
        return builder.ToString();
    }
}
