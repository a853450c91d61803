using System.Text;

namespace Datasette.Gen.Runtime.Http;

/// <summary>
/// The one place response header values are built from text a user, a database or a plugin
/// controls (table, query and file names, URLs, cookie values). Kestrel refuses control
/// characters and non-ASCII in header values (the response becomes a 500), and a quote or a
/// semicolon in a name would add parameters: every value leaves here as printable ASCII with
/// its structure intact.
/// </summary>
internal static class HeaderValues
{
    private const string HexDigits = "0123456789ABCDEF";

    /// <summary>
    /// <c>attachment; filename="NAME"</c> as Datasette writes it when the name is plain printable
    /// ASCII; otherwise (RFC 6266) an ASCII fallback with every doubtful character as <c>_</c>
    /// plus <c>filename*=UTF-8''…</c> carrying the exact name.
    /// </summary>
    public static string Attachment(string filename)
    {
        if (IsPlainFilename(filename))
        {
            return $"attachment; filename=\"{filename}\"";
        }
        var fallback = new StringBuilder(filename.Length);
        foreach (var rune in filename.EnumerateRunes())
        {
            fallback.Append(rune.IsAscii && IsPlainFilenameChar((char)rune.Value) ? (char)rune.Value : '_');
        }
        return $"attachment; filename=\"{fallback}\"; filename*=UTF-8''{PercentEncode(filename, IsRfc5987AttrChar)}";
    }

    /// <summary>
    /// A URL for Location or inside a Link's &lt;…&gt;: characters a URI cannot hold (controls,
    /// space, quotes, angle brackets, non-ASCII…) are percent-encoded as UTF-8; an existing
    /// <c>%XX</c> is kept, so an already encoded URL comes out unchanged.
    /// </summary>
    public static string Url(string url) => PercentEncode(url, IsUriChar);

    /// <summary>A Location that can neither break the header nor become //other-host (leading slashes collapse to one).</summary>
    public static string Location(string location)
    {
        var start = 0;
        while (start < location.Length && location[start] is '/' or '\\')
        {
            start++;
        }
        return Url(start > 1 ? "/" + location[start..] : location);
    }

    /// <summary><c>&lt;URL&gt;; PARAMETERS</c>, the parameters being fixed text such as <c>rel="next"</c>.</summary>
    public static string Link(string url, string parameters) => $"<{Url(url)}>; {parameters}";

    /// <summary>
    /// A cookie value as Python's SimpleCookie writes it: as it is when made only of the cookie
    /// token characters, else double-quoted with <c>"</c> and <c>\</c> backslashed, the token
    /// characters and <c> ()/&lt;=&gt;?@[]{}</c> kept, and every other character below U+0100
    /// written as <c>\ooo</c>; characters above it (which Python would leave raw, and fail to
    /// send) as the <c>\ooo</c> of their UTF-8 bytes.
    /// </summary>
    public static string CookieValue(string value)
    {
        if (IsCookieToken(value))
        {
            return value;
        }
        var quoted = new StringBuilder(value.Length + 2).Append('"');
        Span<byte> utf8 = stackalloc byte[4];
        foreach (var rune in value.EnumerateRunes())
        {
            if (rune.Value is '"' or '\\')
            {
                quoted.Append('\\').Append((char)rune.Value);
            }
            else if (rune.IsAscii && (IsCookieTokenChar((char)rune.Value) || " ()/<=>?@[]{}".Contains((char)rune.Value, StringComparison.Ordinal)))
            {
                quoted.Append((char)rune.Value);
            }
            else if (rune.Value < 0x100)
            {
                AppendOctal(quoted, rune.Value);
            }
            else
            {
                var length = rune.EncodeToUtf8(utf8);
                foreach (var b in utf8[..length])
                {
                    AppendOctal(quoted, b);
                }
            }
        }
        return quoted.Append('"').ToString();
    }

    private static void AppendOctal(StringBuilder builder, int value) =>
        builder.Append('\\').Append((char)('0' + (value >> 6))).Append((char)('0' + ((value >> 3) & 7))).Append((char)('0' + (value & 7)));

    /// <summary>True for a name Set-Cookie can carry as it is (Python's legal key characters).</summary>
    public static bool IsCookieToken(string name)
    {
        if (name.Length == 0)
        {
            return false;
        }
        foreach (var c in name)
        {
            if (!IsCookieTokenChar(c))
            {
                return false;
            }
        }
        return true;
    }

    private static bool IsCookieTokenChar(char c) => char.IsAsciiLetterOrDigit(c) || "!#$%&'*+-.^_`|~:".Contains(c, StringComparison.Ordinal);

    /// <summary>
    /// Free text for any other header (a plugin's own headers and content type): control
    /// characters become spaces, so CR/LF cannot start a new header, and non-ASCII is
    /// percent-encoded as UTF-8.
    /// </summary>
    public static string Text(string value)
    {
        var needs = false;
        foreach (var c in value)
        {
            if (c is < ' ' or > '~')
            {
                needs = true;
                break;
            }
        }
        if (!needs)
        {
            return value;
        }
        var builder = new StringBuilder(value.Length);
        foreach (var rune in value.EnumerateRunes())
        {
            if (rune.Value is < ' ' or 0x7F)
            {
                builder.Append(' ');
            }
            else if (rune.IsAscii)
            {
                builder.Append((char)rune.Value);
            }
            else
            {
                AppendPercentEncoded(builder, rune);
            }
        }
        return builder.ToString();
    }

    /// <summary>Printable ASCII without the characters that quoting or filename* parsers treat specially.</summary>
    private static bool IsPlainFilename(string filename)
    {
        foreach (var c in filename)
        {
            if (!IsPlainFilenameChar(c))
            {
                return false;
            }
        }
        return true;
    }

    private static bool IsPlainFilenameChar(char c) => c is >= ' ' and <= '~' and not ('"' or '\\' or ';' or '%');

    /// <summary>RFC 5987 attr-char: what filename* may hold unencoded.</summary>
    private static bool IsRfc5987AttrChar(char c) => char.IsAsciiLetterOrDigit(c) || "!#$&+-.^_`|~".Contains(c, StringComparison.Ordinal);

    /// <summary>RFC 3986 unreserved and reserved characters, plus % for existing escapes.</summary>
    private static bool IsUriChar(char c) => char.IsAsciiLetterOrDigit(c) || "-._~:/?#[]@!$&'()*+,;=%".Contains(c, StringComparison.Ordinal);

    private static string PercentEncode(string value, Func<char, bool> keep)
    {
        var needs = false;
        foreach (var c in value)
        {
            if (!keep(c))
            {
                needs = true;
                break;
            }
        }
        if (!needs)
        {
            return value;
        }
        var builder = new StringBuilder(value.Length + 16);
        foreach (var rune in value.EnumerateRunes())
        {
            if (rune.IsAscii && keep((char)rune.Value))
            {
                builder.Append((char)rune.Value);
            }
            else
            {
                AppendPercentEncoded(builder, rune);
            }
        }
        return builder.ToString();
    }

    private static void AppendPercentEncoded(StringBuilder builder, Rune rune)
    {
        Span<byte> bytes = stackalloc byte[4];
        var length = rune.EncodeToUtf8(bytes);
        foreach (var b in bytes[..length])
        {
            builder.Append('%').Append(HexDigits[b >> 4]).Append(HexDigits[b & 0xF]);
        }
    }
}
