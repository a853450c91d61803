using System.Text.RegularExpressions;

namespace Datasette.Gen.Tests.Html;

/// <summary>Accessibility rules a page's forms must keep, checked on the markup (axe-core's "label" rule, without a browser).</summary>
internal static class FormAssert
{
    /// <summary>Every visible form control has a <c>label for</c> its id, or sits inside a <c>label</c>.</summary>
    public static void EveryControlLabelled(string html)
    {
        foreach (Match control in Regex.Matches(html, "<(input|select|textarea)\\b[^>]*>"))
        {
            var tag = control.Value;
            if (Regex.IsMatch(tag, "type=\"(hidden|submit|button)\""))
            {
                continue;
            }
            var id = Regex.Match(tag, "\\bid=\"([^\"]+)\"");
            if (id.Success && html.Contains($"for=\"{id.Groups[1].Value}\"", System.StringComparison.Ordinal))
            {
                continue;
            }
            var before = html[..control.Index];
            var open = before.LastIndexOf("<label", System.StringComparison.Ordinal);
            var close = before.LastIndexOf("</label>", System.StringComparison.Ordinal);
            Assert.True(open > close, $"unlabelled control: {tag}");
        }
    }
}
