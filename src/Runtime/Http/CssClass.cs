using System.Text.RegularExpressions;
using Datasette.Gen.Runtime.Data;

namespace Datasette.Gen.Runtime.Http;

/// <summary>Datasette's to_css_class: a name safe for CSS classes and file names, suffixed with a hash when changed.</summary>
internal static partial class CssClass
{
    public static string Sanitise(string name)
    {
        if (Valid().IsMatch(name))
        {
            return name;
        }
        var stripped = Whitespace().Replace(name.TrimStart('_', '-'), "-");
        stripped = Invalid().Replace(stripped, "");
        var hash = NameDigest.Md5Hex(name)[..6];
        return stripped.Length == 0 ? hash : stripped + "-" + hash;
    }

    [GeneratedRegex("^[a-zA-Z]+[_a-zA-Z0-9-]*$")]
    private static partial Regex Valid();

    [GeneratedRegex(@"\s+")]
    private static partial Regex Whitespace();

    [GeneratedRegex("[^-_a-zA-Z0-9]")]
    private static partial Regex Invalid();
}
