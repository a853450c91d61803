using System.Net;
using System.Text;
using System.Threading.Tasks;
using Datasette.Gen.Runtime.Json;
using Microsoft.AspNetCore.Http;

namespace Datasette.Gen.Runtime.Http;

/// <summary>Small response helpers: redirects, text, Datasette's error envelope and HTML error pages.</summary>
public static class Responses
{
    public static Task RedirectAsync(HttpContext context, string location, int status = 302)
    {
        context.Response.StatusCode = status;
        context.Response.Headers.Location = SanitiseLocation(location);
        context.Response.ContentType = "text/plain";
        return Task.CompletedTask;
    }

    /// <summary>Collapses leading slashes and backslashes so a Location never becomes //evil.example.</summary>
    public static string SanitiseLocation(string location)
    {
        var start = 0;
        while (start < location.Length && location[start] is '/' or '\\')
        {
            start++;
        }
        return start > 1 ? "/" + location[start..] : location;
    }

    public static Task TextAsync(HttpContext context, string text, int status = 200, string contentType = "text/plain; charset=utf-8")
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = contentType;
        var bytes = Encoding.UTF8.GetBytes(text);
        context.Response.ContentLength = bytes.Length;
        return HttpMethods.IsHead(context.Request.Method) ? Task.CompletedTask : context.Response.Body.WriteAsync(bytes).AsTask();
    }

    /// <summary><c>{"ok": false, "error", "errors", "status"}</c> plus optional SQL-error keys.</summary>
    public static Task JsonErrorAsync(HttpContext context, int status, string message, bool sqlError = false)
    {
        using var body = new JsonBody();
        var writer = body.Writer;
        writer.WriteStartObject();
        writer.WriteBoolean("ok", false);
        if (sqlError)
        {
            writer.WriteStartArray("rows");
            writer.WriteEndArray();
        }
        writer.WriteString("error", message);
        writer.WriteStartArray("errors");
        writer.WriteStringValue(message);
        writer.WriteEndArray();
        writer.WriteNumber("status", status);
        if (sqlError)
        {
            writer.WriteBoolean("truncated", false);
        }
        writer.WriteEndObject();
        return body.SendAsync(context, status);
    }

    public static Task HtmlErrorAsync(HttpContext context, int status, string message, string? title)
    {
        var heading = WebUtility.HtmlEncode(title ?? $"Error {status}");
        var html = $"""
            <!DOCTYPE html>
            <html lang="en">
            <head><meta charset="utf-8"><title>{heading}</title></head>
            <body>
            <h1>{heading}</h1>
            <div class="message-error"><p>{WebUtility.HtmlEncode(message)}</p></div>
            </body>
            </html>
            """;
        return TextAsync(context, html, status, "text/html; charset=utf-8");
    }
}
