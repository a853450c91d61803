using System.Linq;
using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Threading.Tasks;
using Datasette.Gen.Runtime;
using Datasette.Gen.Tests.PluginApi;

namespace Datasette.Gen.Tests.Html;

/// <summary>
/// <c>?_context=1</c> with <c>template_debug</c> on every page Datasette renders through
/// render_template (docs/templates.md): the debug, auth, write, stored-query, schema and API pages,
/// the table fragment and the 403 page, each answering its model as JSON in a <c>&lt;pre&gt;</c>
/// with the page's status; other error pages (handle_exception's) keep their HTML.
/// </summary>
public sealed class PageTemplateContextTests
{
    private static readonly JsonObject Root = PluginApiInstance.Actor("root");

    private static async Task<PluginApiInstance> CreateAsync()
    {
        var instance = await PluginApiInstance.CreateAsync("settings:\n  template_debug: true\n", null, new DatasetteOptions { RootEnabled = true, Secret = "s" },
            databases: ("data", "CREATE TABLE docs (id INTEGER PRIMARY KEY, title TEXT); INSERT INTO docs VALUES (1, '<b>One</b>');"));
        var stored = await instance.Datasette.Client.PostAsync("/data/-/queries/store",
            data: [new("name", "q1"), new("sql", "select title from docs"), new("title", "First"), new("is_private", "0")], actor: Root);
        Assert.True(stored.Status == 302, stored.Text);
        return instance;
    }

    [Theory]
    [InlineData("/-/versions", "file_name", "versions.json")]
    [InlineData("/-/logout", "logout_url", "/-/logout")]
    [InlineData("/-/messages", "form_url", "/-/messages")]
    [InlineData("/-/create-token", "actor_name", "root")]
    [InlineData("/-/allow-debug", "allow", "{\"id\": \"*\"}")]
    [InlineData("/-/actions", "json_url", "/-/actions.json")]
    [InlineData("/-/allowed", "json_url", "/-/allowed.json")]
    [InlineData("/-/permissions", "form_url", "/-/permissions")]
    [InlineData("/-/debug/autocomplete?database=data&table=docs", "table", "docs")]
    [InlineData("/data/-/execute-write?sql=delete+from+docs", "sql", "delete from docs")]
    [InlineData("/-/queries", "search", "")]
    [InlineData("/data/-/queries", "database", "data")]
    [InlineData("/data/-/queries/store?sql=select+1", "sql", "select 1")]
    [InlineData("/data/q1/-/edit", "name", "q1")]
    [InlineData("/data/q1/-/delete", "sql", "select title from docs")]
    [InlineData("/-/schema", "heading", "Schema for all databases")]
    [InlineData("/data/-/schema", "heading", "Schema for data")]
    [InlineData("/data/docs/-/schema", "table", "docs")]
    [InlineData("/-/api", "open_api_url", "/-/openapi.json")]
    public async Task Every_template_page_answers_its_model(string path, string key, string value)
    {
        await using var instance = await CreateAsync();
        var json = await ContextAsync(instance, path, Root, 200);

        Assert.Equal(value, json[key]!.GetValue<string>());
        Assert.NotNull(json["chrome"]!["templates_considered"]);
    }

    [Fact]
    public async Task The_table_fragment_answers_its_rows_table_escaped()
    {
        await using var instance = await CreateAsync();
        var response = await instance.Datasette.Client.GetAsync("/data/docs/-/fragment?_context=1", actor: Root);

        Assert.DoesNotContain("<b>", response.Text);
        var json = Parse(response.Text);
        Assert.Equal(["id", "title"], json["headers"]!.AsArray().Select(h => h!["column"]!.GetValue<string>()));
    }

    [Fact]
    public async Task The_forbidden_page_answers_its_context_with_its_status()
    {
        await using var instance = await CreateAsync();
        var json = await ContextAsync(instance, "/-/actions", null, 403);

        Assert.Equal("Forbidden", json["heading"]!.GetValue<string>());
        Assert.Equal(403, json["status"]!.GetValue<int>());
    }

    [Theory]
    [InlineData("/data/nope", 404)]
    [InlineData("/data/docs?_sort=nope", 400)]
    public async Task Other_error_pages_ignore_it_as_datasettes_handle_exception_does(string path, int status)
    {
        await using var instance = await CreateAsync();
        var response = await instance.Datasette.Client.GetAsync(path + (path.Contains('?') ? "&" : "?") + "_context=1", actor: Root);

        Assert.Equal(status, response.Status);
        Assert.StartsWith("<!DOCTYPE html>", response.Text);
    }

    private static async Task<JsonNode> ContextAsync(PluginApiInstance instance, string path, JsonObject? actor, int status)
    {
        var response = await instance.Datasette.Client.GetAsync(path + (path.Contains('?') ? "&" : "?") + "_context=1", actor: actor);
        Assert.True(status == response.Status, $"{response.Status}\n{response.Text}");
        Assert.Equal("text/html; charset=utf-8", response.ContentType);
        return Parse(response.Text);
    }

    private static JsonNode Parse(string html)
    {
        var text = html.Trim();
        Assert.StartsWith("<pre>{", text);
        Assert.EndsWith("}</pre>", text);
        return JsonNode.Parse(WebUtility.HtmlDecode(text[5..^6]), documentOptions: new JsonDocumentOptions())!;
    }
}
