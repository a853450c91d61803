using System.Net;
using System.Text;
using System.Text.Json;
using Datasette.Gen.Runtime.Json;

namespace Datasette.Gen.Runtime.Http;

/// <summary>
/// Datasette's "JSON data views" (/-/versions, /-/settings, …): with .json the object itself
/// with "ok": true first; without, an HTML page showing the same JSON.
/// </summary>
internal static class DataViews
{
    public static Task SendAsync(DatasetteRequest request, string name, Action<Utf8JsonWriter> writeProperties)
    {
        if (request.Format == "json" || request.Path.EndsWith(".json", StringComparison.Ordinal))
        {
            using var body = new JsonBody();
            body.Writer.WriteStartObject();
            body.Writer.WriteBoolean("ok", true);
            writeProperties(body.Writer);
            body.Writer.WriteEndObject();
            return body.SendAsync(request.Context);
        }
        return SendHtmlAsync(request, name, writeProperties);
    }

    private static Task SendHtmlAsync(DatasetteRequest request, string name, Action<Utf8JsonWriter> writeProperties)
    {
        var buffer = new System.Buffers.ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true, Encoder = JsonBody.WriterOptions.Encoder }))
        {
            writer.WriteStartObject();
            writeProperties(writer);
            writer.WriteEndObject();
        }
        var json = Encoding.UTF8.GetString(buffer.WrittenSpan);
        var html = $"""
            <!DOCTYPE html>
            <html lang="en">
            <head><meta charset="utf-8"><title>{name}</title></head>
            <body>
            <h1>{name}.json</h1>
            <pre>{WebUtility.HtmlEncode(json)}</pre>
            </body>
            </html>
            """;
        return Responses.TextAsync(request.Context, html, 200, "text/html; charset=utf-8");
    }
}
