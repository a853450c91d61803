using System.IO.Compression;
using System.Security.Cryptography;
using Microsoft.AspNetCore.Http;

namespace Datasette.Gen.Runtime.Http;

/// <summary>
/// <c>/-/static/{path}</c>: assets embedded in the runtime (resources named <c>static/…</c>),
/// served as Datasette serves its static files (routes.md §6): an MD5 ETag, and a year of
/// immutable caching when <c>?_hash=</c> matches the file. Text assets are sent gzipped to
/// clients that accept it, compressed once on first use.
/// </summary>
internal static class StaticAssets
{
    private const string Prefix = "static/";

    private static readonly Dictionary<string, string> ResourceNames = FindResources();
    private static readonly Dictionary<string, Asset> Loaded = new(StringComparer.Ordinal);

    private sealed record Asset(byte[] Bytes, Lazy<byte[]>? Gzipped, string ETag, string Hash, string ContentType);

    public static Task HandleAsync(DatasetteRequest request)
    {
        var path = request.RouteMatch.Groups["path"].Value;
        if (Load(path) is not { } asset)
        {
            return Responses.TextAsync(request.Context, "404: File not found", 404, "text/html; charset=utf-8");
        }
        var response = request.Context.Response;
        var cacheForever = request.Args.Get("_hash") == asset.Hash;
        if (cacheForever)
        {
            response.Headers.CacheControl = "max-age=31536000, immutable, public";
        }
        var gzip = false;
        if (asset.Gzipped is not null)
        {
            response.Headers.Vary = "Accept-Encoding";
            gzip = request.Header("Accept-Encoding")?.Contains("gzip", StringComparison.OrdinalIgnoreCase) == true;
        }
        // Each encoding is its own representation, so the gzipped one gets its own ETag.
        var etag = gzip ? asset.ETag[..^1] + "-gzip\"" : asset.ETag;
        response.Headers.ETag = etag;
        if (request.Header("If-None-Match") == etag)
        {
            response.StatusCode = 304;
            return Task.CompletedTask;
        }
        var body = asset.Bytes;
        if (gzip)
        {
            response.Headers.ContentEncoding = "gzip";
            body = asset.Gzipped!.Value;
        }
        response.StatusCode = 200;
        response.ContentType = asset.ContentType;
        response.ContentLength = body.Length;
        return HttpMethods.IsHead(request.Method) ? Task.CompletedTask : response.Body.WriteAsync(body).AsTask();
    }

    /// <summary>
    /// <c>/favicon.ico</c>: the icon (a PNG, as Datasette's is) with an hour of public caching, sent
    /// as Datasette sends a file: no ETag, no gzip.
    /// </summary>
    public static Task FaviconAsync(DatasetteRequest request)
    {
        var asset = Load("favicon.png") ?? throw new InvalidOperationException("The runtime embeds static/favicon.png.");
        var response = request.Context.Response;
        response.StatusCode = 200;
        response.ContentType = asset.ContentType;
        response.ContentLength = asset.Bytes.Length;
        response.Headers.CacheControl = "max-age=3600, public";
        return HttpMethods.IsHead(request.Method) ? Task.CompletedTask : response.Body.WriteAsync(asset.Bytes).AsTask();
    }

    /// <summary>The URL of an asset with its <c>_hash</c>, so browsers may cache it for good.</summary>
    public static string Url(string baseUrl, string path) =>
        baseUrl + "-/static/" + path + (Load(path) is { } asset ? "?_hash=" + asset.Hash : "");

    private static Asset? Load(string path)
    {
        lock (Loaded)
        {
            if (Loaded.TryGetValue(path, out var cached))
            {
                return cached;
            }
            if (!ResourceNames.TryGetValue(path, out var resource))
            {
                return null;
            }
            using var stream = typeof(StaticAssets).Assembly.GetManifestResourceStream(resource)!;
            using var memory = new MemoryStream();
            stream.CopyTo(memory);
            var bytes = memory.ToArray();
            var contentType = ContentType(path);
            var asset = new Asset(
                bytes,
                contentType.StartsWith("image/", StringComparison.Ordinal) || bytes.Length < 1024 ? null : new Lazy<byte[]>(() => Gzip(bytes)),
                "\"" + Convert.ToHexStringLower(MD5.HashData(bytes)) + "\"",
                Convert.ToHexStringLower(SHA256.HashData(bytes))[..12],
                contentType);
            Loaded[path] = asset;
            return asset;
        }
    }

    private static byte[] Gzip(byte[] bytes)
    {
        using var output = new MemoryStream();
        using (var gzip = new GZipStream(output, CompressionLevel.SmallestSize))
        {
            gzip.Write(bytes);
        }
        return output.ToArray();
    }

    private static string ContentType(string path) => Path.GetExtension(path).ToLowerInvariant() switch
    {
        ".js" => "text/javascript; charset=utf-8",
        ".css" => "text/css; charset=utf-8",
        ".html" => "text/html; charset=utf-8",
        ".json" => "application/json; charset=utf-8",
        ".png" => "image/png",
        ".svg" => "image/svg+xml",
        _ => "text/plain; charset=utf-8",
    };

    private static Dictionary<string, string> FindResources()
    {
        var names = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var name in typeof(StaticAssets).Assembly.GetManifestResourceNames())
        {
            var normalized = name.Replace('\\', '/');
            if (normalized.StartsWith(Prefix, StringComparison.Ordinal))
            {
                names[normalized[Prefix.Length..]] = name;
            }
        }
        return names;
    }
}
