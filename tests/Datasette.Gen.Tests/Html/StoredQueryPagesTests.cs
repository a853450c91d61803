using System;
using System.Collections.Generic;
using System.Linq;
using System.Net;
using System.Text.Json.Nodes;
using System.Threading.Tasks;
using Datasette.Gen.Runtime;
using Datasette.Gen.Runtime.Client;
using Datasette.Gen.Tests.PluginApi;

namespace Datasette.Gen.Tests.Html;

/// <summary>
/// html-ui.md §7: the stored-query list, the save and edit forms and the delete confirmation.
/// The forms post to the management API's routes and share its checks; refusals come back as the
/// form with the reason flashed (never a 500), success as a redirect with a flash.
/// </summary>
public sealed class StoredQueryPagesTests
{
    private static readonly JsonObject Alice = PluginApiInstance.Actor("alice");
    private static readonly JsonObject Bob = PluginApiInstance.Actor("bob");

    // Every actor with an id may store queries; only root holds the row permissions.
    private const string Yaml = """
        permissions:
          store-query:
            id: "*"
        databases:
          data:
            queries:
              configured:
                sql: select count(*) as n from docs
        """;

    private static async Task<PluginApiInstance> CreateAsync()
    {
        var instance = await PluginApiInstance.CreateAsync(Yaml, null, new DatasetteOptions { RootEnabled = true, Secret = "s" }, databases: ("data", """
            CREATE TABLE docs (id INTEGER PRIMARY KEY, title TEXT);
            INSERT INTO docs VALUES (1, 'One');
            """));
        await instance.Datasette.Internal.Queries.SaveConfigQueriesAsync(PluginApiInstance.Bind(Yaml));
        return instance;
    }

    private static string Page(ClientResponse response, int status = 200)
    {
        Assert.True(status == response.Status, $"{response.Status}\n{response.Text}");
        Assert.Equal("text/html; charset=utf-8", response.ContentType);
        FormAssert.EveryControlLabelled(response.Text);
        return response.Text;
    }

    /// <summary>Posts a page's form as the browser would: its fields in order (a name may repeat, as a checkbox after its hidden twin does).</summary>
    private static Task<ClientResponse> PostFormAsync(PluginApiInstance instance, string path, JsonObject? actor, params (string Key, string Value)[] fields) =>
        instance.Datasette.Client.PostAsync(path, data: fields.Select(f => KeyValuePair.Create(f.Key, f.Value)), actor: actor);

    private static Task<ClientResponse> StoreFormAsync(PluginApiInstance instance, JsonObject? actor, params (string Key, string Value)[] fields) =>
        PostFormAsync(instance, "/data/-/queries/store", actor, fields);

    private static async Task StoreAsync(PluginApiInstance instance, string name, string sql, string title, bool isPrivate = true)
    {
        var saved = await StoreFormAsync(instance, Alice, ("name", name), ("sql", sql), ("title", title), ("is_private", isPrivate ? "1" : "0"));
        Assert.True(saved.Status == 302, saved.Text);
    }

    /// <summary>The flash messages a redirect leaves, as the page it leads to shows them.</summary>
    private static async Task<string> FollowAsync(PluginApiInstance instance, ClientResponse redirect, JsonObject? actor)
    {
        Assert.True(redirect.Status == 302, redirect.Text);
        var next = await instance.Datasette.Client.GetAsync(redirect.Header("Location")!, actor: actor, cookies: redirect.Cookies);
        return Page(next);
    }

    [Fact]
    public async Task The_save_form_shows_the_fields_the_analysis_and_private_checked()
    {
        await using var instance = await CreateAsync();
        var html = Page(await instance.Datasette.Client.GetAsync("/data/-/queries/store?sql=" + Uri.EscapeDataString("select * from docs where id = :id"), actor: Alice));

        Assert.Contains("<body class=\"query-create db-data\"", html);
        Assert.Contains("<h1>Create query</h1>", html);
        Assert.Contains("<form class=\"sql core query-form\" action=\"/data/-/queries/store\" method=\"post\"", html);
        Assert.Contains("<input id=\"query-url-slug\" name=\"name\" type=\"text\" value=\"\"", html);
        Assert.Contains("<input type=\"checkbox\" name=\"is_private\" value=\"1\" checked=\"checked\"", html);
        Assert.Contains(">select * from docs where id = :id</textarea>", html);
        Assert.Contains("Parameters: <code>id</code>", html);
        Assert.Contains("<tr><td>read</td><td>docs</td><td>view-table</td><td>yes</td></tr>", HtmlAssert.Inner(html, "table", "analysis-table"));
        Assert.Contains("<button type=\"submit\">Save query</button>", html);
        Assert.Contains("This is a read-only query.", html);
    }

    [Theory]
    [InlineData("select * from nope", "no such table: nope")]
    [InlineData("select :_actor_id", "Magic parameters are not allowed")]
    [InlineData("", null)]
    public async Task Save_is_disabled_while_the_sql_cannot_be_stored(string sql, string? error)
    {
        await using var instance = await CreateAsync();
        var html = Page(await instance.Datasette.Client.GetAsync("/data/-/queries/store?sql=" + Uri.EscapeDataString(sql), actor: Alice));

        Assert.Contains("<button type=\"submit\" disabled=\"disabled\">Save query</button>", html);
        if (error is not null)
        {
            Assert.Contains(error, HtmlAssert.Inner(html, "p", "analysis-error"));
        }
    }

    [Fact]
    public async Task Write_sql_the_actor_may_not_run_shows_the_denied_operation_and_disables_save()
    {
        await using var instance = await CreateAsync();
        var html = Page(await instance.Datasette.Client.GetAsync("/data/-/queries/store?sql=" + Uri.EscapeDataString("delete from docs"), actor: Alice));

        Assert.Contains("<tr class=\"analysis-denied\"><td>delete</td><td>docs</td><td>delete-row</td><td>no</td></tr>", html);
        Assert.Contains("disabled=\"disabled\">Save query</button>", html);
        Assert.Contains("This query updates data in the database.", html);
    }

    [Fact]
    public async Task Without_store_query_or_execute_sql_the_form_is_a_403_page()
    {
        await using var instance = await CreateAsync();
        // anonymous: no store-query
        var page = await instance.Datasette.Client.GetAsync("/data/-/queries/store?sql=select+1");
        Assert.Equal((403, "text/html; charset=utf-8"), (page.Status, page.ContentType));
        Assert.Contains("<h1>Forbidden</h1>", page.Text);
        Assert.Equal(403, (await StoreFormAsync(instance, null, ("name", "x"), ("sql", "select 1"))).Status);
        Assert.Null(instance.Datasette.Internal.Queries.Get("data", "x"));
    }

    [Theory]
    [InlineData("", "URL is required")]
    [InlineData("a/b", "Invalid URL")]
    [InlineData("docs", "URL conflicts with an existing table or view")]
    [InlineData("configured", "A query already exists at that URL")]
    public async Task A_refused_save_shows_the_form_again_with_a_friendly_flash(string name, string message)
    {
        await using var instance = await CreateAsync();
        var html = Page(await StoreFormAsync(instance, Alice, ("name", name), ("title", "Kept <title>"), ("description", "Kept too"),
            ("sql", "select 1"), ("is_private", "0")), 400);

        Assert.Contains($"<p class=\"message-error\">{WebUtility.HtmlEncode(message)}</p>", html);
        Assert.Contains("value=\"Kept &lt;title&gt;\"", HtmlAssert.Tag(html, "input", "id=\"query-title\""));
        Assert.Contains(">Kept too</textarea>", html);
        Assert.Contains($"value=\"{WebUtility.HtmlEncode(name)}\"", HtmlAssert.Tag(html, "input", "id=\"query-url-slug\""));
        // the private checkbox as it was sent: off
        Assert.DoesNotContain("checked", HtmlAssert.Tag(html, "input", "type=\"checkbox\""));
    }

    [Fact]
    public async Task Other_refusals_are_flashed_in_the_apis_words()
    {
        await using var instance = await CreateAsync();
        var html = Page(await StoreFormAsync(instance, Alice, ("name", "q"), ("sql", "select * from nope")), 400);
        Assert.Contains("<p class=\"message-error\">Could not analyze query: no such table: nope</p>", html);
    }

    [Fact]
    public async Task A_saved_query_redirects_to_its_page_with_a_flash()
    {
        await using var instance = await CreateAsync();
        var saved = await StoreFormAsync(instance, Alice, ("name", "titles"), ("title", "Titles"), ("sql", "select title from docs"), ("is_private", "0"), ("is_private", "1"));

        Assert.Equal("/data/titles", saved.Header("Location"));
        var html = await FollowAsync(instance, saved, Alice);
        Assert.Contains("<p class=\"message-info\">Query saved</p>", html);
        Assert.Contains("<h1>Titles</h1>", html);
        Assert.True(instance.Datasette.Internal.Queries.Get("data", "titles")!.IsPrivate);
    }

    [Fact]
    public async Task The_list_shows_queries_with_badges_facets_and_a_search_box()
    {
        await using var instance = await CreateAsync();
        await StoreAsync(instance, "mine", "select title from docs", "Mine");
        await StoreAsync(instance, "everyone", "select id from docs", "Everyone", isPrivate: false);

        var html = Page(await instance.Datasette.Client.GetAsync("/data/-/queries", actor: Alice));

        Assert.Contains("<body class=\"query-list db-data\"", html);
        Assert.Contains("<input id=\"query-search\" type=\"search\" name=\"q\" value=\"\">", html);
        Assert.Contains("<a class=\"query-list-title\" href=\"/data/mine\" title=\"select title from docs\">Mine</a> <span role=\"img\" aria-label=\"private\">🔒</span>", html);
        Assert.Contains("<span class=\"badge badge-private\">Private</span>", html);
        var facets = HtmlAssert.Inner(html, "nav", "query-list-facets");
        Assert.Contains("<a class=\"query-list-facet-link\" href=\"/data/-/queries?is_write=0\">Read-only <span class=\"query-list-facet-count\">3</span></a>", facets);
        Assert.Contains("href=\"/data/-/queries?is_private=1\">Private <span class=\"query-list-facet-count\">1</span></a>", facets);
        Assert.DoesNotContain("Writable", facets);

        // Bob sees the public queries only; the instance list names each query's database
        var all = Page(await instance.Datasette.Client.GetAsync("/-/queries", actor: Bob));
        Assert.Contains("<th scope=\"col\">Database</th>", all);
        Assert.Contains("href=\"/data/everyone\"", all);
        Assert.DoesNotContain("href=\"/data/mine\"", all);
    }

    [Fact]
    public async Task A_facet_in_force_is_a_toggle_that_keeps_the_other_filters_and_hides_its_contradiction()
    {
        await using var instance = await CreateAsync();
        await StoreAsync(instance, "mine", "select title from docs", "Mine");
        await StoreAsync(instance, "everyone", "select id from docs", "Everyone", isPrivate: false);

        var html = Page(await instance.Datasette.Client.GetAsync("/data/-/queries?q=i&is_private=1&_next=x", actor: Alice));
        var facets = HtmlAssert.Inner(html, "nav", "query-list-facets");
        Assert.Contains("<a class=\"query-list-facet-link active\" href=\"/data/-/queries?q=i\" aria-current=\"true\">Private <span class=\"query-list-facet-count\">1</span></a>", facets);
        Assert.DoesNotContain("Not private", facets);
        Assert.Contains("href=\"/data/-/queries?q=i&amp;is_private=1&amp;is_write=0\">Read-only <span class=\"query-list-facet-count\">1</span>", facets);
        Assert.Contains("<input type=\"hidden\" name=\"is_private\" value=\"1\">", html);

        // the JSON lists the same facets
        var json = (await instance.Datasette.Client.GetAsync("/data/-/queries.json?q=i&is_private=1", actor: Alice)).Json()!;
        Assert.Equal(
            """[{"title":"Mode","items":[{"label":"Read-only","count":1,"href":"/data/-/queries?q=i\u0026is_private=1\u0026is_write=0","active":false}]},{"title":"Visibility","items":[{"label":"Private","count":1,"href":"/data/-/queries?q=i","active":true}]}]""",
            json["facets"]!.ToJsonString());
    }

    [Fact]
    public async Task The_list_pages_by_twenty_with_a_next_link()
    {
        await using var instance = await CreateAsync();
        for (var i = 0; i < 21; i++)
        {
            await StoreAsync(instance, $"q{i:00}", "select 1", $"Q {i:00}", isPrivate: false);
        }
        var html = Page(await instance.Datasette.Client.GetAsync("/data/-/queries", actor: Alice));
        Assert.Equal(20, HtmlAssert.Inner(html, "tbody", "").Split("<tr>").Length - 1);
        Assert.Matches("<nav class=\"query-list-pagination\" aria-label=\"Query pages\"><a href=\"http://[^\"]+/data/-/queries\\?_next=[^\"]+\">Next page</a></nav>", html);
    }

    [Fact]
    public async Task The_edit_form_changes_the_title_through_the_api_checks()
    {
        await using var instance = await CreateAsync();
        await StoreAsync(instance, "titles", "select title from docs", "Titles");

        var form = Page(await instance.Datasette.Client.GetAsync("/data/titles/-/edit", actor: Alice));
        Assert.Contains("<h1>Edit query: Titles</h1>", form);
        Assert.Contains("<form class=\"sql core query-form\" action=\"/data/titles/-/edit\" method=\"post\"", form);
        Assert.Contains("<a class=\"query-url-static\" href=\"/data/titles\">/data/titles</a>", form);
        Assert.DoesNotContain("name=\"name\"", form);
        Assert.Contains("<button type=\"submit\">Save changes</button>", form);

        var saved = await PostFormAsync(instance, "/data/titles/-/edit", Alice,
            ("title", "New title"), ("description", ""), ("sql", "select title from docs "), ("is_private", "0"), ("is_private", "1"));
        Assert.Equal("/data/titles", saved.Header("Location"));
        Assert.Contains("<p class=\"message-info\">Query updated</p>", await FollowAsync(instance, saved, Alice));
        Assert.Equal("New title", instance.Datasette.Internal.Queries.Get("data", "titles")!.Title);
    }

    [Fact]
    public async Task An_edit_with_bad_sql_shows_the_form_again_and_changes_nothing()
    {
        await using var instance = await CreateAsync();
        await StoreAsync(instance, "titles", "select title from docs", "Titles");

        var html = Page(await PostFormAsync(instance, "/data/titles/-/edit", Alice, ("title", "Changed"), ("sql", "select * from nope")), 400);

        Assert.Contains("<p class=\"message-error\">Could not analyze query: no such table: nope</p>", html);
        Assert.Contains(">select * from nope</textarea>", html);
        Assert.Contains("value=\"Changed\"", HtmlAssert.Tag(html, "input", "id=\"query-title\""));
        Assert.Equal("Titles", instance.Datasette.Internal.Queries.Get("data", "titles")!.Title);
    }

    [Fact]
    public async Task Edit_and_delete_pages_of_another_actors_query_are_403_pages_and_missing_ones_404()
    {
        await using var instance = await CreateAsync();
        await StoreAsync(instance, "titles", "select title from docs", "Titles", isPrivate: false);

        foreach (var path in new[] { "/data/titles/-/edit", "/data/titles/-/delete" })
        {
            var refused = await instance.Datasette.Client.GetAsync(path, actor: Bob);
            Assert.True((403, "text/html; charset=utf-8") == (refused.Status, refused.ContentType), $"{path}: {refused.Status}");
            var missing = await instance.Datasette.Client.GetAsync(path.Replace("titles", "nope", StringComparison.Ordinal), actor: Alice);
            Assert.Equal((404, "text/html; charset=utf-8"), (missing.Status, missing.ContentType));
        }
        Assert.Equal(403, (await PostFormAsync(instance, "/data/titles/-/edit", Bob, ("title", "Bob's"))).Status);
        Assert.Equal("Titles", instance.Datasette.Internal.Queries.Get("data", "titles")!.Title);
    }

    [Fact]
    public async Task The_delete_page_asks_first_and_its_button_deletes()
    {
        await using var instance = await CreateAsync();
        await StoreAsync(instance, "titles", "select title from docs", "Titles");

        var html = Page(await instance.Datasette.Client.GetAsync("/data/titles/-/delete", actor: Alice));
        Assert.Contains("<h1>Delete query: Titles</h1>", html);
        Assert.Contains("<form class=\"core query-delete-form\" action=\"/data/titles/-/delete\" method=\"post\">", html);
        Assert.Contains("<button type=\"submit\" class=\"button-danger\">Delete</button>", html);
        Assert.Contains("<pre class=\"wrapped-sql\">select title from docs</pre>", html);
        Assert.NotNull(instance.Datasette.Internal.Queries.Get("data", "titles"));

        var deleted = await PostFormAsync(instance, "/data/titles/-/delete", Alice);
        Assert.Equal("/data", deleted.Header("Location"));
        Assert.Contains("Query “Titles” deleted", await FollowAsync(instance, deleted, Alice));
        Assert.Null(instance.Datasette.Internal.Queries.Get("data", "titles"));
    }

    [Theory]
    [InlineData("select title from docs", true)]
    [InlineData("select :_actor_id", false)]
    public async Task The_query_page_links_sql_it_could_store_to_the_save_form(string sql, bool linked)
    {
        await using var instance = await CreateAsync();
        var html = Page(await instance.Datasette.Client.GetAsync("/data/-/query?sql=" + Uri.EscapeDataString(sql), actor: Alice));
        var link = "<a class=\"save-query\" href=\"/data/-/queries/store?sql=" + WebUtility.HtmlEncode(Runtime.Http.QueryArgs.QuotePlus(sql)) + "\">Save this query</a>";
        Assert.Equal(linked, html.Contains(link, StringComparison.Ordinal));
        // the link reads as the URL it is: '+' for the spaces, not an entity
        if (linked)
        {
            Assert.Contains("?sql=select+title+from+docs\"", html);
        }
        // anonymous cannot store queries here
        var anonymous = Page(await instance.Datasette.Client.GetAsync("/data/-/query?sql=" + Uri.EscapeDataString(sql)));
        Assert.DoesNotContain("Save this query", anonymous);
    }

    public static TheoryData<string> PagesUnderTheDatabase => new()
    {
        "/data",
        "/data/docs",
        "/data/docs/1",
        "/data/-/query?sql=select+1",
        "/data/configured",
        "/data/-/execute-write",
        "/data/-/queries",
        "/data/-/queries/store?sql=select+1",
        "/data/mine/-/edit",
        "/data/mine/-/delete",
    };

    /// <summary>Every page placed in a database has the crumbs down to it: the mechanism, not page by page.</summary>
    [Theory]
    [MemberData(nameof(PagesUnderTheDatabase))]
    public async Task Every_page_under_a_database_has_its_database_crumb(string path)
    {
        await using var instance = await CreateAsync();
        await StoreAsync(instance, "mine", "select 1", "Mine");
        var root = PluginApiInstance.Actor("root");
        var actor = path.Contains("mine", StringComparison.Ordinal) ? Alice : root;
        var html = Page(await instance.Datasette.Client.GetAsync(path, actor: actor));
        var crumbs = HtmlAssert.Inner(html, "nav", "class=\"crumbs\"");
        Assert.Matches("^\\s*<a href=\"/\">home</a>\\s*<span[^>]*>/</span>\\s*<a href=\"/data\">data</a>", crumbs);
        Assert.Equal(path.StartsWith("/data/docs", StringComparison.Ordinal), crumbs.Contains("<a href=\"/data/docs\">docs</a>", StringComparison.Ordinal));
    }
}
