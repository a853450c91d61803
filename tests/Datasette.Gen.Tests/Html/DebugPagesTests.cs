using System.Collections.Generic;
using System.Linq;
using System.Net;
using System.Text.Json.Nodes;
using System.Threading.Tasks;
using Datasette.Gen.Runtime;
using Datasette.Gen.Runtime.Client;
using Datasette.Gen.Tests.PluginApi;

namespace Datasette.Gen.Tests.Html;

/// <summary>html-ui.md §9: the auth and debug pages in the shared layout, their forms labelled and working without script.</summary>
public sealed class DebugPagesTests
{
    private static readonly JsonObject Root = PluginApiInstance.Actor("root");

    private static Task<PluginApiInstance> CreateAsync() =>
        PluginApiInstance.CreateAsync("{}", null, new DatasetteOptions { RootEnabled = true, Secret = "s" }, databases: ("data", """
            CREATE TABLE docs (id INTEGER PRIMARY KEY, title TEXT);
            """));

    private static string Page(ClientResponse response, int status = 200)
    {
        Assert.True(status == response.Status, $"{response.Status}\n{response.Text}");
        Assert.Equal("text/html; charset=utf-8", response.ContentType);
        var html = response.Text;
        // The shared layout, not a bare page.
        Assert.Contains("<main id=\"main\" class=\"content\">", html);
        Assert.Contains("<details class=\"nav-menu details-menu\">", html);
        FormAssert.EveryControlLabelled(html);
        return html;
    }

    [Theory]
    [InlineData("versions", "\"sqlite\"")]
    [InlineData("plugins", "[")]
    [InlineData("settings", "\"default_page_size\"")]
    [InlineData("config", "{")]
    [InlineData("databases", "\"data\"")]
    [InlineData("threads", "\"num_threads\"")]
    [InlineData("actor", "\"root\"")]
    public async Task Json_data_views_show_their_json_under_a_file_style_heading(string name, string expected)
    {
        await using var instance = await CreateAsync();
        var html = Page(await instance.Datasette.Client.GetAsync("/-/" + name, actor: Root));
        Assert.Contains($"<h1>{name}.json</h1>", html);
        Assert.Contains($"<a href=\"/-/{name}.json\">{name}.json</a>", html);
        var json = WebUtility.HtmlDecode(HtmlAssert.Inner(html, "pre", "class=\"json-data\""));
        Assert.Contains(expected, json);
        Assert.DoesNotContain("\"ok\"", json);
        if (json.Length > 2)
        {
            Assert.Contains("\n  ", json);
        }
        // the JSON twin is unchanged
        var twin = await instance.Datasette.Client.GetAsync($"/-/{name}.json", actor: Root);
        Assert.StartsWith("application/json", twin.ContentType);
    }

    [Fact]
    public async Task Logout_page_names_the_actor_and_posts_the_form()
    {
        await using var instance = await CreateAsync();
        var html = Page(await instance.Datasette.Client.GetAsync("/-/logout", actor: new JsonObject { ["id"] = "x", ["name"] = "<Alice>" }));
        Assert.Contains("<h1>Log out</h1>", html);
        Assert.Contains("You are logged in as <strong>&lt;Alice&gt;</strong>", html);
        Assert.Contains("<form class=\"logout-form\" action=\"/-/logout\" method=\"post\">", html);
    }

    [Fact]
    public async Task Messages_form_sets_a_message_the_next_page_shows()
    {
        await using var instance = await CreateAsync();
        var client = instance.Datasette.Client;
        var html = Page(await client.GetAsync("/-/messages", actor: Root));
        Assert.Contains("<select id=\"message_type\" name=\"message_type\">", html);
        var posted = await client.PostAsync("/-/messages", data: [KeyValuePair.Create("message", "Hello <b>"), KeyValuePair.Create("message_type", "ERROR")], actor: Root);
        Assert.Equal(302, posted.Status);
        var cookie = posted.Cookies["ds_messages"];
        var shown = Page(await client.GetAsync("/-/versions", actor: Root, cookies: [KeyValuePair.Create("ds_messages", cookie)]));
        Assert.Contains("<p class=\"message-error\">Hello &lt;b&gt;</p>", shown);
    }

    [Fact]
    public async Task Create_token_form_shows_the_token_and_keeps_choices_after_an_error()
    {
        await using var instance = await CreateAsync();
        var client = instance.Datasette.Client;
        var form = Page(await client.GetAsync("/-/create-token", actor: Root));
        Assert.Contains("<select id=\"expire_type\" name=\"expire_type\">", form);
        Assert.Contains("name=\"all:view-instance\"", form);
        Assert.Contains("<legend>data</legend>", form);
        Assert.Contains("name=\"resource:data:docs:insert-row\"", form);

        var invalid = Page(await client.PostAsync("/-/create-token", data: [KeyValuePair.Create("expire_type", "hours"), KeyValuePair.Create("expire_duration", "x"), KeyValuePair.Create("all:view-instance", "on")], actor: Root), 400);
        Assert.Contains("<p class=\"message-error\">Invalid expire duration</p>", invalid);
        Assert.Contains("<option value=\"hours\" selected=\"selected\">", invalid);
        Assert.Contains("value=\"x\"", HtmlAssert.Tag(invalid, "input", "id=\"expire_duration\""));
        Assert.Contains("checked", HtmlAssert.Tag(invalid, "input", "name=\"all:view-instance\""));
        Assert.DoesNotContain("id=\"created-token\"", invalid);

        var made = Page(await client.PostAsync("/-/create-token", data: [KeyValuePair.Create("expire_type", "hours"), KeyValuePair.Create("expire_duration", "2"), KeyValuePair.Create("all:view-instance", "on")], actor: Root));
        var token = System.Text.RegularExpressions.Regex.Match(HtmlAssert.Tag(made, "input", "id=\"created-token\""), "value=\"(dstok_[^\"]+)\"").Groups[1].Value;
        Assert.NotEmpty(token);
        Assert.Contains("data-copy-from=\"created-token\"", made);
        Assert.Contains("&quot;d&quot;: 7200", HtmlAssert.Inner(made, "details", "class=\"token-details\""));
        // a fresh form: the token's choices are not carried into the next one
        Assert.DoesNotContain("checked", HtmlAssert.Tag(made, "input", "name=\"all:view-instance\""));
        Assert.Equal(200, (await client.GetAsync("/-/versions.json", headers: [KeyValuePair.Create("Authorization", "Bearer " + token)])).Status);
    }

    [Fact]
    public async Task Allow_debug_shows_the_result_or_the_errors_with_the_inputs_kept()
    {
        await using var instance = await CreateAsync();
        var client = instance.Datasette.Client;
        var html = Page(await client.GetAsync("/-/allow-debug?actor=" + WebUtility.UrlEncode("{\"id\": \"a\"}") + "&allow=" + WebUtility.UrlEncode("{\"id\": \"a\"}")));
        Assert.Contains("Result: <strong>True</strong>", html);
        Assert.Contains("<nav class=\"debug-tabs\"", html);
        Assert.Contains("aria-current=\"page\">Allow debug</a>", html);
        var bad = Page(await client.GetAsync("/-/allow-debug?allow=%7Bnope"));
        Assert.Contains("<p class=\"message-error\">Allow JSON error", bad);
        Assert.Contains(">{nope</textarea>", bad);
        Assert.DoesNotContain("Result:", bad);
    }

    [Fact]
    public async Task Actions_page_lists_every_action_in_a_table()
    {
        await using var instance = await CreateAsync();
        var html = Page(await instance.Datasette.Client.GetAsync("/-/actions", actor: Root));
        Assert.Contains("<tr data-action=\"view-table\"><td><code>view-table</code></td><td>vt</td>", html);
        Assert.Contains("<th scope=\"col\">Also requires</th>", html);
        Assert.Equal(403, (await instance.Datasette.Client.GetAsync("/-/actions")).Status);
    }

    [Theory]
    [InlineData("/-/allowed", "/-/allowed.json", "tool-parent")]
    [InlineData("/-/rules", "/-/rules.json", null)]
    [InlineData("/-/check", "/-/check.json", "tool-actor")]
    public async Task Permission_tools_ask_their_json_twin(string path, string action, string? field)
    {
        await using var instance = await CreateAsync();
        var html = Page(await instance.Datasette.Client.GetAsync(path, actor: Root));
        Assert.Contains($"action=\"{action}\" method=\"get\"", html);
        Assert.Contains("<option>view-table</option>", html);
        if (field is not null)
        {
            Assert.Contains($"id=\"{field}\"", html);
        }
    }

    [Fact]
    public async Task Permission_playground_lists_recent_checks_newest_first_and_filters_them()
    {
        await using var instance = await CreateAsync();
        var client = instance.Datasette.Client;
        await client.GetAsync("/data/docs.json", actor: new JsonObject { ["id"] = "someone" });
        var html = Page(await client.GetAsync("/-/permissions", actor: Root));
        Assert.Contains("<form class=\"debug-form permissions-form\" action=\"/-/permissions\" method=\"post\">", html);
        Assert.Contains("<td><code>{&quot;id&quot;:&quot;someone&quot;}</code></td><td>view-table</td><td>/data/docs</td>", html);
        var mine = Page(await client.GetAsync("/-/permissions?filter=only-yours", actor: Root));
        Assert.DoesNotContain("someone", mine);
        Assert.Contains("<strong aria-current=\"true\">only-yours</strong>", mine);
    }
}
