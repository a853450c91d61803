using System.Security.Cryptography;
using Microsoft.AspNetCore.Http;

namespace Datasette.Gen.Runtime.Http;

/// <summary>A folder served at <c>/{Mount}/…</c>: <c>--static MOUNT:DIR</c>, or a configuration directory's <c>static/</c>.</summary>
internal sealed record StaticMount(string Mount, string Directory);

/// <summary>
/// Serves the files of a <see cref="StaticMount"/> as Datasette serves static mounts (routes.md §6):
/// an MD5 ETag and 304, a year of immutable caching when <c>?_hash=</c> is the file's SHA-256 prefix,
/// the type guessed from the extension. The path is the client's: nothing outside the folder is served,
/// whether reached by <c>..</c>, an encoded <c>..</c> or a symbolic link that points out of it.
/// </summary>
internal sealed class StaticDirectory(StaticMount mount)
{
    private const string ImmutableCaching = "max-age=31536000, immutable, public";
    private const int ChunkSize = 64 * 1024;

    private readonly string _root = Path.TrimEndingDirectorySeparator(Path.GetFullPath(mount.Directory));

    public async Task HandleAsync(DatasetteRequest request)
    {
        var context = request.Context;
        if (Resolve(Uri.UnescapeDataString(request.RouteMatch.Groups["path"].Value)) is not { } file)
        {
            await Responses.TextAsync(context, "404: Path not inside root path", 404, "text/html; charset=utf-8").ConfigureAwait(false);
            return;
        }
        if (System.IO.Directory.Exists(file))
        {
            await Responses.TextAsync(context, "403: Directory listing is not allowed", 403, "text/html; charset=utf-8").ConfigureAwait(false);
            return;
        }
        FileStream stream;
        try
        {
            stream = new FileStream(file, FileMode.Open, FileAccess.Read, FileShare.Read, ChunkSize, useAsync: true);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            await Responses.TextAsync(context, "404: File not found", 404, "text/html; charset=utf-8").ConfigureAwait(false);
            return;
        }
        await using (stream.ConfigureAwait(false))
        {
            var response = context.Response;
            // Both hashes in one pass over the file, which is then sent from the start.
            var (md5, sha256) = await HashAsync(stream, context.RequestAborted).ConfigureAwait(false);
            if (request.Args.Get("_hash") is { Length: > 0 } hash && hash == sha256[..12])
            {
                response.Headers.CacheControl = ImmutableCaching;
            }
            var etag = "\"" + md5 + "\"";
            response.Headers.ETag = etag;
            if (request.Header("If-None-Match") == etag)
            {
                response.StatusCode = 304;
                return;
            }
            response.StatusCode = 200;
            response.ContentType = ContentType(file);
            response.ContentLength = stream.Length;
            if (!HttpMethods.IsHead(request.Method))
            {
                stream.Position = 0;
                await stream.CopyToAsync(response.Body, ChunkSize, context.RequestAborted).ConfigureAwait(false);
            }
        }
    }

    /// <summary>The file the request names, or null when it lies outside the folder.</summary>
    private string? Resolve(string relative)
    {
        if (relative.Contains('\0'))
        {
            return null;
        }
        var full = Path.TrimEndingDirectorySeparator(Path.GetFullPath(Path.Combine(_root, relative)));
        if (full == _root)
        {
            return full; // the folder itself: answered as a directory
        }
        if (!Inside(full))
        {
            return null;
        }
        // A link below the folder may point anywhere: each one on the way must land inside it.
        var current = _root;
        foreach (var part in Path.GetRelativePath(_root, full).Split(Path.DirectorySeparatorChar, StringSplitOptions.RemoveEmptyEntries))
        {
            current = Path.Combine(current, part);
            FileSystemInfo info = new FileInfo(current);
            if (info.LinkTarget is null)
            {
                continue;
            }
            try
            {
                if (info.ResolveLinkTarget(returnFinalTarget: true) is not { } target || !Inside(Path.GetFullPath(target.FullName)))
                {
                    return null;
                }
            }
            catch (IOException)
            {
                return null; // a loop of links
            }
        }
        return full;
    }

    private bool Inside(string path) =>
        path.Length > _root.Length && path.StartsWith(_root, StringComparison.Ordinal) && path[_root.Length] == Path.DirectorySeparatorChar;

    private static async Task<(string Md5, string Sha256)> HashAsync(Stream stream, CancellationToken cancellation)
    {
        using var md5 = IncrementalHash.CreateHash(HashAlgorithmName.MD5);
        using var sha256 = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        var buffer = new byte[ChunkSize];
        int read;
        while ((read = await stream.ReadAsync(buffer, cancellation).ConfigureAwait(false)) > 0)
        {
            md5.AppendData(buffer, 0, read);
            sha256.AppendData(buffer, 0, read);
        }
        return (Convert.ToHexStringLower(md5.GetHashAndReset()), Convert.ToHexStringLower(sha256.GetHashAndReset()));
    }

    /// <summary>What Python's mimetypes guesses for the common web file types; anything else is text/plain, as in Datasette.</summary>
    private static string ContentType(string path) => Path.GetExtension(path).ToLowerInvariant() switch
    {
        ".html" or ".htm" => "text/html",
        ".css" => "text/css",
        ".js" or ".mjs" => "text/javascript",
        ".json" => "application/json",
        ".csv" => "text/csv",
        ".xml" => "text/xml",
        ".svg" => "image/svg+xml",
        ".png" => "image/png",
        ".jpg" or ".jpeg" => "image/jpeg",
        ".gif" => "image/gif",
        ".webp" => "image/webp",
        ".ico" => "image/vnd.microsoft.icon",
        ".woff" => "font/woff",
        ".woff2" => "font/woff2",
        ".pdf" => "application/pdf",
        ".wasm" => "application/wasm",
        ".zip" => "application/zip",
        _ => "text/plain",
    };
}
