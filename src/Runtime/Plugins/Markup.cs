using System.Buffers;
using System.Text;

namespace Datasette.Gen.Runtime.Plugins;

/// <summary>
/// HTML a <c>render_cell</c> hook returns for a cell (markupsafe's <c>Markup</c>): either markup the
/// plugin vouches for, written as is, or text, escaped here so a plugin cannot inject markup by accident.
/// </summary>
public sealed class Markup
{
    private Markup(string html, string? text = null)
    {
        Html = html;
        _text = text;
    }

    // Text given as text: Python's str(value) of a plain string is the text, not its escaped HTML.
    private readonly string? _text;

    /// <summary>The HTML written into the cell.</summary>
    public string Html { get; }

    /// <summary>Python's <c>str(value)</c> of what the plugin returned: the text for <see cref="Text"/>, else the HTML (the <c>render_cell</c> JSON extra).</summary>
    internal string AsString => _text ?? Html;

    /// <summary>Markup written into the page unescaped: the plugin must escape whatever it took from the data.</summary>
    public static Markup Trusted(string html) => new(html ?? "");

    /// <summary>Plain text, shown as text (HTML-escaped).</summary>
    public static Markup Text(string text) => new(Escape(text), text ?? "");

    /// <summary>
    /// markupsafe's <c>escape</c>: <c>&amp; &lt; &gt; " '</c> as entities, for text a plugin puts into trusted
    /// markup; every other character is left as it is (the page is UTF-8).
    /// </summary>
    public static string Escape(string text)
    {
        if (string.IsNullOrEmpty(text) || text.AsSpan().IndexOfAny(Special) < 0)
        {
            return text ?? "";
        }
        var builder = new StringBuilder(text.Length + 16);
        foreach (var c in text)
        {
            _ = c switch
            {
                '&' => builder.Append("&amp;"),
                '<' => builder.Append("&lt;"),
                '>' => builder.Append("&gt;"),
                '"' => builder.Append("&#34;"),
                '\'' => builder.Append("&#39;"),
                _ => builder.Append(c),
            };
        }
        return builder.ToString();
    }

    private static readonly SearchValues<char> Special = SearchValues.Create("&<>\"'");

    public override string ToString() => Html;
}
