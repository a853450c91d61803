using System.Text.Json;
using Datasette.Gen.Runtime.Html;

namespace Datasette.Gen.Tests.Html;

/// <summary>html-ui.md §4.13's cell rules, one value at a time.</summary>
public sealed class CellHtmlTests
{
    private static string Render(string json, int truncate = 2048, string? blobUrl = null, string? foreignTable = null)
    {
        using var document = JsonDocument.Parse(json);
        return CellHtml.Render(document.RootElement, new CellHtml.Links(blobUrl, foreignTable), truncate);
    }

    [Theory]
    [InlineData("null", "&nbsp;")]
    [InlineData("\"\"", "&nbsp;")]
    [InlineData("3", "3")]
    [InlineData("2.5", "2.5")]
    [InlineData("\"<script>alert(1)</script>\"", "&lt;script&gt;alert(1)&lt;/script&gt;")]
    [InlineData("\"https://example.com/a?b=1&c=2\"", "<a href=\"https://example.com/a?b=1&amp;c=2\">https://example.com/a?b=1&amp;c=2</a>")]
    [InlineData("\"see https://example.com\"", "see https://example.com")]
    [InlineData("\"javascript:alert(1)\"", "javascript:alert(1)")]
    public void Plain_values(string json, string expected) => Assert.Equal(expected, Render(json));

    [Fact]
    public void Long_text_is_truncated_with_an_ellipsis() => Assert.Equal("abcde…", Render("\"abcdefgh\"", truncate: 5));

    [Fact]
    public void Blobs_show_their_size_and_link_to_the_download()
    {
        Assert.Equal("<a class=\"blob-download\" href=\"/db/t/1.blob?_blob_column=data\">&lt;Binary:&nbsp;1,000&nbsp;bytes&gt;</a>",
            Render("{\"$base64\": true, \"encoded\": \"" + System.Convert.ToBase64String(new byte[1000]) + "\"}", blobUrl: "/db/t/1.blob?_blob_column=data"));
        Assert.Equal("&lt;Binary:&nbsp;1&nbsp;byte&gt;", Render("{\"$base64\": true, \"encoded\": \"AA==\"}"));
    }

    [Fact]
    public void A_foreign_key_link_is_escaped_whole_whatever_the_key_holds()
    {
        // The key is tilde-encoded (nothing left for HTML to escape), the table URL is escaped.
        Assert.Equal("<a href=\"/db/o&amp;t/~3Ca~26~22~C3~A9~3E\">x</a>&nbsp;<em>&lt;a&amp;&quot;&#233;&gt;</em>",
            Render("{\"value\": \"<a&\\\"\u00e9>\", \"label\": \"x\"}", foreignTable: "/db/o&t"));
    }

    [Fact]
    public void Foreign_keys_show_the_label_linked_then_the_id()
    {
        Assert.Equal("<a href=\"/db/other/a~2Fb\">&lt;x&gt;</a>&nbsp;<em>a/b</em>", Render("{\"value\": \"a/b\", \"label\": \"<x>\"}", foreignTable: "/db/other"));
        Assert.Equal("<a href=\"/db/other/3\">3</a>", Render("{\"value\": 3, \"label\": \"3\"}", foreignTable: "/db/other"));
    }

    [Theory]
    [InlineData("null", "none")]
    [InlineData("\"x\"", "str")]
    [InlineData("1", "int")]
    [InlineData("1.5", "float")]
    [InlineData("{\"$base64\": true, \"encoded\": \"\"}", "bytes")]
    public void Type_classes(string json, string expected)
    {
        using var document = JsonDocument.Parse(json);
        Assert.Equal(expected, CellHtml.TypeOf(document.RootElement));
    }
}
