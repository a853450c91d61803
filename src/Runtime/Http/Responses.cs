using System.Net;
using System.Text;
using Datasette.Gen.Runtime.Json;
using Microsoft.AspNetCore.Http;

namespace Datasette.Gen.Runtime.Http;

/// <summary>Small response helpers: redirects, text, Datasette's error envelope and HTML error pages.</summary>
internal static class Responses
{
    public static Task RedirectAsync(HttpContext context, string location, int status = 302)
    {
        context.Response.StatusCode = status;
        context.Response.Headers.Location = HeaderValues.Location(location);
        context.Response.ContentType = "text/plain";
        return Task.CompletedTask;
    }

    /// <summary>Collapses leading slashes and backslashes so a Location never becomes //evil.example, and percent-encodes what a header cannot hold.</summary>
    public static string SanitiseLocation(string location) => HeaderValues.Location(location);

    public static Task TextAsync(HttpContext context, string text, int status = 200, string contentType = "text/plain; charset=utf-8")
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = contentType;
        var bytes = Encoding.UTF8.GetBytes(text);
        context.Response.ContentLength = bytes.Length;
        return HttpMethods.IsHead(context.Request.Method) ? Task.CompletedTask : context.Response.Body.WriteAsync(bytes).AsTask();
    }

    /// <summary>
    /// <c>{"ok": false, "error", "errors", "status"}</c>: Datasette's envelope for every error its
    /// exception handler answers, SQL errors on table and row pages included (only the query page's
    /// own renderer adds <c>rows</c> and <c>truncated</c>, see QueryView).
    /// </summary>
    public static Task JsonErrorAsync(HttpContext context, int status, string message)
    {
        using var body = new JsonBody();
        var writer = body.Writer;
        writer.WriteStartObject();
        writer.WriteBoolean("ok", false);
        WriteErrorFields(writer, status, message);
        writer.WriteEndObject();
        return body.SendAsync(context, status);
    }

    /// <summary>Datasette's <c>error_body</c> after its <c>"ok": false</c>: <c>error</c>, <c>errors</c> and <c>status</c>.</summary>
    public static void WriteErrorFields(System.Text.Json.Utf8JsonWriter writer, int status, string message)
    {
        writer.WriteString("error", message);
        writer.WriteStartArray("errors");
        writer.WriteStringValue(message);
        writer.WriteEndArray();
        writer.WriteNumber("status", status);
    }

    public static Task HtmlErrorAsync(HttpContext context, int status, string message, string? title)
    {
        var heading = WebUtility.HtmlEncode(title ?? $"Error {status}");
        var html = $"""
            <!DOCTYPE html>
            <html lang="en">
            <head><meta charset="utf-8"><title>{heading}</title></head>
            <body>
            <section class="content">
            <h1>{heading}</h1>
            <div class="message-error"><p>{WebUtility.HtmlEncode(message)}</p></div>
            </section>
            </body>
            </html>
            """;
        return TextAsync(context, html, status, "text/html; charset=utf-8");
    }

    /// <summary>Datasette's CSRF rejection: 403, an HTML page titled "CSRF check failed" with the reason.</summary>
    public static Task CsrfFailedAsync(HttpContext context, string reason)
    {
        var html = $"""
            <!DOCTYPE html>
            <html lang="en">
            <head><meta charset="utf-8"><title>CSRF check failed</title></head>
            <body>
            <h1>CSRF check failed</h1>
            <p>This request was rejected because it appears to come from a different site.</p>
            <p>Reason: {WebUtility.HtmlEncode(reason)}</p>
            </body>
            </html>
            """;
        return TextAsync(context, html, 403, "text/html; charset=utf-8");
    }

    /// <summary>
    /// The CORS headers Datasette adds with --cors. ETag is exposed beside Datasette's Link: a
    /// script on another origin can only revalidate (If-None-Match) with a tag it is allowed to read.
    /// </summary>
    public static void AddCorsHeaders(HttpResponse response)
    {
        response.Headers["Access-Control-Allow-Origin"] = "*";
        response.Headers["Access-Control-Allow-Headers"] = "Authorization, Content-Type";
        response.Headers["Access-Control-Expose-Headers"] = "Link, ETag";
        response.Headers["Access-Control-Allow-Methods"] = "GET, POST, HEAD, OPTIONS";
        response.Headers["Access-Control-Max-Age"] = "3600";
    }
}
