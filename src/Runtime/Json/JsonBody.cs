using System.Buffers;
using System.Text.Encodings.Web;
using System.Text.Json;
using Datasette.Gen.Runtime.Data;
using Datasette.Gen.Runtime.Http;
using Microsoft.AspNetCore.Http;

namespace Datasette.Gen.Runtime.Json;

/// <summary>
/// Writes a JSON body into a buffer first, so a failure half-way (a timeout on row 900)
/// still becomes a clean error response, then sends it with its length.
/// </summary>
internal sealed class JsonBody : IDisposable
{
    public static readonly JsonWriterOptions WriterOptions = new()
    {
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        SkipValidation = true,
    };

    // Bounded by the request's response budget (max_response_mb), fixed when the body is made.
    private readonly BudgetedBufferWriter _buffer = new(4096, RequestScope.MaxResponseBytes);

    public JsonBody()
    {
        Writer = new Utf8JsonWriter(_buffer, WriterOptions);
    }

    public Utf8JsonWriter Writer { get; }

    public ReadOnlyMemory<byte> WrittenMemory
    {
        get
        {
            Writer.Flush();
            return _buffer.WrittenMemory;
        }
    }

    public Task SendAsync(HttpContext context, int status = 200, string contentType = "application/json; charset=utf-8")
    {
        var body = WrittenMemory;
        var response = context.Response;
        response.StatusCode = status;
        response.ContentType = contentType;
        response.ContentLength = body.Length;
        return HttpMethods.IsHead(context.Request.Method) ? Task.CompletedTask : response.Body.WriteAsync(body).AsTask();
    }

    public void Dispose() => Writer.Dispose();
}
