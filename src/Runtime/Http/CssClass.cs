using System.Text.RegularExpressions;
using Datasette.Gen.Runtime.Data;

namespace Datasette.Gen.Runtime.Http;

/// <summary>Datasette's to_css_class: a name safe for CSS classes and file names, suffixed with a hash when changed.</summary>
internal static partial class CssClass
{
    /// <summary>How many names are remembered: a page sanitises every column and facet name on every request, but names an argument makes up must not grow memory.</summary>
    internal const int MaxKept = 4096;

    private static readonly System.Collections.Concurrent.ConcurrentDictionary<string, string> Kept = new(StringComparer.Ordinal);
    private static int _kept;

    /// <summary>Names remembered now (tests).</summary>
    internal static int KeptCount => Kept.Count;

    public static string Sanitise(string name)
    {
        if (Kept.TryGetValue(name, out var known))
        {
            return known;
        }
        var sanitised = Compute(name);
        if (name.Length <= 256 && Interlocked.Increment(ref _kept) <= MaxKept)
        {
            Kept.TryAdd(name, sanitised);
        }
        return sanitised;
    }

    private static string Compute(string name)
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
