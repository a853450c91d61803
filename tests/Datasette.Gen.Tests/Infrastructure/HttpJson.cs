using System.Net.Http;
using System.Text.Json;
using System.Threading.Tasks;

namespace Datasette.Gen.Tests.Infrastructure;

/// <summary>GET helpers that return the status, headers and parsed JSON body together.</summary>
public static class HttpJson
{
    public sealed record JsonResponse(HttpResponseMessage Response, JsonElement Json, string Text)
    {
        public int Status => (int)Response.StatusCode;
    }

    public static async Task<JsonResponse> GetJsonAsync(this HttpClient client, string url)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        var response = await client.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        using var document = JsonDocument.Parse(text);
        return new JsonResponse(response, document.RootElement.Clone(), text);
    }

    /// <summary>The same JSON without insignificant whitespace (number and string text kept exactly), for comparisons.</summary>
    public static string Compact(string json)
    {
        using var document = JsonDocument.Parse(json);
        using var stream = new System.IO.MemoryStream();
        using (var writer = new Utf8JsonWriter(stream, new JsonWriterOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            document.WriteTo(writer);
        }
        return System.Text.Encoding.UTF8.GetString(stream.ToArray());
    }

    public static string Compact(JsonElement element) => Compact(element.GetRawText());

    /// <summary>Sends a raw path exactly as written (no client-side normalisation beyond what Uri does).</summary>
    public static Task<HttpResponseMessage> SendAsync(this HttpClient client, HttpMethod method, string url) =>
        client.SendAsync(new HttpRequestMessage(method, url));
}
