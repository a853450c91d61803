using System.Text;
using System.Text.Json.Nodes;
using Datasette.Gen.Runtime.Http;
using Datasette.Gen.Runtime.Json;
using Datasette.Gen.Runtime.Permissions;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;

namespace Datasette.Gen.Runtime.Client;

/// <summary>
/// <c>datasette.client</c>: requests answered by this instance's full pipeline (CSRF check, actor,
/// plugin routes, router, views, error handling) without a socket. Scheme http, Host localhost, no
/// Origin header (so CSRF always passes), no cookies kept between calls, redirects not followed
/// unless asked. Paths get base_url applied once (client-urls-events spec §1).
/// </summary>
public sealed class DatasetteClient
{
    private static readonly HashSet<int> RedirectStatuses = new() { 301, 302, 303, 307, 308 };

    private readonly Datasette _datasette;
    private readonly AsyncLocal<bool> _inClient = new();

    internal DatasetteClient(Datasette datasette) => _datasette = datasette;

    /// <summary>True for code running inside a request made through this client (views and hooks included).</summary>
    public bool InClient => _inClient.Value;

    public Task<ClientResponse> GetAsync(ClientPath path, JsonObject? actor = null, bool skipPermissionChecks = false,
        IEnumerable<KeyValuePair<string, string>>? headers = null, IEnumerable<KeyValuePair<string, string>>? cookies = null, bool followRedirects = false) =>
        RequestAsync("GET", path, actor: actor, skipPermissionChecks: skipPermissionChecks, headers: headers, cookies: cookies, followRedirects: followRedirects);

    public Task<ClientResponse> HeadAsync(ClientPath path, JsonObject? actor = null, bool skipPermissionChecks = false,
        IEnumerable<KeyValuePair<string, string>>? headers = null, IEnumerable<KeyValuePair<string, string>>? cookies = null, bool followRedirects = false) =>
        RequestAsync("HEAD", path, actor: actor, skipPermissionChecks: skipPermissionChecks, headers: headers, cookies: cookies, followRedirects: followRedirects);

    public Task<ClientResponse> OptionsAsync(ClientPath path, JsonObject? actor = null, bool skipPermissionChecks = false,
        IEnumerable<KeyValuePair<string, string>>? headers = null, IEnumerable<KeyValuePair<string, string>>? cookies = null, bool followRedirects = false) =>
        RequestAsync("OPTIONS", path, actor: actor, skipPermissionChecks: skipPermissionChecks, headers: headers, cookies: cookies, followRedirects: followRedirects);

    public Task<ClientResponse> DeleteAsync(ClientPath path, JsonObject? actor = null, bool skipPermissionChecks = false,
        IEnumerable<KeyValuePair<string, string>>? headers = null, IEnumerable<KeyValuePair<string, string>>? cookies = null, bool followRedirects = false) =>
        RequestAsync("DELETE", path, actor: actor, skipPermissionChecks: skipPermissionChecks, headers: headers, cookies: cookies, followRedirects: followRedirects);

    /// <summary>A POST with a JSON body (<paramref name="json"/>), a form (<paramref name="data"/>) or raw <paramref name="content"/>.</summary>
    public Task<ClientResponse> PostAsync(ClientPath path, JsonNode? json = null, IEnumerable<KeyValuePair<string, string>>? data = null, string? content = null,
        JsonObject? actor = null, bool skipPermissionChecks = false, IEnumerable<KeyValuePair<string, string>>? headers = null,
        IEnumerable<KeyValuePair<string, string>>? cookies = null, bool followRedirects = false) =>
        RequestAsync("POST", path, json, data, content, actor, skipPermissionChecks, headers, cookies, followRedirects);

    public Task<ClientResponse> PutAsync(ClientPath path, JsonNode? json = null, IEnumerable<KeyValuePair<string, string>>? data = null, string? content = null,
        JsonObject? actor = null, bool skipPermissionChecks = false, IEnumerable<KeyValuePair<string, string>>? headers = null,
        IEnumerable<KeyValuePair<string, string>>? cookies = null, bool followRedirects = false) =>
        RequestAsync("PUT", path, json, data, content, actor, skipPermissionChecks, headers, cookies, followRedirects);

    public Task<ClientResponse> PatchAsync(ClientPath path, JsonNode? json = null, IEnumerable<KeyValuePair<string, string>>? data = null, string? content = null,
        JsonObject? actor = null, bool skipPermissionChecks = false, IEnumerable<KeyValuePair<string, string>>? headers = null,
        IEnumerable<KeyValuePair<string, string>>? cookies = null, bool followRedirects = false) =>
        RequestAsync("PATCH", path, json, data, content, actor, skipPermissionChecks, headers, cookies, followRedirects);

    /// <summary>
    /// Any method. <paramref name="actor"/> signs a <c>ds_actor</c> cookie for that actor (passing a
    /// ds_actor cookie too is an error); <paramref name="skipPermissionChecks"/> allows every
    /// permission check made while this request runs; <paramref name="avoidPathRewrites"/> sends the
    /// path without applying base_url.
    /// </summary>
    public async Task<ClientResponse> RequestAsync(string method, ClientPath path, JsonNode? json = null, IEnumerable<KeyValuePair<string, string>>? data = null,
        string? content = null, JsonObject? actor = null, bool skipPermissionChecks = false, IEnumerable<KeyValuePair<string, string>>? headers = null,
        IEnumerable<KeyValuePair<string, string>>? cookies = null, bool followRedirects = false, bool avoidPathRewrites = false)
    {
        var cookieJar = new List<KeyValuePair<string, string>>();
        foreach (var cookie in cookies ?? Array.Empty<KeyValuePair<string, string>>())
        {
            if (actor is not null && cookie.Key == ActorCookie.Name)
            {
                throw new ArgumentException("Cannot pass both actor= and a ds_actor cookie");
            }
            cookieJar.Add(cookie);
        }
        if (actor is not null)
        {
            cookieJar.Add(KeyValuePair.Create(ActorCookie.Name, _datasette.ActorCookieValue(actor)));
        }
        var target = path.IsPrefixed || avoidPathRewrites ? path.Value : _datasette.Urls.Path(path.Value).Value;
        var (contentType, body) = Body(json, data, content);
        await _datasette.InvokeStartupAsync().ConfigureAwait(false);
        for (var redirects = 0; ; redirects++)
        {
            var response = await SendAsync(method, target, headers, cookieJar, contentType, body, skipPermissionChecks).ConfigureAwait(false);
            if (!followRedirects || !RedirectStatuses.Contains(response.Status) || response.Header("Location") is not { } location || redirects >= 20)
            {
                return response;
            }
            foreach (var (name, value) in response.Cookies)
            {
                cookieJar.RemoveAll(c => c.Key == name);
                if (value.Length > 0)
                {
                    cookieJar.Add(KeyValuePair.Create(name, value));
                }
            }
            if (response.Status is 303 || (response.Status is 301 or 302 && method == "POST"))
            {
                method = "GET";
                (contentType, body) = (null, null);
            }
            target = location.StartsWith("http://localhost", StringComparison.Ordinal) ? location["http://localhost".Length..] : location;
        }
    }

    private async Task<ClientResponse> SendAsync(string method, string target, IEnumerable<KeyValuePair<string, string>>? headers,
        List<KeyValuePair<string, string>> cookies, string? contentType, byte[]? body, bool skipPermissionChecks)
    {
        if (!target.StartsWith('/'))
        {
            target = "/" + target;
        }
        var question = target.IndexOf('?');
        var requestFeature = new HttpRequestFeature
        {
            Protocol = "HTTP/1.1",
            Method = method,
            Scheme = "http",
            PathBase = "",
            Path = Uri.UnescapeDataString(question < 0 ? target : target[..question]),
            QueryString = question < 0 ? "" : target[question..],
            RawTarget = target,
            Body = body is null ? Stream.Null : new MemoryStream(body, writable: false),
        };
        requestFeature.Headers.Host = "localhost";
        foreach (var (name, value) in headers ?? Array.Empty<KeyValuePair<string, string>>())
        {
            requestFeature.Headers.Append(name, value);
        }
        if (cookies.Count > 0)
        {
            var cookieHeader = new StringBuilder();
            foreach (var (name, value) in cookies)
            {
                cookieHeader.Append(cookieHeader.Length == 0 ? "" : "; ").Append(name).Append('=').Append(value);
            }
            requestFeature.Headers.Cookie = cookieHeader.ToString();
        }
        if (body is not null)
        {
            if (requestFeature.Headers.ContentType.Count == 0)
            {
                requestFeature.Headers.ContentType = contentType;
            }
            requestFeature.Headers.ContentLength = body.Length;
        }
        var response = new InProcessResponse();
        var features = new FeatureCollection();
        features.Set<IHttpRequestFeature>(requestFeature);
        features.Set<IHttpResponseFeature>(response);
        features.Set<IHttpResponseBodyFeature>(response);
        var context = new DefaultHttpContext(features);

        var wasInClient = _inClient.Value;
        _inClient.Value = true;
        var skip = skipPermissionChecks ? PermissionScope.Skip() : null;
        try
        {
            await _datasette.Pipeline.InvokeAsync(context).ConfigureAwait(false);
            await response.CompleteAsync().ConfigureAwait(false);
        }
        finally
        {
            skip?.Dispose();
            _inClient.Value = wasInClient;
        }
        var sent = new List<KeyValuePair<string, string>>();
        foreach (var (name, values) in response.Headers)
        {
            foreach (var value in values)
            {
                sent.Add(KeyValuePair.Create(name, value ?? ""));
            }
        }
        return new ClientResponse(response.StatusCode, sent, HttpMethods.IsHead(method) ? Array.Empty<byte>() : response.BodyBytes);
    }

    private static (string? ContentType, byte[]? Body) Body(JsonNode? json, IEnumerable<KeyValuePair<string, string>>? data, string? content)
    {
        if (json is not null)
        {
            using var writer = new JsonBody();
            json.WriteTo(writer.Writer);
            return ("application/json", writer.WrittenMemory.ToArray());
        }
        if (data is not null)
        {
            var form = new StringBuilder();
            foreach (var (name, value) in data)
            {
                form.Append(form.Length == 0 ? "" : "&").Append(QueryArgs.QuotePlus(name)).Append('=').Append(QueryArgs.QuotePlus(value));
            }
            return ("application/x-www-form-urlencoded", Encoding.UTF8.GetBytes(form.ToString()));
        }
        return content is null ? (null, null) : ("text/plain; charset=utf-8", Encoding.UTF8.GetBytes(content));
    }
}
