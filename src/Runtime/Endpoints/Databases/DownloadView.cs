using Datasette.Gen.Runtime.Data;
using Datasette.Gen.Runtime.Errors;
using Datasette.Gen.Runtime.Http;
using Microsoft.AspNetCore.Http;

namespace Datasette.Gen.Runtime.Endpoints.Databases;

/// <summary><c>/{db}.db</c>: the file itself, only for immutable file databases when downloads are allowed.</summary>
internal static class DownloadView
{
    public static async Task HandleAsync(DatasetteRequest request, Datasette datasette)
    {
        // The permission comes first, on the name in the URL, as in Datasette (Forbidden names the action).
        var route = request.Route("database") ?? "";
        request.EnsureAllowed("view-database-download", datasette.DatabaseByRoute(route)?.Name ?? route);
        var database = datasette.DatabaseByRoute(route) ?? throw DatasetteHttpException.NotFound("Invalid database");
        if (database.IsMemory)
        {
            throw DatasetteHttpException.NotFound("Cannot download in-memory databases");
        }
        if (!datasette.Settings.AllowDownload || database.Kind != DatabaseKind.ImmutableFile || database.Path is null)
        {
            throw DatasetteHttpException.Forbidden("Database download is forbidden");
        }
        var etag = $"\"{database.Hash}\"";
        var response = request.Context.Response;
        response.Headers.ETag = etag;
        if (request.Context.Request.Headers.IfNoneMatch == etag)
        {
            response.StatusCode = StatusCodes.Status304NotModified;
            return;
        }
        response.ContentType = "application/octet-stream";
        response.Headers.ContentDisposition = HeaderValues.Attachment(Path.GetFileName(database.Path));
        response.ContentLength = new FileInfo(database.Path).Length;
        if (!HttpMethods.IsHead(request.Method))
        {
            await response.SendFileAsync(database.Path).ConfigureAwait(false);
        }
    }
}
