using System;
using System.Threading.Tasks;
using Datasette.Gen.Runtime.Data;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Datasette.Gen.Runtime.Http;

/// <summary>
/// Every request's path through Datasette: route on the raw path, run the view, and turn
/// failures into Datasette's responses (tilde and trailing-slash redirects for 404s, the
/// JSON envelope or an HTML page otherwise). Nothing escapes as an unhandled 500.
/// </summary>
public sealed class RequestPipeline(Datasette datasette, Router router, ILogger logger)
{
    public async Task InvokeAsync(HttpContext context)
    {
        var request = new DatasetteRequest(context, datasette.Settings.BaseUrl, datasette.Settings.ForceHttpsUrls)
        {
            Permissions = datasette.Permissions,
            Datasette = datasette,
        };
        try
        {
            var route = router.Match(request) ?? throw DatasetteHttpException.NotFound("404");
            if (HttpMethods.IsOptions(request.Method))
            {
                await Responses.TextAsync(context, "ok", 200, "text/plain").ConfigureAwait(false);
                return;
            }
            if (!HttpMethods.IsGet(request.Method) && !HttpMethods.IsHead(request.Method))
            {
                throw new DatasetteHttpException(405, "Method not allowed");
            }
            await route.Handler(request, datasette).ConfigureAwait(false);
        }
        catch (Exception ex) when (!context.Response.HasStarted)
        {
            await HandleErrorAsync(request, ex).ConfigureAwait(false);
        }
    }

    private Task HandleErrorAsync(DatasetteRequest request, Exception exception)
    {
        var context = request.Context;
        context.Response.Clear();
        switch (exception)
        {
            case DatasetteHttpException { Status: 404 } notFound:
                if (request.RawPath.Contains('%'))
                {
                    var path = request.RawPath.Replace("~", "~7E").Replace("%", "~").Replace(".", "~2E");
                    return Responses.RedirectAsync(context, path + request.QueryString);
                }
                if (request.RawPath.Length > 1 && request.RawPath.EndsWith('/'))
                {
                    return Responses.RedirectAsync(context, request.RawPath.TrimEnd('/') + request.QueryString);
                }
                return ErrorAsync(request, 404, notFound.Message, null);
            case DatasetteHttpException { Status: 405 }:
                return request.WantsJsonErrors
                    ? Responses.JsonErrorAsync(context, 405, "Method not allowed")
                    : Responses.TextAsync(context, "Method not allowed", 405, "text/plain");
            case DatasetteHttpException http:
                return ErrorAsync(request, http.Status, http.Message, http.Title);
            case SqlErrorException sql:
                return request.WantsJsonErrors
                    ? Responses.JsonErrorAsync(context, 400, sql.Message, sqlError: true)
                    : Responses.HtmlErrorAsync(context, 400, sql.Message, "Invalid SQL");
            case QueryInterruptedException interrupted:
                return ErrorAsync(request, 400, interrupted.Message, "SQL Interrupted");
            default:
                logger.LogError(exception, "Unhandled error for {Path}", request.RawPath);
                return ErrorAsync(request, 500, exception.Message, null);
        }
    }

    private static Task ErrorAsync(DatasetteRequest request, int status, string message, string? title) =>
        request.WantsJsonErrors
            ? Responses.JsonErrorAsync(request.Context, status, message)
            : Responses.HtmlErrorAsync(request.Context, status, message, title);
}
