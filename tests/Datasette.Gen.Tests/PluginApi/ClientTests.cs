using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json.Nodes;
using System.Threading.Tasks;
using Datasette.Gen.Runtime;
using Datasette.Gen.Runtime.Http;
using Datasette.Gen.Runtime.Plugins;
using Datasette.Gen.Tests.Infrastructure;

namespace Datasette.Gen.Tests.PluginApi;

/// <summary><c>datasette.client</c> (client-urls-events spec §1): the whole pipeline without a socket.</summary>
public sealed class ClientTests
{
    private const string Private = """
        databases:
          data:
            tables:
              people:
                allow:
                  id: alice
        """;

    /// <summary>A plugin page reporting what the pipeline saw: in_client, the actor, the absolute URL of a path.</summary>
    private static PluginRegistry Probe() => new PluginRegistry()
        .AddPlugin(new PluginInfo("probe", null, new[] { "register_routes" }))
        .AddRegisterRoutes("probe", _ => new[]
        {
            new PluginRoute("^/-/bounce$", (request, datasette) => ValueTask.FromResult(
                DatasetteResponse.Redirect(datasette.Urls.Path("-/probe")).WithHeader("Set-Cookie", "seen=yes; Path=/"))),
            new PluginRoute("^/-/probe$", (request, datasette) => ValueTask.FromResult(DatasetteResponse.Json(new JsonObject
            {
                ["in_client"] = datasette.InClient(),
                ["actor"] = request.Actor?.DeepClone(),
                ["absolute"] = datasette.AbsoluteUrl(request, datasette.Urls.Path("data/people.json")),
                ["method"] = request.Method,
                ["body"] = request.Context.Request.ContentLength ?? 0,
                ["cookie"] = request.Cookie("seen"),
            }))),
        });

    [Fact]
    [Trait("seed", "internals:bypassing-permission-checks")]
    public async Task Bypassing_permission_checks_with_the_client_allows_that_request_only()
    {
        await using var instance = await PluginApiInstance.CreateAsync(Private);
        var client = instance.Datasette.Client;

        Assert.Equal(403, (await client.GetAsync("/data/people.json")).Status);
        var skipped = await client.GetAsync("/data/people.json?_shape=array", skipPermissionChecks: true);
        Assert.Equal(200, skipped.Status);
        Assert.Equal("Ada", skipped.Json()![0]!["name"]!.GetValue<string>());
        Assert.Equal(403, (await client.GetAsync("/data/people.json")).Status);
        Assert.Equal(200, (await client.GetAsync("/data/people.json", actor: PluginApiInstance.Actor("alice"))).Status);
        // Every verb takes it; listings see everything catalogued.
        var tables = (await client.RequestAsync("GET", "/data.json", skipPermissionChecks: true)).Json()!;
        Assert.Contains("people", tables["tables"]!.AsArray().Select(t => t!["name"]!.GetValue<string>()));
        Assert.Equal(200, (await client.HeadAsync("/data/people.json", skipPermissionChecks: true)).Status);
        Assert.False(PermissionScopeSkipping());
    }

    [Fact]
    [Trait("seed", "internals:internals-datasette-is-client")]
    public async Task In_client_is_true_only_inside_client_requests_whatever_skip_permission_checks_says()
    {
        await using var instance = await PluginApiInstance.CreateAsync(plugins: Probe());
        var datasette = instance.Datasette;

        Assert.False(datasette.InClient());
        Assert.True((await datasette.Client.GetAsync("/-/probe")).Json()!["in_client"]!.GetValue<bool>());
        Assert.True((await datasette.Client.GetAsync("/-/probe", skipPermissionChecks: true)).Json()!["in_client"]!.GetValue<bool>());
        Assert.False(datasette.InClient());

        await using var server = await TestServer.StartAsync(new Runtime.Hosting.ServeOptions(), TestServer.EmptyDeployment with { Plugins = Probe() });
        var overSocket = await server.Client.GetJsonAsync("/-/probe");
        Assert.False(overSocket.Json.GetProperty("in_client").GetBoolean());
    }

    [Fact]
    public async Task The_client_signs_an_actor_cookie_and_refuses_two_actors()
    {
        await using var instance = await PluginApiInstance.CreateAsync(plugins: Probe());
        var client = instance.Datasette.Client;

        var response = await client.GetAsync("/-/probe", actor: new JsonObject { ["id"] = "bob", ["role"] = "staff" });

        Assert.Equal("""{"id":"bob","role":"staff"}""", response.Json()!["actor"]!.ToJsonString());
        var error = await Assert.ThrowsAsync<ArgumentException>(() => client.GetAsync("/-/probe", actor: PluginApiInstance.Actor("a"), cookies: new[] { KeyValuePair.Create("ds_actor", "x") }));
        Assert.Equal("Cannot pass both actor= and a ds_actor cookie", error.Message);
        var cookie = new[] { KeyValuePair.Create("ds_actor", instance.Datasette.ActorCookieValue(PluginApiInstance.Actor("carol"))) };
        Assert.Equal("carol", (await client.GetAsync("/-/probe", cookies: cookie)).Json()!["actor"]!["id"]!.GetValue<string>());
    }

    [Fact]
    public async Task Every_verb_goes_through_the_pipeline()
    {
        await using var instance = await PluginApiInstance.CreateAsync(plugins: Probe());
        var client = instance.Datasette.Client;

        var post = (await client.PostAsync("/-/probe", json: new JsonObject { ["a"] = 1 })).Json()!;
        var put = (await client.PutAsync("/-/probe", content: "raw")).Json()!;
        var patch = (await client.PatchAsync("/-/probe", data: new[] { KeyValuePair.Create("k", "v w") })).Json()!;
        var delete = (await client.DeleteAsync("/-/probe")).Json()!;
        var any = (await client.RequestAsync("PROPFIND", "/-/probe")).Json()!;

        Assert.Equal(("POST", 7L), (post["method"]!.GetValue<string>(), post["body"]!.GetValue<long>()));
        Assert.Equal(("PUT", 3L), (put["method"]!.GetValue<string>(), put["body"]!.GetValue<long>()));
        Assert.Equal(("PATCH", 5L), (patch["method"]!.GetValue<string>(), patch["body"]!.GetValue<long>()));
        Assert.Equal("DELETE", delete["method"]!.GetValue<string>());
        Assert.Equal("PROPFIND", any["method"]!.GetValue<string>());
        Assert.Equal("ok", (await client.OptionsAsync("/-/probe")).Text);
        // Built-in pages keep their methods.
        Assert.Equal(405, (await client.DeleteAsync("/data/people.json")).Status);
        var head = await client.HeadAsync("/data/people.json");
        Assert.Equal(200, head.Status);
        Assert.Empty(head.Body);
        Assert.StartsWith("application/json", head.ContentType);
    }

    [Fact]
    public async Task Redirects_are_followed_only_when_asked_and_cookies_set_on_the_way_are_sent()
    {
        await using var instance = await PluginApiInstance.CreateAsync(plugins: Probe());
        var client = instance.Datasette.Client;

        var bounced = await client.GetAsync("/-/bounce");
        Assert.Equal(302, bounced.Status);
        Assert.Equal("/-/probe", bounced.Header("Location"));
        Assert.Equal("yes", bounced.Cookies["seen"]);

        var followed = await client.GetAsync("/-/bounce", followRedirects: true);
        Assert.Equal(200, followed.Status);
        Assert.Equal("yes", followed.Json()!["cookie"]!.GetValue<string>());

        var posted = await client.PostAsync("/-/messages", data: new[] { KeyValuePair.Create("message", "Hi"), KeyValuePair.Create("message_type", "INFO") });
        Assert.Equal(302, posted.Status);
        Assert.True(posted.Cookies.ContainsKey("ds_messages"));
    }

    [Fact]
    public async Task Base_url_is_applied_once_and_prefixed_urls_are_not_prefixed_again()
    {
        await using var instance = await PluginApiInstance.CreateAsync("settings:\n  base_url: /prefix/\n", Probe());
        var datasette = instance.Datasette;

        Assert.Equal(200, (await datasette.Client.GetAsync("/data/people.json")).Status);
        Assert.Equal(200, (await datasette.Client.GetAsync(datasette.Urls.Table("data", "people", format: "json"))).Status);
        Assert.Equal(200, (await datasette.Client.RequestAsync("GET", "/data/people.json", avoidPathRewrites: true)).Status);
        var probe = (await datasette.Client.GetAsync("/-/probe")).Json()!;
        Assert.Equal("http://localhost/prefix/data/people.json", probe["absolute"]!.GetValue<string>());
        // A plain string already holding the prefix gets it twice, as in Datasette.
        Assert.Equal(404, (await datasette.Client.GetAsync("/prefix/data/people.json")).Status);
    }

    [Fact]
    [Trait("seed", "internals:datasette-absolute-url")]
    public async Task Datasette_absolute_url_resolves_against_the_request_and_honours_force_https_urls()
    {
        await using var instance = await PluginApiInstance.CreateAsync();
        var datasette = instance.Datasette;
        var request = TestRequests.Get("/data/people?_size=1", datasette);
        request.Context.Request.Host = new Microsoft.AspNetCore.Http.HostString("localhost:8001");

        Assert.Equal("http://localhost:8001/dbname/table.json", datasette.AbsoluteUrl(request, "/dbname/table.json"));
        Assert.Equal("http://localhost:8001/data/other", datasette.AbsoluteUrl(request, "other"));
        Assert.Equal("http://localhost:8001/data/people?_size=2", datasette.AbsoluteUrl(request, "?_size=2"));
        Assert.Equal("http://localhost:8001/up", datasette.AbsoluteUrl(request, "../up"));
        Assert.Equal("https://example.com/x", datasette.AbsoluteUrl(request, "https://example.com/x"));

        await using var https = await PluginApiInstance.CreateAsync("settings:\n  force_https_urls: true\n");
        var secure = TestRequests.Get("/", https.Datasette);
        Assert.Equal("https://localhost/data/people.json", https.Datasette.AbsoluteUrl(secure, https.Datasette.Urls.Table("data", "people", format: "json")));
        Assert.Equal("https://elsewhere/x", https.Datasette.AbsoluteUrl(secure, "http://elsewhere/x"));
    }

    private static bool PermissionScopeSkipping() => Runtime.Permissions.PermissionScope.SkipChecks;
}
