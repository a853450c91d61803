using System.Text.Json.Nodes;
using Datasette.Gen.Configuration.Model;
using Datasette.Gen.Runtime.Data;
using Datasette.Gen.Runtime.Errors;
using Datasette.Gen.Runtime.Permissions;
using Datasette.Gen.Runtime.Signing;
using Datasette.Gen.Runtime.Tokens;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Logging;

namespace Datasette.Gen.Runtime.Http;

/// <summary>
/// Every request's path through Datasette: route on the raw path, run the view, and turn
/// failures into Datasette's responses (tilde and trailing-slash redirects for 404s, the
/// JSON envelope or an HTML page otherwise). Nothing escapes as an unhandled 500. It receives
/// the few collaborators it uses; the routes were bound to the facade when the table was built.
/// </summary>
/// <param name="actorFromRequest">Resolves the actor (tokens, cookie, plugins); throws <see cref="TokenInvalidException"/> for a bad token.</param>
internal sealed class RequestPipeline(
    Settings settings,
    PermissionChecker permissions,
    Signer signer,
    Func<DatasetteRequest, Task<JsonObject?>> actorFromRequest,
    bool cors,
    Router router,
    ILogger logger,
    Func<DatasetteRequest, int, string, string?, Task>? htmlErrorPage = null,
    PipelineHooks? hooks = null)
{
    private readonly bool _wrappers = hooks?.Wrappers is { Count: > 0 };

    /// <summary>The asgi_wrapper middleware around <see cref="InvokeCoreAsync"/>, built on first use.</summary>
    private RequestDelegate? _wrapped;

    private readonly bool _trackRequest = hooks?.TrackRequest ?? false;

    /// <summary>The HTML error page: the layout's when the facade gave one, else the bare page.</summary>
    private Task HtmlErrorAsync(DatasetteRequest request, int status, string message, string? title) =>
        htmlErrorPage is null
            ? Responses.HtmlErrorAsync(request.Context, status, message, title)
            : htmlErrorPage(request, status, message, title);

    /// <summary>Answers one request: through the plugins' middleware, if any, to the pipeline itself.</summary>
    public Task InvokeAsync(HttpContext context) => _wrappers ? (_wrapped ??= Wrap(hooks!.Wrappers))(context) : InvokeCoreAsync(context);

    /// <summary>Datasette applies each asgi_wrapper around the application so far: the last is outermost.</summary>
    private RequestDelegate Wrap(IReadOnlyList<Func<RequestDelegate, RequestDelegate>> wrappers)
    {
        RequestDelegate next = InvokeCoreAsync;
        foreach (var wrapper in wrappers)
        {
            next = wrapper(next);
        }
        return next;
    }

    private async Task InvokeCoreAsync(HttpContext context)
    {
        var request = new DatasetteRequest(context, settings) { Permissions = permissions };
        if (_trackRequest)
        {
            CurrentRequest.Set(request);
        }
        PermissionScope.BeginRequest();
        // The SQL this request runs stops when its client goes away, and what it buffers has a budget.
        using var scope = RequestScope.Enter(context.RequestAborted, settings.MaxResponseMb * 1024L * 1024L);
        try
        {
            if (CrossOriginProtection.Check(context.Request, settings.ForceHttpsUrls) is { } reason)
            {
                request.SuppressMessageCookie = true;
                await Responses.CsrfFailedAsync(context, reason).ConfigureAwait(false);
                return;
            }
            Messages.Load(signer, request);
            context.Response.OnStarting(() =>
            {
                Messages.Write(signer, request);
                // --cors covers every answer past the CSRF check (views, OPTIONS, errors, redirects,
                // plugin routes) from this one place: added as the response starts, so an error
                // handler that clears the headers cannot drop them.
                if (cors)
                {
                    Responses.AddCorsHeaders(context.Response);
                }
                return Task.CompletedTask;
            });
            try
            {
                request.Actor = await actorFromRequest(request).ConfigureAwait(false);
            }
            catch (TokenInvalidException rejected)
            {
                request.SuppressMessageCookie = true;
                context.Response.Headers.WWWAuthenticate = "Bearer error=\"invalid_token\"";
                await Responses.JsonErrorAsync(context, 401, rejected.Message).ConfigureAwait(false);
                return;
            }
            var route = router.Match(request) ?? throw DatasetteHttpException.NotFound("404");
            if (HttpMethods.IsOptions(request.Method))
            {
                await Responses.TextAsync(context, "ok", 200, "text/plain").ConfigureAwait(false);
                return;
            }
            var allowed = route.AnyMethod || HttpMethods.IsGet(request.Method) || HttpMethods.IsHead(request.Method) || (route.AllowPost && HttpMethods.IsPost(request.Method));
            if (!allowed)
            {
                throw new DatasetteHttpException(405, "Method not allowed");
            }
            await route.Handler(request).ConfigureAwait(false);
        }
        catch (Exception ex) when (!context.Response.HasStarted)
        {
            request.SuppressMessageCookie = true;
            await HandleErrorAsync(request, ex).ConfigureAwait(false);
        }
    }

    /// <summary>
    /// Datasette's order: a 403 goes to the forbidden hooks, any other error (after the 404
    /// redirects) to the handle_exception hooks; the first response a plugin returns is sent, else the
    /// default answer.
    /// </summary>
    private async Task HandleErrorAsync(DatasetteRequest request, Exception exception)
    {
        if (hooks is not null && await PluginResponseAsync(request, exception).ConfigureAwait(false) is { } response)
        {
            request.Context.Response.Clear();
            await response.SendAsync(request.Context).ConfigureAwait(false);
            return;
        }
        await DefaultErrorAsync(request, exception).ConfigureAwait(false);
    }

    private async ValueTask<DatasetteResponse?> PluginResponseAsync(DatasetteRequest request, Exception exception)
    {
        try
        {
            if (exception is ForbiddenException)
            {
                return hooks!.Forbidden is { } forbidden ? await forbidden(request, exception.Message).ConfigureAwait(false) : null;
            }
            return hooks!.HandleException is { } handle && IsError(request, exception) ? await handle(request, exception).ConfigureAwait(false) : null;
        }
        catch (Exception failed)
        {
            // A plugin's error handler that fails must not take the request's answer with it.
            logger.LogError(failed, "A plugin's error hook failed for {Path}", request.RawPath);
            return null;
        }
    }

    /// <summary>
    /// What Datasette hands to handle_exception: not the 404s it answers with a redirect, not a 405
    /// (Datasette's views return that answer rather than raise it), not a request nobody waits for.
    /// </summary>
    private static bool IsError(DatasetteRequest request, Exception exception) => exception switch
    {
        DatasetteHttpException { Status: 404 } => NotFoundRedirect(request) is null,
        DatasetteHttpException { Status: 405 } => false,
        OperationCanceledException => !request.Context.RequestAborted.IsCancellationRequested,
        _ => true,
    };

    /// <summary>Datasette's 404 redirects: a %-encoded path to its ~-encoded form, a trailing slash removed.</summary>
    private static string? NotFoundRedirect(DatasetteRequest request) =>
        request.RawPath.Contains('%') ? request.RawPath.Replace("~", "~7E").Replace("%", "~").Replace(".", "~2E") + request.QueryString
        : request.RawPath.Length > 1 && request.RawPath.EndsWith('/') ? request.RawPath.TrimEnd('/') + request.QueryString
        : null;

    private Task DefaultErrorAsync(DatasetteRequest request, Exception exception)
    {
        var context = request.Context;
        context.Response.Clear();
        switch (exception)
        {
            case DatasetteHttpException { Status: 404 } notFound:
                return NotFoundRedirect(request) is { } location
                    ? Responses.RedirectAsync(context, location)
                    : ErrorAsync(request, 404, notFound.Message, null);
            case ForbiddenException forbidden:
                return WantsJsonForbidden(request)
                    ? Responses.JsonErrorAsync(context, 403, forbidden.Message)
                    : HtmlErrorAsync(request, 403, forbidden.Message, forbidden.Title);
            case UnknownActionException unknown:
                return ErrorAsync(request, 404, unknown.Message, null);
            case DatasetteHttpException { Status: 405 }:
                return request.WantsJsonErrors
                    ? Responses.JsonErrorAsync(context, 405, "Method not allowed")
                    : Responses.TextAsync(context, "Method not allowed", 405, "text/plain");
            case DatasetteHttpException http:
                return ErrorAsync(request, http.Status, http.Message, http.Title);
            case SqlErrorException sql:
                return request.WantsJsonErrors
                    ? Responses.JsonErrorAsync(context, 400, sql.Message)
                    : HtmlErrorAsync(request, 400, sql.Message, "Invalid SQL");
            case QueryInterruptedException interrupted:
                return ErrorAsync(request, 400, interrupted.Message, "SQL Interrupted");
            case BadHttpRequestException badRequest:
                // Kestrel's verdict on the request itself (body too slow, too large, bad chunking):
                // its own status, with a generic message rather than Kestrel's internals.
                return ErrorAsync(request, badRequest.StatusCode, ReasonPhrases.GetReasonPhrase(badRequest.StatusCode) is { Length: > 0 } phrase ? phrase : "Bad Request", null);
            case OperationCanceledException when context.RequestAborted.IsCancellationRequested:
                // The client is gone (it stopped waiting for a SQL slot): nobody to answer.
                return Task.CompletedTask;
            default:
                logger.LogError(exception, "Unhandled error for {Path}", request.RawPath);
                return ErrorAsync(request, 500, exception.Message, null);
        }
    }

    /// <summary>Permission failures are JSON for .json paths, JSON-accepting clients and JSON bodies.</summary>
    private static bool WantsJsonForbidden(DatasetteRequest request) =>
        request.WantsJsonErrors
        || (request.Header("Accept")?.Contains("application/json", StringComparison.Ordinal) ?? false)
        || request.Header("Content-Type") == "application/json";

    private Task ErrorAsync(DatasetteRequest request, int status, string message, string? title) =>
        request.WantsJsonErrors
            ? Responses.JsonErrorAsync(request.Context, status, message)
            : HtmlErrorAsync(request, status, message, title);
}
