using System.Net.Http;
using System.Text.RegularExpressions;
using System.Threading.Tasks;

namespace Datasette.Gen.Tests.Html;

/// <summary>Fetching an HTML page and finding its elements without an HTML parser (none is available here).</summary>
internal static class HtmlAssert
{
    public static async Task<string> PageAsync(HttpClient client, string url, int status = 200)
    {
        var response = await client.GetAsync(url);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(status == (int)response.StatusCode, $"{url}: {(int)response.StatusCode}\n{body}");
        Assert.Equal("text/html; charset=utf-8", response.Content.Headers.ContentType?.ToString());
        return body;
    }

    /// <summary>The first start tag named <paramref name="tag"/> that carries <paramref name="attribute"/>, whole.</summary>
    public static string Tag(string html, string tag, string attribute)
    {
        var match = Regex.Match(html, $"<{tag}\\b[^>]*{Regex.Escape(attribute)}[^>]*>");
        Assert.True(match.Success, $"no <{tag} … {attribute} …> in the page");
        return match.Value;
    }

    /// <summary>The element's inner HTML, up to the first matching end tag (no nesting of the same tag inside).</summary>
    public static string Inner(string html, string tag, string attribute)
    {
        var start = Tag(html, tag, attribute);
        var from = html.IndexOf(start, System.StringComparison.Ordinal) + start.Length;
        var end = html.IndexOf($"</{tag}>", from, System.StringComparison.Ordinal);
        Assert.True(end >= 0, $"<{tag} {attribute}> is not closed");
        return html[from..end];
    }
}
