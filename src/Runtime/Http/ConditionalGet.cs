using System.Security.Cryptography;
using System.Text;
using Datasette.Gen.Runtime.Data;
using Microsoft.AspNetCore.Http;

namespace Datasette.Gen.Runtime.Http;

/// <summary>
/// The conditional-request step of the data pages (database, table, row, query; every format).
/// A GET's answer is named by an ETag made of everything it depends on: the deployment, the
/// internal database's version (metadata, stored queries), the database's content version, the
/// full URL and the actor. The tag is an HMAC under the instance secret, so a client cannot make
/// one it was not given, and two actors never share one. <c>If-None-Match</c> with the tag answers
/// 304 before the view runs any SQL; an immutable database's answers are also kept in the
/// <see cref="ResponseCache"/> and replayed byte for byte. Answers for an actor are
/// <c>Cache-Control: private</c>, and every data answer varies on the credentials, so a shared
/// cache never hands one actor's page to another.
/// </summary>
/// <param name="key">The HMAC key, derived from the instance secret (instances sharing it share tags).</param>
/// <param name="deployment">Names the build and configuration: a redeploy with other settings makes other tags.</param>
internal sealed class ConditionalGet(byte[] key, string deployment, ResponseCache? cache)
{
    private const string VaryOnCredentials = "Authorization, Cookie";

    public ResponseCache? Cache => cache;

    /// <param name="database">The route's database, or null when there is none (the view answers its 404).</param>
    /// <param name="internalDatabase">Its version covers metadata and stored queries, which change at run time.</param>
    /// <param name="cacheControlled">The page sets Cache-Control from default_cache_ttl (tables and rows); a 304 repeats it.</param>
    public async Task RunAsync(DatasetteRequest request, Database? database, Database internalDatabase, bool cacheControlled, Func<Task> view)
    {
        var get = HttpMethods.IsGet(request.Method);
        if (!(get || HttpMethods.IsHead(request.Method)) || request.Cookie(Messages.CookieName) is not null || request.Args.Get("_trace") is not null)
        {
            // Writes, pages that show and clear flash messages, and traces answer differently every time.
            await view().ConfigureAwait(false);
            return;
        }
        var response = request.Context.Response;
        // The request's scope is kept: the OnStarting callback below may run outside its flow.
        var scope = RequestScope.Now;
        // A stream's rows are sent before its last query runs, so nothing it meets later could withdraw its tag.
        bool Varies() => request.AnswerVaries || (scope?.AnswerVaries ?? false) || request.Args.Get("_stream") is not null;
        var hasActor = request.Actor is not null;
        var tag = database is not null && (scope is null ? database.ContentVersion() : scope.ContentVersionOf(database)) is { } version && internalDatabase.ContentVersion() is { } metadataVersion
            ? Tag(request, database.Name, version, metadataVersion)
            : null;
        var ifNoneMatch = request.Header("If-None-Match");
        if (tag is not null && ListsTag(ifNoneMatch, tag))
        {
            NotModified(request, tag, hasActor, cacheControlled);
            return;
        }
        var cacheable = tag is not null && get && cache is not null && !database!.IsMutable && request.Args.Get("_stream") is null;
        if (cacheable && cache!.TryGet(tag!, out var hit))
        {
            if (IsAny(ifNoneMatch))
            {
                NotModified(request, tag!, hasActor, cacheControlled);
                return;
            }
            await ReplayAsync(response, hit).ConfigureAwait(false);
            return;
        }
        response.OnStarting(() =>
        {
            if (response.StatusCode is StatusCodes.Status200OK or StatusCodes.Status304NotModified)
            {
                SetValidators(response, Varies() ? null : tag, hasActor);
            }
            return Task.CompletedTask;
        });
        if (IsAny(ifNoneMatch))
        {
            await AnyAsync(response, view).ConfigureAwait(false);
            return;
        }
        if (!cacheable)
        {
            await view().ConfigureAwait(false);
            return;
        }
        var original = response.Body;
        var capture = new CapturingStream(original, cache!.MaxEntryBytes);
        response.Body = capture;
        try
        {
            await view().ConfigureAwait(false);
        }
        finally
        {
            response.Body = original;
        }
        if (response.StatusCode == StatusCodes.Status200OK && !Varies() && capture.Captured() is { } body && !response.Headers.ContainsKey("Set-Cookie"))
        {
            cache.Add(tag!, new CachedResponse(SnapshotHeaders(response), body));
        }
    }

    private static void NotModified(DatasetteRequest request, string tag, bool hasActor, bool cacheControlled)
    {
        var response = request.Context.Response;
        response.StatusCode = StatusCodes.Status304NotModified;
        if (cacheControlled)
        {
            Caching.Apply(request, request.Settings.DefaultCacheTtl);
        }
        SetValidators(response, tag, hasActor);
    }

    /// <summary>
    /// <c>If-None-Match: *</c> asks whether the page exists at all for this actor, which only the view
    /// can tell (it may answer 403 or 404): it runs with its body discarded, and a 200 becomes a 304.
    /// </summary>
    private static async Task AnyAsync(HttpResponse response, Func<Task> view)
    {
        var original = response.Body;
        response.Body = Stream.Null;
        try
        {
            await view().ConfigureAwait(false);
        }
        finally
        {
            response.Body = original;
        }
        if (!response.HasStarted && response.StatusCode == StatusCodes.Status200OK)
        {
            response.StatusCode = StatusCodes.Status304NotModified;
            response.ContentLength = null;
            response.Headers.ContentType = default;
        }
    }

    /// <summary>The tag: quoted, strong (the same inputs make the same bytes), URL-safe base64 of an HMAC.</summary>
    private string Tag(DatasetteRequest request, string databaseName, string version, string metadataVersion)
    {
        var actor = request.Actor is { } a ? a.ToJsonString() : "null";
        var url = request.Scheme + "://" + request.Context.Request.Host.Value + request.RawPath + request.QueryString;
        var input = string.Join('\n', deployment, metadataVersion, databaseName, version, url, actor);
        var mac = HMACSHA256.HashData(key, Encoding.UTF8.GetBytes(input));
        return "\"" + Convert.ToBase64String(mac, 0, 18).Replace('+', '-').Replace('/', '_') + "\"";
    }

    /// <summary>
    /// RFC 9110 §13.1.2: a comma-separated list of tags, compared weakly (a <c>W/</c> prefix is
    /// ignored). A <c>*</c> is not a tag: see <see cref="IsAny"/>.
    /// </summary>
    internal static bool ListsTag(string? ifNoneMatch, string tag)
    {
        if (string.IsNullOrEmpty(ifNoneMatch))
        {
            return false;
        }
        foreach (var part in ifNoneMatch.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
        {
            var candidate = part.StartsWith("W/", StringComparison.Ordinal) ? part[2..] : part;
            if (candidate == tag)
            {
                return true;
            }
        }
        return false;
    }

    /// <summary><c>If-None-Match: *</c>: true of any current answer.</summary>
    internal static bool IsAny(string? ifNoneMatch) => ifNoneMatch?.Trim() == "*";

    private static void SetValidators(HttpResponse response, string? tag, bool hasActor)
    {
        if (tag is not null)
        {
            response.Headers.ETag = tag;
        }
        response.Headers.Append("Vary", VaryOnCredentials);
        if (hasActor)
        {
            var cacheControl = response.Headers.CacheControl.ToString();
            response.Headers.CacheControl = cacheControl.Length == 0 ? "private" : "private, " + cacheControl;
        }
    }

    /// <summary>
    /// The headers that describe the answer. Date and Server are the server's own, set afresh on
    /// every answer; the framing headers (Kestrel adds <c>Transfer-Encoding: chunked</c> to an answer
    /// sent without a length) describe how the first copy travelled, not the bytes kept: replayed,
    /// a chunked header would make Kestrel pass the plain body through as if it were chunks.
    /// </summary>
    private static KeyValuePair<string, string>[] SnapshotHeaders(HttpResponse response)
    {
        var headers = new List<KeyValuePair<string, string>>();
        foreach (var (name, values) in response.Headers)
        {
            if (!IsServersOwn(name))
            {
                headers.Add(new(name, values.ToString()));
            }
        }
        return headers.ToArray();
    }

    private static bool IsServersOwn(string name) =>
        name.Equals("Date", StringComparison.OrdinalIgnoreCase)
        || name.Equals("Server", StringComparison.OrdinalIgnoreCase)
        || name.Equals("Transfer-Encoding", StringComparison.OrdinalIgnoreCase)
        || name.Equals("Content-Length", StringComparison.OrdinalIgnoreCase)
        || name.Equals("Connection", StringComparison.OrdinalIgnoreCase)
        || name.Equals("Keep-Alive", StringComparison.OrdinalIgnoreCase);

    private static Task ReplayAsync(HttpResponse response, CachedResponse cached)
    {
        response.StatusCode = StatusCodes.Status200OK;
        foreach (var (name, value) in cached.Headers)
        {
            response.Headers[name] = value;
        }
        response.ContentLength = cached.Body.Length;
        return response.Body.WriteAsync(cached.Body).AsTask();
    }
}
