using System.Text;
using System.Text.Json.Nodes;
using Datasette.Gen.Runtime.Json;
using Microsoft.AspNetCore.Http;

namespace Datasette.Gen.Runtime.Http;

/// <summary>
/// A complete response a plugin view returns (Datasette's <c>Response</c>): status, content type,
/// body and extra headers, built with <see cref="Html"/>, <see cref="Text"/>, <see cref="Json"/> or
/// <see cref="Redirect"/>.
/// </summary>
public sealed record DatasetteResponse(int Status, string ContentType, ReadOnlyMemory<byte> Body)
{
    /// <summary>Headers added to the response, e.g. <c>("Cache-Control", "no-store")</c>.</summary>
    public IReadOnlyList<KeyValuePair<string, string>> Headers { get; init; } = Array.Empty<KeyValuePair<string, string>>();

    public static DatasetteResponse Html(string html, int status = 200) => new(status, "text/html; charset=utf-8", Encoding.UTF8.GetBytes(html));

    public static DatasetteResponse Text(string text, int status = 200) => new(status, "text/plain; charset=utf-8", Encoding.UTF8.GetBytes(text));

    /// <summary>JSON written as Datasette writes it (non-ASCII characters kept as they are).</summary>
    public static DatasetteResponse Json(JsonNode? body, int status = 200)
    {
        using var json = new JsonBody();
        if (body is null)
        {
            json.Writer.WriteNullValue();
        }
        else
        {
            body.WriteTo(json.Writer);
        }
        return new(status, "application/json; charset=utf-8", json.WrittenMemory.ToArray());
    }

    public static DatasetteResponse Redirect(string location, int status = 302) =>
        new(status, "text/plain", ReadOnlyMemory<byte>.Empty) { Headers = new[] { KeyValuePair.Create("Location", Responses.SanitiseLocation(location)) } };

    public DatasetteResponse WithHeader(string name, string value)
    {
        var headers = new List<KeyValuePair<string, string>>(Headers) { KeyValuePair.Create(name, value) };
        return this with { Headers = headers };
    }

    public Task SendAsync(HttpContext context)
    {
        var response = context.Response;
        response.StatusCode = Status;
        response.ContentType = HeaderValues.Text(ContentType);
        foreach (var (name, value) in Headers)
        {
            // Plugins often echo request or database text into headers: CR/LF or non-ASCII must not become a 500.
            response.Headers.Append(name, HeaderValues.Text(value));
        }
        response.ContentLength = Body.Length;
        return HttpMethods.IsHead(context.Request.Method) || Body.IsEmpty ? Task.CompletedTask : response.Body.WriteAsync(Body).AsTask();
    }
}
