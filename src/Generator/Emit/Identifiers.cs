using System.Text;
using Microsoft.CodeAnalysis.CSharp;

namespace Datasette.Gen.Generator.Emit;

/// <summary>
/// C# names for database, table, query and parameter names: PascalCase (or camelCase) of the
/// ASCII letters and digits, unique within a scope by a numeric suffix given in ordinal order.
/// </summary>
internal sealed class Identifiers
{
    private readonly HashSet<string> _taken;

    public Identifiers(IEnumerable<string> reserved) => _taken = new HashSet<string>(reserved, System.StringComparer.Ordinal);

    /// <summary>A fresh PascalCase identifier for <paramref name="name"/>, <paramref name="fallback"/> when it has no letters or digits.</summary>
    public string Type(string name, string fallback) => Unique(Pascal(name, fallback));

    /// <summary>A fresh camelCase parameter name, escaped with @ when it is a keyword.</summary>
    public string Parameter(string name)
    {
        var pascal = Pascal(name, "value");
        var camel = char.ToLowerInvariant(pascal[0]) + pascal.Substring(1);
        var unique = Unique(camel);
        return SyntaxFacts.GetKeywordKind(unique) != SyntaxKind.None || SyntaxFacts.GetContextualKeywordKind(unique) != SyntaxKind.None
            ? "@" + unique
            : unique;
    }

    private string Unique(string candidate)
    {
        var result = candidate;
        for (var suffix = 2; !_taken.Add(result); suffix++)
        {
            result = candidate + suffix.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }
        return result;
    }

    private static string Pascal(string name, string fallback)
    {
        var builder = new StringBuilder(name.Length);
        var upper = true;
        foreach (var c in name)
        {
            if (c is (>= 'a' and <= 'z') or (>= 'A' and <= 'Z') or (>= '0' and <= '9'))
            {
                builder.Append(upper ? char.ToUpperInvariant(c) : c);
                upper = false;
            }
            else
            {
                upper = true;
            }
        }
        if (builder.Length == 0)
        {
            return fallback;
        }
        return builder[0] is >= '0' and <= '9' ? "_" + builder : builder.ToString();
    }
}
