using System.Net;
using System.Text;
using Datasette.Gen.Runtime.Endpoints.Instance;
using Datasette.Gen.Runtime.Http;
using Datasette.Gen.Runtime.OpenApi;

namespace Datasette.Gen.Runtime.Endpoints.OpenApi;

/// <summary>
/// <c>/-/openapi.json</c>: the OpenAPI 3.1 document of the JSON API as the requesting actor may
/// see it; and <c>/-/api</c>: Swagger UI (embedded, no CDN) over that document. This replaces
/// Datasette's own HTML API explorer at /-/api.
/// </summary>
internal static class OpenApiView
{
    public static async Task DocumentAsync(DatasetteRequest request, Datasette datasette)
    {
        await datasette.RefreshCatalogAsync().ConfigureAwait(false);
        var body = Encoding.UTF8.GetBytes(OpenApiDescription.Write(request, datasette));
        var response = request.Context.Response;
        response.StatusCode = 200;
        response.ContentType = "application/json; charset=utf-8";
        response.ContentLength = body.Length;
        if (!Microsoft.AspNetCore.Http.HttpMethods.IsHead(request.Method))
        {
            await response.Body.WriteAsync(body).ConfigureAwait(false);
        }
    }

    public static Task PageAsync(DatasetteRequest request, Datasette datasette)
    {
        request.EnsureAllowed("view-instance");
        var title = "API";
        foreach (var (key, value) in datasette.Internal.Metadata.Instance())
        {
            if (key == "title" && value.Length > 0)
            {
                title = "API: " + value;
            }
        }
        string Attribute(string value) => WebUtility.HtmlEncode(value);
        var html = new StringBuilder()
            .Append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
            .Append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
            .Append("<title>").Append(WebUtility.HtmlEncode(title)).Append("</title>\n")
            .Append("<link rel=\"stylesheet\" href=\"").Append(Attribute(StaticAssets.Url(datasette.Settings.BaseUrl, "swagger-ui/swagger-ui.css"))).Append("\">\n")
            .Append("</head>\n<body>\n")
            .Append("<div id=\"swagger-ui\" data-openapi-url=\"").Append(Attribute(datasette.Settings.BaseUrl + "-/openapi.json")).Append("\"></div>\n")
            .Append("<script src=\"").Append(Attribute(StaticAssets.Url(datasette.Settings.BaseUrl, "swagger-ui/swagger-ui-bundle.js"))).Append("\"></script>\n")
            .Append("<script src=\"").Append(Attribute(StaticAssets.Url(datasette.Settings.BaseUrl, "api.js"))).Append("\"></script>\n")
            .Append("</body>\n</html>\n")
            .ToString();
        return Responses.TextAsync(request.Context, html, 200, "text/html; charset=utf-8");
    }
}
