using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Text;
using System.Text.Json;
using System.Threading.Tasks;
using Datasette.Gen.Runtime.Hosting;
using Datasette.Gen.Tests.Infrastructure;

namespace Datasette.Gen.Tests.Auth;

/// <summary>Actors, tokens, root login, logout, messages and CSRF over HTTP (tokens spec §3–§6, routes §1, §8).</summary>
public sealed class AuthHttpTests : IAsyncLifetime
{
    private const string RootCookie = "eyJhIjp7ImlkIjoicm9vdCJ9fQ.CGlNemCq9_Juuo5YVTEqKkbM0ew";
    private const string RootToken = "dstok_eyJhIjoicm9vdCIsInQiOjE3MDAwMDAwMDB9.VgxV3KF2CTPDwq4jHjPehJwq7AU";

    private TestServer _server = null!;
    private HttpClient _client = null!;

    public async Task InitializeAsync()
    {
        var data = Paths.ConformanceData;
        _server = await TestServer.StartAsync(new ServeOptions
        {
            Files = new List<string> { Path.Combine(data, "fixtures.db") },
            ConfigFile = Path.Combine(data, "config-permissions.json"),
            Secret = "secret-1",
            Root = true,
        });
        // No cookie jar: each test sends exactly the cookies it means to.
        _client = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false, UseCookies = false }) { BaseAddress = new Uri(_server.BaseUrl) };
    }

    public async Task DisposeAsync()
    {
        _client.Dispose();
        await _server.DisposeAsync();
    }

    private Task<HttpResponseMessage> Send(HttpMethod method, string path, Action<HttpRequestMessage>? setup = null, string? form = null)
    {
        var request = new HttpRequestMessage(method, path);
        if (form is not null)
        {
            request.Content = new StringContent(form, Encoding.UTF8, "application/x-www-form-urlencoded");
        }
        setup?.Invoke(request);
        return _client.SendAsync(request);
    }

    private static Action<HttpRequestMessage> Cookie(string value) => r => r.Headers.Add("Cookie", value);

    private static Action<HttpRequestMessage> Bearer(string token) => r => r.Headers.TryAddWithoutValidation("Authorization", "Bearer " + token);

    private static async Task<JsonElement> Json(HttpResponseMessage response) => JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;

    private static IEnumerable<string> SetCookies(HttpResponseMessage response) =>
        response.Headers.TryGetValues("Set-Cookie", out var values) ? values : Array.Empty<string>();

    [Fact]
    public async Task Actor_json_reports_the_cookie_actor()
    {
        var anonymous = await Json(await Send(HttpMethod.Get, "/-/actor.json"));
        var root = await Json(await Send(HttpMethod.Get, "/-/actor.json", Cookie("ds_actor=" + RootCookie)));

        Assert.Equal("""{"ok":true,"actor":null}""", anonymous.GetRawText().Replace(" ", ""));
        Assert.Equal("root", root.GetProperty("actor").GetProperty("id").GetString());
    }

    [Fact]
    public async Task A_bearer_token_beats_the_cookie()
    {
        var both = await Json(await Send(HttpMethod.Get, "/-/actor.json", r =>
        {
            Cookie("ds_actor=" + _server.Datasette.ActorCookieValue(new System.Text.Json.Nodes.JsonObject { ["id"] = "alice" }))(r);
            Bearer(RootToken)(r);
        }));

        Assert.Equal("""{"id":"root","token":"dstok"}""", both.GetProperty("actor").GetRawText());
    }

    [Theory]
    [InlineData("dstok_eyJhIjoicm9vdCIsInQiOjE3MDAwMDAwMDB9.VgxV3KF2CTPDwq4jHjPehJwq7AX", "Invalid token signature")]
    [InlineData("dstok_truncated", "Invalid token signature")]
    public async Task A_rejected_token_is_a_401_even_with_a_valid_cookie(string token, string message)
    {
        foreach (var path in new[] { "/-/actor.json", "/fixtures", "/no/such/page" })
        {
            var response = await Send(HttpMethod.Get, path, r =>
            {
                Cookie("ds_actor=" + RootCookie)(r);
                Bearer(token)(r);
            });

            Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
            Assert.Equal("Bearer error=\"invalid_token\"", response.Headers.WwwAuthenticate.ToString());
            var body = await Json(response);
            Assert.Equal(message, body.GetProperty("error").GetString());
            Assert.Equal(401, body.GetProperty("status").GetInt32());
        }
    }

    [Theory]
    [InlineData("bearer " + RootToken)]
    [InlineData("Bearer not-a-datasette-token")]
    [InlineData("Basic dXNlcjpwYXNz")]
    public async Task Unclaimed_authorization_headers_leave_the_request_anonymous(string authorization)
    {
        var response = await Send(HttpMethod.Get, "/-/actor.json", r => r.Headers.TryAddWithoutValidation("Authorization", authorization));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(JsonValueKind.Null, (await Json(response)).GetProperty("actor").ValueKind);
    }

    [Theory]
    [InlineData("ds_actor=garbage")]
    [InlineData("ds_actor=eyJhIjp7ImlkIjoicm9vdCJ9fQ.CGlNemCq9_Juuo5YVTEqKkbM0eX")]
    [InlineData("ds_actor=.eJwLyK0sSkxKSc0DAB6PBE0.xxxxxxxxxxxxxxxxxxxxxxxxxxx")]
    [InlineData("ds_messages=%%%; ds_actor=..")]
    public async Task Bad_cookies_are_ignored_not_errors(string cookie)
    {
        var response = await Send(HttpMethod.Get, "/-/actor.json", Cookie(cookie));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(JsonValueKind.Null, (await Json(response)).GetProperty("actor").ValueKind);
    }

    [Fact]
    public async Task An_oversized_cookie_is_refused_cleanly()
    {
        var response = await Send(HttpMethod.Get, "/-/actor.json", Cookie("ds_actor=" + new string('a', 20_000) + "." + new string('b', 27)));

        Assert.True((int)response.StatusCode is 200 or 400 or 431, response.StatusCode.ToString());
    }

    [Fact]
    public async Task An_expired_actor_cookie_is_anonymous()
    {
        var expired = _server.Datasette.Sign(System.Text.Json.Nodes.JsonNode.Parse("""{"a": {"id": "root"}, "e": "BrDBeq"}"""), "actor");
        var current = _server.Datasette.Sign(System.Text.Json.Nodes.JsonNode.Parse("""{"a": {"id": "root"}, "e": "zzzzzzz"}"""), "actor");

        Assert.Equal(JsonValueKind.Null, (await Json(await Send(HttpMethod.Get, "/-/actor.json", Cookie("ds_actor=" + expired)))).GetProperty("actor").ValueKind);
        Assert.Equal("root", (await Json(await Send(HttpMethod.Get, "/-/actor.json", Cookie("ds_actor=" + current)))).GetProperty("actor").GetProperty("id").GetString());
    }

    [Fact]
    public async Task The_root_login_link_works_once()
    {
        var token = _server.Datasette.RootToken!;
        Assert.Matches("^[0-9a-f]{64}$", token);

        var wrong = await Send(HttpMethod.Get, "/-/auth-token?token=" + new string('0', 64));
        Assert.Equal(HttpStatusCode.Forbidden, wrong.StatusCode);
        var login = await Send(HttpMethod.Get, "/-/auth-token?token=" + token);
        Assert.Equal(HttpStatusCode.Redirect, login.StatusCode);
        Assert.Equal("/", login.Headers.Location!.ToString());
        var cookie = Assert.Single(SetCookies(login));
        Assert.StartsWith("ds_actor=", cookie);
        Assert.Contains("Path=/; SameSite=lax", cookie);
        var again = await Send(HttpMethod.Get, "/-/auth-token?token=" + token);
        Assert.Equal(HttpStatusCode.Forbidden, again.StatusCode);
        Assert.Contains("Root token has already been used", await again.Content.ReadAsStringAsync());
        var asRoot = await Send(HttpMethod.Get, "/-/auth-token?token=x", Cookie(cookie.Split(';')[0]));
        Assert.Equal(HttpStatusCode.Redirect, asRoot.StatusCode);
    }

    [Fact]
    public async Task Logout_deletes_the_cookie_and_leaves_a_message()
    {
        var page = await Send(HttpMethod.Get, "/-/logout", Cookie("ds_actor=" + RootCookie));
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Contains("root", await page.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.Redirect, (await Send(HttpMethod.Get, "/-/logout")).StatusCode);

        var logout = await Send(HttpMethod.Post, "/-/logout", Cookie("ds_actor=" + RootCookie), form: "");
        Assert.Equal(HttpStatusCode.Redirect, logout.StatusCode);
        var cookies = SetCookies(logout).ToList();
        Assert.Contains(cookies, c => c.StartsWith("ds_actor=\"\";", StringComparison.Ordinal) && c.Contains("Max-Age=0"));
        Assert.Contains("ds_messages=W1siWW91IGFyZSBub3cgbG9nZ2VkIG91dCIsMl1d.2C8MjwxolN7g4shvVrBuGfqWyTA; Path=/; SameSite=lax", cookies);
    }

    [Fact]
    [Trait("seed", "internals:datasette-add-message")]
    public async Task Datasette_add_message_flash_messages_survive_until_a_page_shows_them()
    {
        var post = await Send(HttpMethod.Post, "/-/messages", form: "message=hi&message_type=WARNING");
        Assert.Equal(HttpStatusCode.Redirect, post.StatusCode);
        var cookie = Assert.Single(SetCookies(post));
        Assert.Equal("ds_messages=W1siaGkiLDJdXQ.LgaNJaCiBhUI3ticbEupTiIdzrg; Path=/; SameSite=lax", cookie);

        var json = await Send(HttpMethod.Get, "/-/actor.json", Cookie(cookie.Split(';')[0]));
        Assert.Contains(cookie, SetCookies(json));
        var shown = await Send(HttpMethod.Get, "/-/messages", Cookie(cookie.Split(';')[0]));
        Assert.Contains("<p class=\"message-warning\">hi</p>", await shown.Content.ReadAsStringAsync());
        Assert.Contains(SetCookies(shown), c => c.StartsWith("ds_messages=\"\";", StringComparison.Ordinal) && c.Contains("Max-Age=0"));

        var all = await Send(HttpMethod.Post, "/-/messages", form: "message=x&message_type=all");
        var decoded = _server.Datasette.Unsign(Assert.Single(SetCookies(all)).Split(';')[0]["ds_messages=".Length..], "messages");
        Assert.Equal("""[["x",1],["x",2],["x",3]]""", decoded!.ToJsonString());
        Assert.Equal(HttpStatusCode.BadRequest, (await Send(HttpMethod.Post, "/-/messages", form: "message=x&message_type=LOUD")).StatusCode);
    }

    [Theory]
    [InlineData("Origin", "http://evil.example", HttpStatusCode.Forbidden)]
    [InlineData("Origin", "null", HttpStatusCode.Forbidden)]
    [InlineData("Sec-Fetch-Site", "cross-site", HttpStatusCode.Forbidden)]
    [InlineData("Sec-Fetch-Site", "same-site", HttpStatusCode.Forbidden)]
    [InlineData("Sec-Fetch-Site", "same-origin", HttpStatusCode.Redirect)]
    [InlineData("Sec-Fetch-Site", "none", HttpStatusCode.Redirect)]
    [InlineData(null, null, HttpStatusCode.Redirect)]
    public async Task Cross_origin_posts_are_refused(string? header, string? value, HttpStatusCode expected)
    {
        var response = await Send(HttpMethod.Post, "/-/messages", r =>
        {
            if (header is not null)
            {
                r.Headers.TryAddWithoutValidation(header, value);
            }
        }, form: "message=x");

        Assert.Equal(expected, response.StatusCode);
        if (expected == HttpStatusCode.Forbidden)
        {
            Assert.Equal("text/html; charset=utf-8", response.Content.Headers.ContentType!.ToString());
            Assert.Contains("CSRF check failed", await response.Content.ReadAsStringAsync());
        }
    }

    [Fact]
    public async Task Same_origin_posts_and_bearer_clients_pass_the_csrf_check()
    {
        var sameOrigin = await Send(HttpMethod.Post, "/-/messages", r => r.Headers.TryAddWithoutValidation("Origin", _server.BaseUrl), form: "message=x");
        Assert.Equal(HttpStatusCode.Redirect, sameOrigin.StatusCode);

        var bearer = await Send(HttpMethod.Post, "/-/messages", r =>
        {
            r.Headers.TryAddWithoutValidation("Sec-Fetch-Site", "cross-site");
            r.Headers.TryAddWithoutValidation("Authorization", "Bearer anything");
        }, form: "message=x");
        Assert.Equal(HttpStatusCode.Redirect, bearer.StatusCode);

        var bearerWithCookie = await Send(HttpMethod.Post, "/-/messages", r =>
        {
            r.Headers.TryAddWithoutValidation("Sec-Fetch-Site", "cross-site");
            r.Headers.TryAddWithoutValidation("Authorization", "Bearer anything");
            r.Headers.Add("Cookie", "a=b");
        }, form: "message=x");
        Assert.Equal(HttpStatusCode.Forbidden, bearerWithCookie.StatusCode);
    }

    [Fact]
    public async Task Create_token_requires_a_signed_in_actor_with_an_id_not_using_a_token()
    {
        var anonymous = await Send(HttpMethod.Get, "/-/create-token");
        Assert.Equal(HttpStatusCode.Forbidden, anonymous.StatusCode);
        Assert.Contains("You must be logged in to create a token", await anonymous.Content.ReadAsStringAsync());
        var viaToken = await Send(HttpMethod.Get, "/-/create-token", Bearer(RootToken));
        Assert.Contains("Token authentication cannot be used to create additional tokens", await viaToken.Content.ReadAsStringAsync());
        var noId = _server.Datasette.ActorCookieValue(new System.Text.Json.Nodes.JsonObject { ["name"] = "x" });
        Assert.Contains("You must be logged in as an actor with an ID to create a token", await (await Send(HttpMethod.Get, "/-/create-token", Cookie("ds_actor=" + noId))).Content.ReadAsStringAsync());

        var form = await Send(HttpMethod.Get, "/-/create-token", Cookie("ds_actor=" + RootCookie));
        Assert.Equal(HttpStatusCode.OK, form.StatusCode);
        var html = await form.Content.ReadAsStringAsync();
        Assert.Contains("name=\"all:view-instance\"", html);
        Assert.Contains("name=\"resource:fixtures:facetable:insert-row\"", html);
    }

    [Fact]
    public async Task Create_token_posts_return_a_working_restricted_token()
    {
        var response = await Send(HttpMethod.Post, "/-/create-token", r =>
        {
            Cookie("ds_actor=" + RootCookie)(r);
            r.Headers.Accept.ParseAdd("application/json");
        }, form: "expire_type=hours&expire_duration=2&all:view-instance=on&database:fixtures:view-database=on&resource:fixtures:facetable:view-table=on");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = await Json(response);
        var token = body.GetProperty("token").GetString()!;
        Assert.Equal(7200, body.GetProperty("token_bits").GetProperty("d").GetInt32());
        Assert.Equal("""{"a":["vi"],"d":{"fixtures":["vd"]},"r":{"fixtures":{"facetable":["vt"]}}}""", body.GetProperty("token_bits").GetProperty("_r").GetRawText());
        Assert.Equal(HttpStatusCode.OK, (await Send(HttpMethod.Get, "/fixtures/facetable.json", Bearer(token))).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await Send(HttpMethod.Get, "/fixtures/simple_primary_key.json", Bearer(token))).StatusCode);

        var invalid = await Send(HttpMethod.Post, "/-/create-token", r =>
        {
            Cookie("ds_actor=" + RootCookie)(r);
            r.Headers.Accept.ParseAdd("application/json");
        }, form: "expire_type=fortnights&expire_duration=2");
        Assert.Equal(HttpStatusCode.BadRequest, invalid.StatusCode);
        Assert.Equal("Invalid expire duration unit", (await Json(invalid)).GetProperty("errors")[0].GetString());
    }

    [Fact]
    public async Task Forbidden_is_json_for_json_clients_and_html_otherwise()
    {
        var html = await Send(HttpMethod.Get, "/fixtures/compound_three_primary_keys");
        Assert.Equal(HttpStatusCode.Forbidden, html.StatusCode);
        Assert.Equal("text/html; charset=utf-8", html.Content.Headers.ContentType!.ToString());

        var json = await Send(HttpMethod.Get, "/fixtures/compound_three_primary_keys", r => r.Headers.Accept.ParseAdd("application/json"));
        Assert.Equal(HttpStatusCode.Forbidden, json.StatusCode);
        Assert.Equal("You do not have permission to view this table", (await Json(json)).GetProperty("error").GetString());

        var root = await Send(HttpMethod.Get, "/fixtures/compound_three_primary_keys.json", Cookie("ds_actor=" + RootCookie));
        Assert.Equal(HttpStatusCode.OK, root.StatusCode);
    }
}
