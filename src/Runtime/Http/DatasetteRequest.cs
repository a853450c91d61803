using System;
using System.Text.RegularExpressions;
using System.Text.Json.Nodes;
using Datasette.Gen.Runtime.Permissions;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;

namespace Datasette.Gen.Runtime.Http;

/// <summary>
/// One request as Datasette's views see it: the raw (undecoded) path with base_url removed,
/// the parsed query arguments and the matched route's variables.
/// </summary>
public sealed class DatasetteRequest
{
    public DatasetteRequest(HttpContext context, string baseUrl, bool forceHttps)
    {
        Context = context;
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
        Scheme = forceHttps ? "https" : context.Request.Scheme;
    }

    public HttpContext Context { get; }

    /// <summary>The path exactly as sent, without the query string.</summary>
    public string RawPath { get; }

    /// <summary>The path routes match against: <see cref="RawPath"/> with base_url removed.</summary>
    public string Path { get; }

    /// <summary>The raw query string including its leading '?', or empty.</summary>
    public string QueryString { get; }

    public QueryArgs Args { get; }

    public string Scheme { get; }

    public string Method => Context.Request.Method;

    public Match RouteMatch { get; internal set; } = Match.Empty;

    /// <summary>Errors are JSON when the path ends in .json, as in Datasette.</summary>
    public bool WantsJsonErrors => Path.EndsWith(".json", StringComparison.Ordinal);

    /// <summary>A route variable, tilde-decoded.</summary>
    public string? Route(string name)
    {
        var group = RouteMatch.Groups[name];
        return group.Success ? Tilde.Decode(group.Value) : null;
    }

    public string? Format => RouteMatch.Groups["format"] is { Success: true } group ? group.Value : null;

    /// <summary>The signed-in actor (a JSON object with at least "id"), or null when anonymous.</summary>
    public JsonObject? Actor { get; internal set; }

    internal PermissionChecker Permissions { get; set; } = null!;

    /// <summary>The instance serving this request.</summary>
    public Datasette Datasette { get; internal set; } = null!;

    /// <summary>May this request's actor perform <paramref name="action"/> on the resource?</summary>
    public bool Allowed(string action, string? database = null, string? resource = null) =>
        Permissions.Allowed(Actor, action, database, resource);

    /// <summary>scheme://host, for absolute URLs such as next_url.</summary>
    public string Origin => $"{Scheme}://{Context.Request.Host.Value}";
}
