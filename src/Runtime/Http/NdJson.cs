using System.Text;
using System.Text.Json;
using Datasette.Gen.Runtime.Json;

namespace Datasette.Gen.Runtime.Http;

/// <summary>Bare-shape responses: the rows themselves, or with <c>?_nl=</c> one compact JSON object per line.</summary>
internal static class NdJson
{
    public static Task SendOrJsonAsync(DatasetteRequest request, JsonBody rows)
    {
        var nl = request.Args.Get("_nl");
        if (string.IsNullOrEmpty(nl) || request.Args.Get("_shape") != "array")
        {
            return rows.SendAsync(request.Context);
        }
        using var document = JsonDocument.Parse(rows.WrittenMemory);
        var text = new StringBuilder();
        foreach (var item in document.RootElement.EnumerateArray())
        {
            if (text.Length > 0)
            {
                text.Append('\n');
            }
            text.Append(item.GetRawText());
        }
        return Responses.TextAsync(request.Context, text.ToString(), 200, "text/plain");
    }
}
