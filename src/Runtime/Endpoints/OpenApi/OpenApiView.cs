using System.Text;
using Datasette.Gen.Runtime.Endpoints.Instance;
using Datasette.Gen.Runtime.Endpoints.Pages;
using Datasette.Gen.Runtime.Html;
using Datasette.Gen.Runtime.Html.Pages;
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
        var baseUrl = datasette.Settings.BaseUrl;
        var model = new ApiExplorerPageModel
        {
            // Datasette's api_explorer.html is a page of the instance: home crumb, no JSON alternate.
            Chrome = PageChromes.Build(request, datasette, title, "api-explorer", ["*api_explorer.html"], alternateJson: false),
            OpenApiUrl = baseUrl + "-/openapi.json",
            SwaggerCssUrl = StaticAssets.Url(baseUrl, "swagger-ui/swagger-ui.css"),
            SwaggerJsUrl = StaticAssets.Url(baseUrl, "swagger-ui/swagger-ui-bundle.js"),
            ApiJsUrl = StaticAssets.Url(baseUrl, "api.js"),
        };
        return HtmlResponse.SendAsync(request.Context, HtmlSlices.ApiExplorer(model));
    }
}
