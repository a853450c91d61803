using System.Net;
using System.Text;
using System.Text.Json;
using Datasette.Gen.Runtime.Json;

namespace Datasette.Gen.Runtime.Http;

/// <summary>
/// The HTML form of a data page until the full HTML UI exists: the page's JSON, pretty-printed,
/// with the alternate link Datasette sends so clients can find the JSON.
/// </summary>
internal static class HtmlPages
{
    public static Task SendJsonAsync(DatasetteRequest request, string title, JsonBody json)
    {
        using var document = JsonDocument.Parse(json.WrittenMemory);
        var buffer = new System.Buffers.ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true, Encoder = JsonBody.WriterOptions.Encoder }))
        {
            document.WriteTo(writer);
        }
        var alternate = AlternateJsonUrl(request);
        request.Context.Response.Headers.Link = HeaderValues.Link(alternate, "rel=\"alternate\"; type=\"application/json+datasette\"");
        var html = new StringBuilder()
            .Append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<title>").Append(WebUtility.HtmlEncode(title)).Append("</title>\n")
            .Append("<link rel=\"alternate\" type=\"application/json+datasette\" href=\"").Append(WebUtility.HtmlEncode(alternate)).Append("\">\n</head>\n<body>\n<h1>")
            .Append(WebUtility.HtmlEncode(title)).Append("</h1>\n<pre>").Append(WebUtility.HtmlEncode(Encoding.UTF8.GetString(buffer.WrittenSpan))).Append("</pre>\n</body>\n</html>\n")
            .ToString();
        return Responses.TextAsync(request.Context, html, 200, "text/html; charset=utf-8");
    }

    /// <summary>The route path with .json added before the query string, or _format=json when the path has a dot.</summary>
    public static string AlternateJsonUrl(DatasetteRequest request)
    {
        var path = request.RawPath;
        var query = request.QueryString;
        var last = path[(path.LastIndexOf('/') + 1)..];
        if (last.Contains('.'))
        {
            return request.Origin + path + (query.Length == 0 ? "?_format=json" : query + "&_format=json");
        }
        return request.Origin + (path == "/" ? "/.json" : path + ".json") + query;
    }
}
