using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;

namespace Datasette.Gen.Generator.Parsing;

/// <summary>
/// Datasette's to_css_class, which spells database, table and query names in template names
/// (the runtime's Http.CssClass; a test holds the two to the same answers).
/// </summary>
internal static class CssClassName
{
    private static readonly Regex Valid = new("^[a-zA-Z]+[_a-zA-Z0-9-]*$", RegexOptions.CultureInvariant);
    private static readonly Regex Whitespace = new(@"\s+", RegexOptions.CultureInvariant);
    private static readonly Regex Invalid = new("[^-_a-zA-Z0-9]", RegexOptions.CultureInvariant);

    public static string Sanitise(string name)
    {
        if (Valid.IsMatch(name))
        {
            return name;
        }
        var stripped = Invalid.Replace(Whitespace.Replace(name.TrimStart('_', '-'), "-"), "");
        var hash = Md5Hex(name).Substring(0, 6);
        return stripped.Length == 0 ? hash : stripped + "-" + hash;
    }

    private static string Md5Hex(string text)
    {
        using var md5 = MD5.Create();
        var digest = md5.ComputeHash(Encoding.UTF8.GetBytes(text));
        var builder = new StringBuilder(digest.Length * 2);
        foreach (var b in digest)
        {
            builder.Append(b.ToString("x2", System.Globalization.CultureInfo.InvariantCulture));
        }
        return builder.ToString();
    }
}
