using System.Text;
using System.Text.Json;
using Datasette.Gen.Runtime.Errors;

namespace Datasette.Gen.Runtime.Http;

/// <summary>
/// POST bodies of the small HTML forms (logout, create-token, messages, permissions): URL-encoded
/// or a JSON object, read as ordered (name, value) pairs, never more than max_post_body_bytes.
/// </summary>
internal static class RequestBody
{
    public static async Task<QueryArgs> ReadFormAsync(DatasetteRequest request)
    {
        var limit = request.Settings.MaxPostBodyBytes;
        if (limit > 0 && request.Context.Request.ContentLength > limit)
        {
            throw new DatasetteHttpException(413, $"Request body exceeded maximum size of {limit} bytes");
        }
        // Kestrel may fail the read itself (too slow, malformed chunks): RequestPipeline answers those with their own status.
        var body = request.Context.Request.Body;
        using var buffer = new MemoryStream();
        var chunk = new byte[8192];
        int read;
        while ((read = await body.ReadAsync(chunk).ConfigureAwait(false)) > 0)
        {
            buffer.Write(chunk, 0, read);
            if (limit > 0 && buffer.Length > limit)
            {
                throw new DatasetteHttpException(413, $"Request body exceeded maximum size of {limit} bytes");
            }
        }
        var text = Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length);
        var contentType = request.Header("Content-Type") ?? "";
        if (contentType.StartsWith("application/json", StringComparison.OrdinalIgnoreCase))
        {
            return FromJson(text);
        }
        return QueryArgs.Parse(text);
    }

    /// <summary>A JSON object's members as form fields: strings as they are, other scalars as JSON text, true as "on".</summary>
    private static QueryArgs FromJson(string text)
    {
        var pairs = new List<KeyValuePair<string, string>>();
        try
        {
            using var document = JsonDocument.Parse(text);
            if (document.RootElement.ValueKind != JsonValueKind.Object)
            {
                throw DatasetteHttpException.BadRequest("JSON body must be an object");
            }
            foreach (var property in document.RootElement.EnumerateObject())
            {
                var value = property.Value;
                switch (value.ValueKind)
                {
                    case JsonValueKind.String:
                        pairs.Add(new(property.Name, value.GetString()!));
                        break;
                    case JsonValueKind.True:
                        pairs.Add(new(property.Name, "on"));
                        break;
                    case JsonValueKind.False:
                    case JsonValueKind.Null:
                        break;
                    default:
                        pairs.Add(new(property.Name, value.GetRawText()));
                        break;
                }
            }
        }
        catch (JsonException ex)
        {
            throw DatasetteHttpException.BadRequest("Invalid JSON: " + ex.Message);
        }
        return new QueryArgs(pairs);
    }
}
