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

namespace Datasette.Gen.Tests.Permissions;

/// <summary>The permission debug endpoints (permissions spec §11): gates, JSON shapes and bad input.</summary>
public sealed class PermissionEndpointTests : IAsyncLifetime
{
    private const string RootCookie = "ds_actor=eyJhIjp7ImlkIjoicm9vdCJ9fQ.CGlNemCq9_Juuo5YVTEqKkbM0ew";

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

    private async Task<(HttpStatusCode Status, JsonElement Json)> Get(string path, bool root = false)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        if (root)
        {
            request.Headers.Add("Cookie", RootCookie);
        }
        var response = await _client.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True((int)response.StatusCode < 500, $"{path}: {(int)response.StatusCode} {text}");
        return (response.StatusCode, text.StartsWith('{') ? JsonDocument.Parse(text).RootElement.Clone() : default);
    }

    [Fact]
    public async Task Actions_needs_permissions_debug_and_lists_every_action_by_name()
    {
        Assert.Equal(HttpStatusCode.Forbidden, (await Get("/-/actions.json")).Status);
        var (status, json) = await Get("/-/actions.json", root: true);

        Assert.Equal(HttpStatusCode.OK, status);
        var actions = json.GetProperty("actions").EnumerateArray().ToList();
        Assert.Equal(21, actions.Count);
        Assert.Equal(actions.Select(a => a.GetProperty("name").GetString()).OrderBy(n => n, StringComparer.Ordinal), actions.Select(a => a.GetProperty("name").GetString()));
        var viewTable = actions.Single(a => a.GetProperty("name").GetString() == "view-table");
        Assert.Equal("""{"name":"view-table","abbr":"vt","description":"View table","takes_parent":true,"takes_child":true,"resource_class":"TableResource","also_requires":null}""", viewTable.GetRawText());
    }

    [Fact]
    public async Task Allowed_shows_reasons_only_to_permissions_debug()
    {
        var (_, anonymous) = await Get("/-/allowed.json?action=view-table&parent=fixtures&child=facetable");
        Assert.False(anonymous.GetProperty("items")[0].TryGetProperty("reason", out _));

        var (_, root) = await Get("/-/allowed.json?action=view-table&parent=fixtures&child=compound_three_primary_keys", root: true);
        Assert.Equal("root", root.GetProperty("actor_id").GetString());
        var item = Assert.Single(root.GetProperty("items").EnumerateArray());
        Assert.Equal("/fixtures/compound_three_primary_keys", item.GetProperty("resource").GetString());
        Assert.Equal("""["datasette.default_permissions: config allow allow for view-table on fixtures/compound_three_primary_keys"]""", item.GetProperty("reason").GetRawText());
    }

    [Theory]
    [InlineData("/-/allowed.json", 400, "action parameter is required")]
    [InlineData("/-/allowed.json?action=nope", 404, "Unknown action: nope")]
    [InlineData("/-/allowed.json?action=view-table&child=x", 400, "parent must be provided when child is specified")]
    [InlineData("/-/allowed.json?action=view-table&_page=0", 400, "_page must be a positive integer")]
    [InlineData("/-/allowed.json?action=view-table&_page=abc", 400, "_page must be a positive integer")]
    [InlineData("/-/allowed.json?action=view-table&_page=", 400, "_page must be a positive integer")]
    [InlineData("/-/allowed.json?action=view-table&_size=-1", 400, "_size must be a positive integer")]
    [InlineData("/-/allowed.json?action=view-table&_size=201", 400, "_size must be <= 200")]
    [InlineData("/-/allowed.json?action=view-table&_size=99999999999999999999999", 400, "_size must be <= 200")]
    public async Task Allowed_rejects_bad_input_with_datasettes_messages(string path, int status, string message)
    {
        var (actual, json) = await Get(path);

        Assert.Equal(status, (int)actual);
        Assert.Equal(message, json.GetProperty("error").GetString());
    }

    [Fact]
    public async Task Allowed_pages_and_tolerates_absurd_pages_and_global_actions()
    {
        var (_, page2) = await Get("/-/allowed.json?action=view-table&parent=fixtures&_size=2&_page=2");
        Assert.Equal(2, page2.GetProperty("items").GetArrayLength());
        Assert.Equal("/-/allowed.json?action=view-table&parent=fixtures&_page=1&_size=2", page2.GetProperty("previous_url").GetString());
        Assert.Equal("/-/allowed.json?action=view-table&parent=fixtures&_page=3&_size=2", page2.GetProperty("next_url").GetString());

        var (status, far) = await Get("/-/allowed.json?action=view-table&_page=999999999999999999999");
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal(0, far.GetProperty("items").GetArrayLength());

        var (_, global) = await Get("/-/allowed.json?action=view-instance");
        Assert.Equal(0, global.GetProperty("total").GetInt32());
    }

    [Fact]
    public async Task Rules_lists_the_raw_rules_for_the_signed_in_actor()
    {
        Assert.Equal(HttpStatusCode.Forbidden, (await Get("/-/rules.json?action=view-table")).Status);
        var (status, json) = await Get("/-/rules.json?action=view-table", root: true);

        Assert.Equal(HttpStatusCode.OK, status);
        var items = json.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("reason").GetString() + "=" + i.GetProperty("allow").GetInt32()).ToList();
        Assert.Equal(new[]
        {
            "root user=1",
            "default allow for view-table=1",
            "config allow allow for view-table on fixtures/compound_three_primary_keys=1",
            "config allow allow for view-table on fixtures/paginated_view=1",
            "config allow allow for view-table on extra database=1",
        }.OrderBy(s => s), items.OrderBy(s => s));
        Assert.Equal(5, json.GetProperty("total").GetInt32());
        Assert.Equal("datasette.default_permissions", json.GetProperty("items")[0].GetProperty("source_plugin").GetString());
        Assert.Equal(400, (int)(await Get("/-/rules.json", root: true)).Status);
        Assert.Equal(404, (int)(await Get("/-/rules.json?action=nope", root: true)).Status);
    }

    [Fact]
    public async Task Check_explains_a_decision_for_any_actor()
    {
        Assert.Equal(HttpStatusCode.Forbidden, (await Get("/-/check.json?action=view-table")).Status);
        var (status, json) = await Get("/-/check.json?action=view-table&parent=fixtures&child=compound_three_primary_keys&actor=" + Uri.EscapeDataString("""{"id": "bob"}"""), root: true);

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.False(json.GetProperty("allowed").GetBoolean());
        Assert.Equal("bob", json.GetProperty("actor_id").GetString());
        Assert.Equal("/fixtures/compound_three_primary_keys", json.GetProperty("resource").GetProperty("path").GetString());
        var explanation = json.GetProperty("explanation");
        Assert.Equal("resource", explanation.GetProperty("winning_scope").GetString());
        Assert.Equal("Denied by a resource-level rule. Deny rules take precedence over allow rules at the same scope.", explanation.GetProperty("summary").GetString());
        var rules = explanation.GetProperty("matched_rules").EnumerateArray().ToList();
        Assert.Equal("deny", rules[0].GetProperty("effect").GetString());
        Assert.True(rules[0].GetProperty("decisive").GetBoolean());
        Assert.Equal("A more specific rule matched", rules[^1].GetProperty("ignored_because").GetString());

        var (_, sql) = await Get("/-/check.json?action=execute-sql&parent=fixtures&actor=null", root: true);
        Assert.False(sql.TryGetProperty("actor_id", out _));
        Assert.Equal("view-database", sql.GetProperty("explanation").GetProperty("required_actions")[0].GetProperty("action").GetString());

        Assert.Equal("actor must be a JSON object or null", (await Get("/-/check.json?action=view-table&actor=[1]", root: true)).Json.GetProperty("error").GetString());
        Assert.StartsWith("Invalid actor JSON: ", (await Get("/-/check.json?action=view-table&actor={", root: true)).Json.GetProperty("error").GetString());
        Assert.Equal("parent is required when child is provided", (await Get("/-/check.json?action=view-table&child=x", root: true)).Json.GetProperty("error").GetString());
        Assert.Equal(404, (int)(await Get("/-/check.json?action=nope", root: true)).Status);
    }

    [Fact]
    public async Task Permissions_playground_shows_checks_and_posts_a_check()
    {
        Assert.Equal(HttpStatusCode.Forbidden, (await Get("/-/permissions")).Status);
        using var page = new HttpRequestMessage(HttpMethod.Get, "/-/permissions?filter=only-yours");
        page.Headers.Add("Cookie", RootCookie);
        var html = await (await _client.SendAsync(page)).Content.ReadAsStringAsync();
        Assert.Contains("permissions-debug", html);

        using var post = new HttpRequestMessage(HttpMethod.Post, "/-/permissions")
        {
            Content = new StringContent("actor=" + Uri.EscapeDataString("""{"id":"root"}""") + "&permission=view-table&resource_1=fixtures&resource_2=compound_three_primary_keys", Encoding.UTF8, "application/x-www-form-urlencoded"),
        };
        post.Headers.Add("Cookie", RootCookie);
        var response = await _client.SendAsync(post);
        var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        Assert.True(json.GetProperty("allowed").GetBoolean());
        Assert.Equal("This API is not part of Datasette's stable interface and may change at any time", json.GetProperty("unstable").GetString());
    }

    [Fact]
    public async Task Allow_debug_evaluates_an_allow_block()
    {
        var response = await _client.GetStringAsync("/-/allow-debug?actor=" + Uri.EscapeDataString("""{"id": "x", "roles": ["a"]}""") + "&allow=" + Uri.EscapeDataString("""{"roles": "a"}"""));
        Assert.Contains("<strong>True</strong>", response);
        var invalid = await _client.GetStringAsync("/-/allow-debug?allow=%5B1%5D");
        Assert.Contains("Allow JSON error", invalid);
        var deep = await _client.GetStringAsync("/-/allow-debug?allow=" + new string('[', 3000) + new string(']', 3000));
        Assert.Contains("Allow JSON error", deep);
    }

    [Fact]
    public async Task Databases_and_the_index_hide_what_the_actor_cannot_see_and_flag_what_is_private()
    {
        var (_, anonymous) = await Get("/-/databases.json");
        Assert.Equal(new[] { "fixtures" }, anonymous.GetProperty("databases").EnumerateArray().Select(d => d.GetProperty("name").GetString()));

        var (_, root) = await Get("/fixtures.json", root: true);
        Assert.True(root.GetProperty("tables").EnumerateArray().Single(t => t.GetProperty("name").GetString() == "compound_three_primary_keys").GetProperty("private").GetBoolean());
        Assert.False(root.GetProperty("tables").EnumerateArray().Single(t => t.GetProperty("name").GetString() == "facetable").GetProperty("private").GetBoolean());
        Assert.True(root.GetProperty("views").EnumerateArray().Single(t => t.GetProperty("name").GetString() == "paginated_view").GetProperty("private").GetBoolean());
        Assert.True(root.GetProperty("queries").EnumerateArray().Single(q => q.GetProperty("name").GetString() == "private_query").GetProperty("private").GetBoolean());
        Assert.True(root.GetProperty("allow_execute_sql").GetBoolean());

        var (_, index) = await Get("/.json", root: true);
        Assert.True(index.GetProperty("databases").EnumerateArray().Single(d => d.GetProperty("name").GetString() == "fixtures").GetProperty("private").GetBoolean() is false);
    }

    [Fact]
    public async Task Database_download_checks_its_permission_before_anything_else()
    {
        var (hidden, json) = await Get("/extra~20database.db");
        Assert.Equal(HttpStatusCode.Forbidden, hidden);
        var (missing, _) = await Get("/nope.db");
        Assert.Equal(HttpStatusCode.NotFound, missing);
        var (mutable, _) = await Get("/fixtures.db");
        Assert.Equal(HttpStatusCode.Forbidden, mutable);
    }
}
