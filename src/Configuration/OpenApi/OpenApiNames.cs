using System.Text;

namespace Datasette.Gen.Configuration.OpenApi;

/// <summary>Regular expressions built from table and column names (component names: <see cref="OpenApiTypeNames"/>).</summary>
public static class OpenApiNames
{
    /// <summary>A literal for an ECMA-262 regular expression in Unicode mode: only syntax characters are escaped.</summary>
    public static string RegexLiteral(string text)
    {
        var builder = new StringBuilder(text.Length + 4);
        foreach (var c in text)
        {
            if ("^$\\.*+?()[]{}|/".IndexOf(c) >= 0)
            {
                builder.Append('\\');
            }
            builder.Append(c);
        }
        return builder.ToString();
    }
}
