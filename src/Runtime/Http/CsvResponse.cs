using System.Text;
using Microsoft.AspNetCore.Http;

namespace Datasette.Gen.Runtime.Http;

/// <summary>Response headers for CSV (text/plain to view, text/csv as an attachment with ?_dl=) and buffered sends.</summary>
internal static class CsvResponse
{
    public static Stream Start(DatasetteRequest request, string filename)
    {
        var response = request.Context.Response;
        response.StatusCode = 200;
        if (request.Args.Get("_dl") is { Length: > 0 })
        {
            response.ContentType = "text/csv; charset=utf-8";
            response.Headers.ContentDisposition = HeaderValues.Attachment(filename + ".csv");
        }
        else
        {
            response.ContentType = "text/plain; charset=utf-8";
        }
        return HttpMethods.IsHead(request.Method) ? Stream.Null : response.Body;
    }

    /// <summary>Sends what the buffer holds and empties it.</summary>
    public static async Task FlushAsync(Stream stream, StringBuilder buffer)
    {
        if (buffer.Length == 0)
        {
            return;
        }
        var bytes = Encoding.UTF8.GetBytes(buffer.ToString());
        buffer.Clear();
        await stream.WriteAsync(bytes).ConfigureAwait(false);
    }
}
