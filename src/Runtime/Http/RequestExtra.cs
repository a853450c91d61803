using System.Text.Json;

namespace Datasette.Gen.Runtime.Http;

/// <summary>The <c>request</c> extra: url, path, full_path, host and the arguments.</summary>
internal static class RequestExtra
{
    public static void Write(Utf8JsonWriter writer, DatasetteRequest request)
    {
        writer.WriteStartObject("request");
        writer.WriteString("url", request.Origin + request.RawPath + request.QueryString);
        writer.WriteString("path", request.RawPath);
        writer.WriteString("full_path", request.RawPath + request.QueryString);
        writer.WriteString("host", request.Context.Request.Host.Value);
        writer.WriteStartObject("args");
        var seen = new HashSet<string>();
        foreach (var pair in request.Args.Pairs)
        {
            if (!seen.Add(pair.Key))
            {
                continue;
            }
            writer.WriteStartArray(pair.Key);
            foreach (var value in request.Args.GetAll(pair.Key))
            {
                writer.WriteStringValue(value);
            }
            writer.WriteEndArray();
        }
        writer.WriteEndObject();
        writer.WriteEndObject();
    }
}
