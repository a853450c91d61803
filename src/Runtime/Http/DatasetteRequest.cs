using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Datasette.Gen.Configuration.Model;
using Datasette.Gen.Configuration.UrlEncoding;
using Datasette.Gen.Runtime.Errors;
using Datasette.Gen.Runtime.Permissions;
using Datasette.Gen.Runtime.Sql;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;

namespace Datasette.Gen.Runtime.Http;

/// <summary>
/// One request as Datasette's views see it: the raw (undecoded) path with base_url removed,
/// the parsed query arguments and the matched route's variables.
/// </summary>
public sealed class DatasetteRequest
{
    public DatasetteRequest(HttpContext context, Settings settings)
    {
        Context = context;
        Settings = settings;
        var baseUrl = settings.BaseUrl;
        var raw = context.Features.Get<IHttpRequestFeature>()?.RawTarget ?? context.Request.Path.Value ?? "/";
        var question = raw.IndexOf('?');
        RawPath = question < 0 ? raw : raw[..question];
        QueryString = question < 0 ? "" : raw[question..];
        if (RawPath.StartsWith("http://", StringComparison.OrdinalIgnoreCase) || RawPath.StartsWith("https://", StringComparison.OrdinalIgnoreCase))
        {
            RawPath = new Uri(RawPath).AbsolutePath; // absolute-form request target
        }
        Path = baseUrl != "/" && RawPath.StartsWith(baseUrl, StringComparison.Ordinal) ? "/" + RawPath[baseUrl.Length..] : RawPath;
        Args = QueryArgs.Parse(QueryString);
        Scheme = settings.ForceHttpsUrls ? "https" : context.Request.Scheme;
    }

    public HttpContext Context { get; }

    /// <summary>The settings of the instance serving this request.</summary>
    public Settings Settings { get; }

    /// <summary>The path exactly as sent, without the query string.</summary>
    public string RawPath { get; }

    /// <summary>The path routes match against: <see cref="RawPath"/> with base_url removed.</summary>
    public string Path { get; }

    /// <summary>The raw query string including its leading '?', or empty.</summary>
    public string QueryString { get; }

    public QueryArgs Args { get; }

    /// <summary>The SQL time limit of this request: sql_time_limit_ms, lowered (never raised) by <c>?_timelimit=</c>.</summary>
    public int SqlTimeLimitMs => TimeLimits.Effective(Settings.SqlTimeLimitMs, Args.Get("_timelimit"));

    public string Scheme { get; }

    public string Method => Context.Request.Method;

    public Match RouteMatch { get; internal set; } = Match.Empty;

    /// <summary>Errors are JSON when the path ends in .json, as in Datasette.</summary>
    public bool WantsJsonErrors => Path.EndsWith(".json", StringComparison.Ordinal);

    /// <summary>A route variable, tilde-decoded.</summary>
    public string? Route(string name)
    {
        var group = RouteMatch.Groups[name];
        return group.Success ? TildeEncoding.Decode(group.Value) : null;
    }

    /// <summary>The format suffix exactly as routed (<c>.json</c> → "json"), null without one.</summary>
    public string? FormatSuffix => RouteMatch.Groups["format"] is { Success: true } group ? group.Value : null;

    /// <summary>
    /// The format a page answers in, null for its HTML page. Datasette reads the suffix as
    /// <c>format or "html"</c>, so an explicit <c>.html</c> is the HTML page too.
    /// </summary>
    public string? Format => FormatSuffix is "html" ? null : FormatSuffix;

    /// <summary>The signed-in actor (a JSON object with at least "id"), or null when anonymous.</summary>
    public JsonObject? Actor { get; internal set; }

    /// <summary>
    /// Set by a view whose answer depends on more than the URL, the actor and the data (a stored
    /// query reading a header, a cookie, the clock or randomness): it gets no ETag and is never cached.
    /// </summary>
    internal bool AnswerVaries { get; set; }

    internal PermissionChecker Permissions { get; set; } = null!;

    /// <summary>This request's actor and the checker that decides for it.</summary>
    internal ActorPermissions ActorPermissions => new(Permissions, Actor);

    /// <summary>
    /// May this request's actor perform <paramref name="action"/> on the resource (a database, or
    /// a table, view or query in it)? Memoised for the rest of the request.
    /// </summary>
    public bool Allowed(string action, string? database = null, string? resource = null) =>
        Permissions.Allowed(Actor, action, database, resource);

    /// <summary>Visible to this actor but not to an anonymous one: the "private" padlock.</summary>
    public bool IsPrivate(string action, string? database = null, string? resource = null) =>
        Actor is not null && Allowed(action, database, resource) && !Permissions.Allowed(null, action, database, resource);

    /// <summary>
    /// Decides <paramref name="action"/> for many resources in one query (and for anonymous too,
    /// when the page shows private flags), so the per-item checks that follow are memo hits.
    /// </summary>
    public void Prefetch(string action, IEnumerable<(string? Database, string? Resource)> resources, bool andAnonymous = false)
    {
        var list = new List<(string?, string?)>(resources);
        Permissions.Prefetch(Actor, action, list);
        if (andAnonymous && Actor is not null)
        {
            Permissions.Prefetch(null, action, list);
        }
    }

    /// <summary>Throws <see cref="ForbiddenException"/> with the action name unless allowed (Datasette's ensure_permission).</summary>
    public void EnsureAllowed(string action, string? database = null, string? resource = null)
    {
        if (!Allowed(action, database, resource))
        {
            throw new ForbiddenException(action);
        }
    }

    /// <summary>Flash messages waiting to be shown: loaded from ds_messages, plus those added during this request.</summary>
    public List<(string Message, MessageType Type)> Messages { get; } = new();

    /// <summary>True once a page has shown the messages, so the cookie is cleared.</summary>
    public bool MessagesShown { get; private set; }

    /// <summary>Error responses leave the ds_messages cookie alone.</summary>
    internal bool SuppressMessageCookie { get; set; }

    /// <summary>Returns the pending messages and clears them (what the page template does).</summary>
    public IReadOnlyList<(string Message, MessageType Type)> ShowMessages()
    {
        if (Messages.Count == 0)
        {
            return Array.Empty<(string, MessageType)>();
        }
        var shown = Messages.ToArray();
        Messages.Clear();
        MessagesShown = true;
        return shown;
    }

    /// <summary>A request header (last value when repeated), or null.</summary>
    public string? Header(string name)
    {
        var values = Context.Request.Headers[name];
        return values.Count == 0 ? null : values[values.Count - 1];
    }

    /// <summary>A cookie's value, or null.</summary>
    public string? Cookie(string name) => Context.Request.Cookies.TryGetValue(name, out var value) ? value : null;

    /// <summary>scheme://host, for absolute URLs such as next_url.</summary>
    public string Origin => $"{Scheme}://{Context.Request.Host.Value}";
}
