using System.Text;
using Datasette.Gen.Runtime.Http;

namespace Datasette.Gen.Runtime.Endpoints.Write;

/// <summary>
/// The body of a write request, never more than max_post_body_bytes (413 in JSON, judged by
/// Content-Length first, then while reading), parsed as JSON whatever its Content-Type, as Datasette does.
/// </summary>
internal static class WriteRequestBody
{
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    /// <summary>The body as text (a UTF-8 byte order mark dropped, as Python's json.loads does for bytes).</summary>
    public static async Task<string> ReadTextAsync(DatasetteRequest request)
    {
        var limit = request.Settings.MaxPostBodyBytes;
        if (limit > 0 && request.Context.Request.ContentLength > limit)
        {
            throw TooLarge(limit);
        }
        var body = request.Context.Request.Body;
        using var buffer = new MemoryStream();
        var chunk = new byte[16 * 1024];
        int read;
        while ((read = await body.ReadAsync(chunk).ConfigureAwait(false)) > 0)
        {
            buffer.Write(chunk, 0, read);
            if (limit > 0 && buffer.Length > limit)
            {
                throw TooLarge(limit);
            }
        }
        var bytes = new ReadOnlySpan<byte>(buffer.GetBuffer(), 0, (int)buffer.Length);
        if (bytes.StartsWith(Encoding.UTF8.Preamble))
        {
            bytes = bytes[Encoding.UTF8.Preamble.Length..];
        }
        try
        {
            return StrictUtf8.GetString(bytes);
        }
        catch (DecoderFallbackException)
        {
            throw WriteApiException.BadRequest("Invalid JSON: the body is not valid UTF-8");
        }
    }

    /// <summary>The body's JSON value (see <see cref="PythonJsonReader"/>); 400 <c>Invalid JSON: …</c> when it is not JSON.</summary>
    public static async Task<object?> ReadJsonAsync(DatasetteRequest request)
    {
        var text = await ReadTextAsync(request).ConfigureAwait(false);
        try
        {
            return PythonJsonReader.Parse(text);
        }
        catch (PythonJsonException ex)
        {
            throw WriteApiException.BadRequest("Invalid JSON: " + ex.Message);
        }
    }

    private static WriteApiException TooLarge(long limit) => new(413, $"Request body exceeded maximum size of {limit} bytes");
}
