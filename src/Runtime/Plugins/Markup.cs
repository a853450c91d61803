using System.Net;

namespace Datasette.Gen.Runtime.Plugins;

/// <summary>
/// HTML a <c>render_cell</c> hook returns for a cell (markupsafe's <c>Markup</c>): either markup the
/// plugin vouches for, written as is, or text, escaped here so a plugin cannot inject markup by accident.
/// </summary>
public sealed class Markup
{
    private Markup(string html) => Html = html;

    /// <summary>The HTML written into the cell.</summary>
    public string Html { get; }

    /// <summary>Markup written into the page unescaped: the plugin must escape whatever it took from the data.</summary>
    public static Markup Trusted(string html) => new(html ?? "");

    /// <summary>Plain text, shown as text (HTML-escaped).</summary>
    public static Markup Text(string text) => new(WebUtility.HtmlEncode(text ?? ""));

    public override string ToString() => Html;
}
