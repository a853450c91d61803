using System.Text;

namespace Datasette.Gen.Runtime.Html;

/// <summary>Script text written inside a <c>&lt;script&gt;</c> element as it is, except what would end or confuse the element.</summary>
internal static class ScriptText
{
    /// <summary>
    /// <c>&lt;/script</c> (any case) would close the element and <c>&lt;!--</c> switches the HTML
    /// parser into its escaped script states; a backslash after the <c>&lt;</c> keeps their meaning
    /// inside JavaScript strings, template literals and regular expressions, where they can occur.
    /// </summary>
    public static string Embeddable(string script)
    {
        StringBuilder? builder = null;
        var copied = 0;
        for (var i = script.IndexOf('<'); i >= 0; i = script.IndexOf('<', i + 1))
        {
            var rest = script.AsSpan(i + 1);
            if (rest.StartsWith("/script", StringComparison.OrdinalIgnoreCase) || rest.StartsWith("!--", StringComparison.Ordinal))
            {
                builder ??= new StringBuilder(script.Length + 8);
                builder.Append(script, copied, i + 1 - copied).Append('\\');
                copied = i + 1;
            }
        }
        return builder is null ? script : builder.Append(script, copied, script.Length - copied).ToString();
    }
}
