using System;
using System.Collections.Generic;
using System.Net;
using System.Text.Json.Nodes;
using System.Threading.Tasks;
using Datasette.Gen.Runtime;
using Datasette.Gen.Runtime.Client;
using Datasette.Gen.Runtime.Tokens;
using Datasette.Gen.Tests.PluginApi;

namespace Datasette.Gen.Tests.Html;

/// <summary>html-ui.md §8: the execute-write page, a form that works without script, on the JSON endpoint's checks.</summary>
public sealed class ExecuteWritePageTests
{
    private static readonly JsonObject Root = PluginApiInstance.Actor("root");

    private static Task<PluginApiInstance> CreateAsync() =>
        PluginApiInstance.CreateAsync("{}", null, new DatasetteOptions { RootEnabled = true, Secret = "s" }, databases: ("data", """
            CREATE TABLE docs (id INTEGER PRIMARY KEY, title TEXT);
            INSERT INTO docs VALUES (1, 'One');
            CREATE TABLE "Odd Names" ("Full Name" TEXT, "full-name" TEXT, "2nd" INTEGER);
            """));

    private static string Page(ClientResponse response, int status = 200)
    {
        Assert.True(status == response.Status, $"{response.Status}\n{response.Text}");
        Assert.Equal("text/html; charset=utf-8", response.ContentType);
        Assert.Equal("DENY", response.Header("X-Frame-Options"));
        FormAssert.EveryControlLabelled(response.Text);
        return response.Text;
    }

    private static Task<ClientResponse> PostFormAsync(PluginApiInstance instance, string sql, JsonObject? actor = null, params KeyValuePair<string, string>[] more) =>
        instance.Datasette.Client.PostAsync("/data/-/execute-write", data: [KeyValuePair.Create("sql", sql), .. more], actor: actor ?? Root);

    [Fact]
    public async Task The_form_has_the_editor_templates_and_a_disabled_execute_until_there_is_sql()
    {
        await using var instance = await CreateAsync();
        var html = Page(await instance.Datasette.Client.GetAsync("/data/-/execute-write", actor: Root));
        Assert.Contains("<form class=\"sql execute-write-form\" action=\"/data/-/execute-write\" method=\"post\">", html);
        Assert.Contains("<textarea id=\"sql-editor\" name=\"sql\"", html);
        Assert.Contains("<button type=\"submit\" disabled aria-describedby=\"execute-disabled-reason\">Execute</button>", html);
        Assert.Contains("Enter writable SQL before executing.", html);
        // the integer primary key is left to SQLite; update and delete go by id
        var docs = HtmlAssert.Inner(html, "li", "data-table=\"docs\"");
        Assert.Equal("insert into \"docs\" (\n  \"title\"\n)\nvalues (\n  :title\n)", TemplateSql(docs, "Insert row"));
        Assert.Equal("delete from \"docs\"\nwhere \"id\" = :id", TemplateSql(docs, "Delete rows"));
        Assert.Equal("update \"docs\"\nset \"title\" = :title\nwhere \"id\" = :id", TemplateSql(docs, "Update rows"));
        Assert.Contains(">Delete rows</a>", docs);
        Assert.Contains("data-write-template=\"create-table\"", html);
    }

    /// <summary>The SQL a template link fills in.</summary>
    private static string TemplateSql(string html, string label)
    {
        var href = System.Text.RegularExpressions.Regex.Match(html, "<a href=\"([^\"]+)\"[^>]*>" + label + "</a>").Groups[1].Value;
        var query = WebUtility.HtmlDecode(href);
        return Uri.UnescapeDataString(query[(query.IndexOf("?sql=", StringComparison.Ordinal) + 5)..].Replace('+', ' '));
    }

    [Fact]
    public void Template_parameters_are_valid_distinct_names()
    {
        var names = Runtime.Endpoints.Write.WriteTemplates.ParameterNames(new[] { "Full Name", "full-name", "2nd", "--" });
        Assert.Equal(new[] { "full_name", "full_name_2", "p_2nd", "value" }, new[] { names["Full Name"], names["full-name"], names["2nd"], names["--"] });
    }

    [Fact]
    public async Task Sql_in_the_url_is_analysed_with_its_parameters()
    {
        await using var instance = await CreateAsync();
        var html = Page(await instance.Datasette.Client.GetAsync("/data/-/execute-write?sql=" + Uri.EscapeDataString("update docs set title = :title where id = :id"), actor: Root));
        Assert.Contains("<input id=\"param-title\" type=\"text\" name=\"_sql_param_title\" value=\"\">", html);
        Assert.Contains("<input id=\"param-id\" type=\"text\" name=\"_sql_param_id\" value=\"\">", html);
        var analysis = HtmlAssert.Inner(html, "table", "class=\"debug-table analysis-table\"");
        Assert.Contains("<tr><td>update</td><td>docs</td><td>insert-row, update-row, delete-row</td><td>yes</td></tr>", analysis);
        Assert.Contains("<tr><td>read</td><td>docs</td><td>view-table</td><td>yes</td></tr>", analysis);
        Assert.Contains("<button type=\"submit\">Execute</button>", html);
    }

    [Fact]
    public async Task A_form_post_runs_the_statement_and_links_the_inserted_row()
    {
        await using var instance = await CreateAsync();
        var html = Page(await PostFormAsync(instance, "insert into docs (title) values (:title)", null, KeyValuePair.Create("_sql_param_title", "Two")));
        Assert.Contains("<p class=\"message-info execution-message\" role=\"status\">Query executed, 1 row affected <a href=\"/data/docs/2\">View row</a></p>", html);
        Assert.Contains("value=\"Two\"", HtmlAssert.Tag(html, "input", "name=\"_sql_param_title\""));
        var row = await instance.Datasette.Client.GetAsync("/data/docs/2.json?_shape=objects", actor: Root);
        Assert.Contains("\"Two\"", row.Text);
    }

    [Fact]
    public async Task Returning_rows_are_shown_in_a_table()
    {
        await using var instance = await CreateAsync();
        var html = Page(await PostFormAsync(instance, "update docs set title = 'Uno' where id = 1 returning id, title"));
        var returned = HtmlAssert.Inner(html, "section", "class=\"returned-rows\"");
        Assert.Contains("<td class=\"col-title type-str\" data-column=\"title\">Uno</td>", returned);
    }

    [Theory]
    [InlineData("insert into docs values (", 400, "incomplete input")]
    [InlineData("select * from docs", 400, "Use /-/query for read-only SQL; this endpoint only executes writes")]
    [InlineData("insert into docs (title) values (:_actor_id)", 400, "Magic parameters are not allowed")]
    [InlineData("", 400, "SQL is required")]
    public async Task Refusals_show_the_form_again_with_the_message_and_the_sql(string sql, int status, string message)
    {
        await using var instance = await CreateAsync();
        var html = Page(await PostFormAsync(instance, sql), status);
        Assert.Contains(message, HtmlAssert.Inner(html, "p", "execution-message"));
        Assert.Contains(">" + WebUtility.HtmlEncode(sql) + "</textarea>", html);
    }

    [Fact]
    public async Task Permission_refusals_keep_their_status_and_nothing_is_written()
    {
        await using var instance = await CreateAsync();
        var restrictions = new TokenRestrictions().AllowDatabase("data", "execute-write-sql").AllowDatabase("data", "view-database").AllowResource("data", "docs", "delete-row").AllowResource("data", "docs", "view-table");
        var token = await instance.Datasette.CreateTokenAsync("root", restrictions: restrictions);
        var bearer = new[] { KeyValuePair.Create("Authorization", "Bearer " + token) };
        var page = Page(await instance.Datasette.Client.GetAsync("/data/-/execute-write", headers: bearer));
        // only the statement this actor may run is offered
        var docs = HtmlAssert.Inner(page, "li", "data-table=\"docs\"");
        Assert.Contains(">Delete rows</a>", docs);
        Assert.DoesNotContain(">Insert row</a>", docs);
        Assert.DoesNotContain("data-write-template=\"create-table\"", page);

        var refused = await instance.Datasette.Client.PostAsync("/data/-/execute-write", data: [KeyValuePair.Create("sql", "insert into docs (title) values ('x')")], headers: bearer);
        Assert.Contains("Permission denied: need insert-row on data/docs", Page(refused, 403));
        Assert.Equal(403, (await instance.Datasette.Client.GetAsync("/data/-/execute-write")).Status);
        Assert.Equal("[1]", (await instance.Datasette.Client.GetAsync("/data/-/query.json?_shape=arrayfirst&sql=select+count(*)+from+docs", actor: Root)).Text);
    }

    [Fact]
    public async Task Json_clients_still_get_json()
    {
        await using var instance = await CreateAsync();
        var accept = await instance.Datasette.Client.PostAsync("/data/-/execute-write", data: [KeyValuePair.Create("sql", "delete from docs")], actor: Root,
            headers: [KeyValuePair.Create("Accept", "application/json")]);
        Assert.StartsWith("application/json", accept.ContentType);
        Assert.Equal(1, JsonNode.Parse(accept.Text)!["rowcount"]!.GetValue<int>());
        var field = await PostFormAsync(instance, "delete from docs", null, KeyValuePair.Create("_json", "1"));
        Assert.StartsWith("application/json", field.ContentType);
    }
}
