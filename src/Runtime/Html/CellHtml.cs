using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json;
using Datasette.Gen.Runtime.Data;
using Datasette.Gen.Runtime.Json;

namespace Datasette.Gen.Runtime.Html;

/// <summary>
/// The HTML of one cell from its typed value (<see cref="PageCell"/>, what the page's JSON would hold) or its JSON value (html-ui.md §4.13): NULL and empty as <c>&amp;nbsp;</c>,
/// a lone http(s) URL as a link, a labelled foreign key as a link to the referenced row, a BLOB as
/// a download link, long text truncated. Everything written is escaped here.
/// </summary>
internal static class CellHtml
{
    public const string Blank = "&nbsp;";

    /// <summary>How to link a cell: the row's BLOB download base, and the foreign key's target table URL.</summary>
    internal readonly record struct Links(string? BlobUrl, string? ForeignTableUrl);

    /// <summary>The cell's <c>type-…</c> class suffix, as <see cref="TypeOf(JsonElement)"/> gives it for the cell's JSON.</summary>
    public static string TypeOf(PageCell cell) => cell.Value switch
    {
        null => "none",
        string => "str",
        long => "int",
        double real => double.IsFinite(real) ? "float" : "none",
        byte[] => "bytes",
        bool => "dict",
        _ => TypeOf(PageCellJson.ToElement(cell)),
    };

    /// <summary>The cell's HTML, as <see cref="Render(JsonElement, Links, int)"/> gives it for the cell's JSON.</summary>
    public static string Render(PageCell cell, Links links, int truncate)
    {
        if (cell.IsLabelled)
        {
            return cell.Value switch
            {
                string text => ForeignKey(text, cell.Label!, links.ForeignTableUrl),
                long number => ForeignKey(number.ToString(CultureInfo.InvariantCulture), cell.Label!, links.ForeignTableUrl),
                double real => SqliteJson.RealText(real) is { } text ? ForeignKey(text, cell.Label!, links.ForeignTableUrl) : Blank,
                _ => Render(PageCellJson.ToElement(cell), links, truncate),
            };
        }
        return cell.Value switch
        {
            null => Blank,
            string text => Text(text, truncate),
            long number => number.ToString(CultureInfo.InvariantCulture),
            double real => SqliteJson.RealText(real) is { } text ? WebUtility.HtmlEncode(text) : Blank,
            bool flag => flag ? "1" : "0",
            byte[] blob => Blob(blob.Length, links.BlobUrl),
            _ => Render(PageCellJson.ToElement(cell), links, truncate),
        };
    }

    /// <summary>A key column's text, as the row's URL spells it (the JSON's text for values other than strings).</summary>
    public static string KeyText(PageCell cell) => cell.Value switch
    {
        null => "",
        string text => text,
        long number => number.ToString(CultureInfo.InvariantCulture),
        double real => SqliteJson.RealText(real) ?? "",
        bool flag => flag ? "true" : "false",
        _ when cell.IsLabelled => KeyText(new PageCell(cell.Value)),
        _ => KeyText(PageCellJson.ToElement(cell)),
    };

    /// <summary>A key column's text from its JSON value.</summary>
    public static string KeyText(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.String => value.GetString()!,
        JsonValueKind.Null or JsonValueKind.Undefined => "",
        JsonValueKind.Object when value.TryGetProperty("value", out var inner) => KeyText(inner),
        _ => value.GetRawText(),
    };

    /// <summary>The cell's <c>type-…</c> class suffix.</summary>
    public static string TypeOf(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.Null or JsonValueKind.Undefined => "none",
        JsonValueKind.String => "str",
        JsonValueKind.Number => value.TryGetInt64(out _) ? "int" : "float",
        JsonValueKind.Object when IsBlob(value) => "bytes",
        JsonValueKind.Object when value.TryGetProperty("value", out var inner) => TypeOf(inner),
        _ => "dict",
    };

    public static string Render(JsonElement value, Links links, int truncate)
    {
        switch (value.ValueKind)
        {
            case JsonValueKind.Null:
            case JsonValueKind.Undefined:
                return Blank;
            case JsonValueKind.String:
                return Text(value.GetString()!, truncate);
            case JsonValueKind.Number:
                return WebUtility.HtmlEncode(value.GetRawText());
            case JsonValueKind.True:
                return "1";
            case JsonValueKind.False:
                return "0";
            case JsonValueKind.Object when IsBlob(value):
                return Blob(value, links.BlobUrl);
            case JsonValueKind.Object when value.TryGetProperty("value", out var id) && value.TryGetProperty("label", out var label):
                return ForeignKey(id, label, links.ForeignTableUrl);
            default:
                return Text(value.GetRawText(), truncate);
        }
    }

    /// <summary>Text with a lone URL linked; <paramref name="truncate"/> characters at most (0: no limit).</summary>
    public static string Text(string text, int truncate)
    {
        if (text.Length == 0)
        {
            return Blank;
        }
        var shown = truncate > 0 && text.Length > truncate ? text[..truncate] + "…" : text;
        if (IsUrl(text))
        {
            return $"<a href=\"{WebUtility.HtmlEncode(text)}\">{WebUtility.HtmlEncode(shown)}</a>";
        }
        return WebUtility.HtmlEncode(shown);
    }

    /// <summary>Exactly an http(s) URL: nothing before or after it, no white space inside.</summary>
    public static bool IsUrl(string text) =>
        (text.StartsWith("http://", StringComparison.Ordinal) || text.StartsWith("https://", StringComparison.Ordinal))
        && text.Length > 8 && !text.Any(char.IsWhiteSpace)
        && Uri.TryCreate(text, UriKind.Absolute, out _);

    /// <summary>Thousands separators, as Datasette's templates show counts.</summary>
    public static string Thousands(long n) => n.ToString("N0", CultureInfo.InvariantCulture);

    private static bool IsBlob(JsonElement value) => value.TryGetProperty("$base64", out var flag) && flag.ValueKind == JsonValueKind.True;

    private static string Blob(JsonElement value, string? url)
    {
        var encoded = value.TryGetProperty("encoded", out var e) ? e.GetString() ?? "" : "";
        var padding = encoded.EndsWith("==", StringComparison.Ordinal) ? 2 : encoded.EndsWith('=') ? 1 : 0;
        return Blob(encoded.Length / 4 * 3 - padding, url);
    }

    private static string Blob(long length, string? url)
    {
        var text = $"&lt;Binary:&nbsp;{Thousands(length)}&nbsp;byte{(length == 1 ? "" : "s")}&gt;";
        return url is null ? text : $"<a class=\"blob-download\" href=\"{WebUtility.HtmlEncode(url)}\">{text}</a>";
    }

    private static string ForeignKey(JsonElement id, JsonElement label, string? tableUrl)
    {
        if (id.ValueKind == JsonValueKind.Null)
        {
            return Blank;
        }
        var idText = id.ValueKind == JsonValueKind.String ? id.GetString()! : id.GetRawText();
        var labelText = label.ValueKind switch
        {
            JsonValueKind.String => label.GetString()!,
            JsonValueKind.Null => idText,
            _ => label.GetRawText(),
        };
        return ForeignKey(idText, labelText, tableUrl);
    }

    private static string ForeignKey(string idText, string labelText, string? tableUrl)
    {
        var text = WebUtility.HtmlEncode(labelText.Length == 0 ? "-" : labelText);
        var link = tableUrl is null ? text
            // A tilde-encoded key is letters, digits and "_-+~" only: escaping the table part alone escapes the whole URL.
            : string.Concat("<a href=\"", WebUtility.HtmlEncode(tableUrl), "/", Configuration.UrlEncoding.TildeEncoding.Encode(idText), "\">", text, "</a>");
        return labelText == idText ? link : string.Concat(link, "&nbsp;<em>", WebUtility.HtmlEncode(idText), "</em>");
    }
}
