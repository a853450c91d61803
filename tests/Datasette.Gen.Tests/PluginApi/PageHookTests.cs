using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json.Nodes;
using System.Threading.Tasks;
using Datasette.Gen.Runtime.Endpoints.Pages;
using Datasette.Gen.Runtime.Plugins;
using Datasette.Gen.Tests.Infrastructure;
using Microsoft.AspNetCore.Html;

namespace Datasette.Gen.Tests.PluginApi;

/// <summary>The page hooks (Datasette's page extras and template slots) change the HTML pages where Datasette's docs say they do.</summary>
public sealed class PageHookTests
{
    private const string StoredQuery = "databases:\n  data:\n    queries:\n      by_name:\n        sql: select name from people order by name\n";

    /// <summary>Every HTML page the slots apply to, with the one slot each shows.</summary>
    private static readonly (string Path, string Slot)[] Pages =
    [
        ("/", "top_homepage"),
        ("/data", "top_database"),
        ("/data/people", "top_table"),
        ("/data/people/1", "top_row"),
        ("/data/-/query?sql=select+1+as+one", "top_query"),
        ("/data/by_name", "top_stored_query"),
    ];

    /// <summary>An instance with the stored query <c>by_name</c>, saved as the server saves configured queries at start-up.</summary>
    private static async Task<PluginApiInstance> WithStoredQueryAsync(PluginRegistry plugins)
    {
        var instance = await PluginApiInstance.CreateAsync(StoredQuery, plugins);
        await instance.Datasette.Internal.Queries.SaveConfigQueriesAsync(instance.Datasette.Config);
        return instance;
    }

    private static ValueTask<IHtmlContent?> Block(string text) => new(new HtmlString("<div class=\"plugin-top\">" + text + "</div>"));

    [Fact]
    public async Task Extra_css_urls_come_before_the_configured_ones_each_once_with_sri()
    {
        var plugins = new PluginRegistry().AddExtraCssUrls("p", (_, _, _, _, _, _, _) => new(new PageAsset[]
        {
            "https://example.com/plugin.css",
            new("https://cdn.example.com/pinned.css", Sri: "sha384-abc"),
            "https://example.com/site.css",
        }));
        await using var instance = await PluginApiInstance.CreateAsync(
            "extra_css_urls:\n  - https://example.com/site.css\n  - https://example.com/config.css\n", plugins);

        var html = (await instance.Datasette.Client.GetAsync("/data/people")).Text;

        var links = Tags(html, "<link rel=\"stylesheet\"").Skip(1).ToList();
        Assert.Equal(
            [
                "<link rel=\"stylesheet\" href=\"https://example.com/plugin.css\">",
                "<link rel=\"stylesheet\" href=\"https://cdn.example.com/pinned.css\" integrity=\"sha384-abc\" crossorigin=\"anonymous\">",
                "<link rel=\"stylesheet\" href=\"https://example.com/site.css\">",
                "<link rel=\"stylesheet\" href=\"https://example.com/config.css\">",
            ],
            links);
    }

    [Fact]
    public async Task Extra_css_and_js_urls_under_the_base_url_and_escaped()
    {
        var plugins = new PluginRegistry()
            .AddExtraCssUrls("p", (_, _, _, _, _, _, _) => new(new PageAsset[] { "/-/static/plugin.css", "//cdn.example.com/x.css" }))
            .AddExtraJsUrls("p", (_, _, _, _, _, _, _) => new(new PageAsset[] { "https://example.com/a.js?x=\"><script>alert(1)</script>" }));
        await using var instance = await PluginApiInstance.CreateAsync("settings:\n  base_url: /prefix/\nextra_js_urls:\n  - /static/config.js\n", plugins);

        var html = (await instance.Datasette.Client.GetAsync("/data")).Text;

        Assert.Contains("<link rel=\"stylesheet\" href=\"/prefix/-/static/plugin.css\">", html);
        Assert.Contains("<link rel=\"stylesheet\" href=\"//cdn.example.com/x.css\">", html);
        Assert.Contains("<script src=\"https://example.com/a.js?x=&quot;&gt;&lt;script&gt;alert(1)&lt;/script&gt;\"></script>", html);
        Assert.DoesNotContain("<script>alert(1)", html);
        Assert.True(html.IndexOf("a.js?x=", StringComparison.Ordinal) < html.IndexOf("<script src=\"/prefix/static/config.js\"></script>", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Configured_urls_alone_get_the_base_url_and_are_listed_once()
    {
        await using var instance = await PluginApiInstance.CreateAsync(
            "settings:\n  base_url: /prefix/\nextra_css_urls:\n  - /static/site.css\n  - /static/site.css\n  - https://example.com/x.css\n");

        var html = (await instance.Datasette.Client.GetAsync("/data")).Text;

        Assert.Single(Tags(html, "<link rel=\"stylesheet\" href=\"/prefix/static/site.css\">"));
        Assert.Contains("<link rel=\"stylesheet\" href=\"https://example.com/x.css\">", html);
    }

    [Fact]
    public async Task Extra_js_urls_render_modules_and_integrity()
    {
        var plugins = new PluginRegistry().AddExtraJsUrls("p", (_, _, _, _, _, _, _) => new(new PageAsset[]
        {
            new("https://example.com/module.js", Module: true),
            new("https://example.com/pinned.js", Sri: "sha384-xyz"),
        }));
        await using var instance = await PluginApiInstance.CreateAsync(plugins: plugins);

        var html = (await instance.Datasette.Client.GetAsync("/")).Text;

        Assert.Contains("<script src=\"https://example.com/module.js\" type=\"module\"></script>", html);
        Assert.Contains("<script src=\"https://example.com/pinned.js\" integrity=\"sha384-xyz\" crossorigin=\"anonymous\"></script>", html);
    }

    [Fact]
    public async Task Extra_body_script_ends_the_body_as_a_script_or_module_that_cannot_close_early()
    {
        var plugins = new PluginRegistry()
            .AddExtraBodyScript("classic", (_, _, _, _, _, _, _) => new((BodyScript?)"var s = '</script><b>x</b>'; if (a < b) {}"))
            .AddExtraBodyScript("module", (_, _, _, _, _, _, _) => new(new BodyScript("import './x.js';", Module: true)))
            .AddExtraBodyScript("none", (_, _, _, _, _, _, _) => new((BodyScript?)null));
        await using var instance = await PluginApiInstance.CreateAsync(plugins: plugins);

        var html = (await instance.Datasette.Client.GetAsync("/data/people")).Text;

        var footer = html.IndexOf("</footer>", StringComparison.Ordinal);
        var classic = html.IndexOf("<script>var s = '<\\/script><b>x</b>'; if (a < b) {}</script>", StringComparison.Ordinal);
        var module = html.IndexOf("<script type=\"module\">import './x.js';</script>", StringComparison.Ordinal);
        Assert.True(footer > 0 && classic > footer && module > classic, html[Math.Max(0, footer)..]);
        Assert.True(module < html.IndexOf("</body>", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("/", "index.html", null, null, "index", "")]
    [InlineData("/data", "database.html", "data", null, "database", "")]
    [InlineData("/data/people", "table.html", "data", "people", "table", "id,name,email,homepage,age,notes")]
    [InlineData("/data/people/1", "row.html", "data", "people", "row", "id,name,email,homepage,age,notes")]
    [InlineData("/data/-/query?sql=select+1+as+one", "query.html", "data", null, "database", "one")]
    [InlineData("/data/by_name", "query.html", "data", null, "database", "name")]
    [InlineData("/-/messages", "messages_debug.html", null, null, "messages_debug", "")]
    [InlineData("/data/missing", "error.html", null, null, null, "")]
    public async Task Page_hooks_get_the_template_database_table_columns_and_view_name(string path, string template, string? database, string? table, string? viewName, string columns)
    {
        var seen = new List<string>();
        var plugins = new PluginRegistry().AddExtraBodyScript("p", (t, d, tb, c, v, request, datasette) =>
        {
            seen.Add(string.Join("|", t, d ?? "None", tb ?? "None", c is null ? "" : string.Join(",", c), v ?? "None", request.Path, datasette.Plugins.ExtraBodyScript.Count));
            return new((BodyScript?)null);
        });
        await using var instance = await WithStoredQueryAsync(plugins);

        await instance.Datasette.Client.GetAsync(path, actor: PluginApiInstance.Actor("root"));

        var pathOnly = path.Split('?')[0];
        Assert.Equal([string.Join("|", template, database ?? "None", table ?? "None", columns, viewName ?? "None", pathOnly, 1)], seen);
    }

    [Fact]
    public async Task Extra_template_vars_merge_in_plugin_order_into_a_read_only_bag()
    {
        var plugins = new PluginRegistry()
            .AddExtraTemplateVars("first", (_, _, table, _, _, request, _) => new(new TemplateVariables { ["user_agent"] = request.Header("User-Agent"), ["table"] = table, ["who"] = "first" }))
            .AddExtraTemplateVars("second", async (_, _, _, _, _, _, _) =>
            {
                await Task.Yield();
                return new TemplateVariables { ["who"] = "second", ["sql_first"] = (Func<string, string>)(sql => "ran " + sql) };
            });
        await using var instance = await PluginApiInstance.CreateAsync(plugins: plugins);
        var request = TestRequests.Get("/data/people", instance.Datasette);
        request.Context.Request.Headers.UserAgent = "tests/1.0";
        var chrome = PageChromes.Build(request, instance.Datasette, "people", "table", ["*table.html"], "data", "people", plugins: new PluginPageView("table", ["id"], TopSlot.Table));

        await chrome.PreparePluginsAsync();

        var variables = chrome.Plugins.Variables;
        Assert.Equal("tests/1.0", variables.Get<string>("user_agent"));
        Assert.Equal("people", variables["table"]);
        Assert.Equal("second", variables["who"]);
        Assert.Equal("ran select 1", variables.Get<Func<string, string>>("sql_first")!("select 1"));
        Assert.Equal(0, variables.Get("missing", 0));
        Assert.Throws<InvalidOperationException>(() => variables["who"] = "template");
        Assert.Throws<InvalidOperationException>(() => TemplateVariables.Empty.Add("x", 1));
    }

    [Fact]
    public async Task Without_page_hooks_a_page_asks_no_plugin()
    {
        await using var instance = await PluginApiInstance.CreateAsync(plugins: new PluginRegistry().AddStartup("p", _ => default));
        var request = TestRequests.Get("/data/people", instance.Datasette);

        var chrome = PageChromes.Build(request, instance.Datasette, "people", "table", ["*table.html"], "data", "people");

        Assert.False(instance.Datasette.Plugins.HasPageHooks);
        Assert.Null(chrome.PluginSource);
    }

    [Fact]
    public async Task Each_top_slot_shows_below_the_heading_of_its_own_page_only()
    {
        var arguments = new List<string>();
        var plugins = new PluginRegistry()
            .AddTopHomepage("p", (_, request) => Block("top_homepage"))
            .AddTopDatabase("p", (_, _, database) => Block("top_database " + database))
            .AddTopTable("p", (_, _, database, table) => Block("top_table " + database + "/" + table))
            .AddTopRow("p", (_, _, database, table, row) => Block("top_row " + database + "/" + table + " " + row["name"]))
            .AddTopQuery("p", (_, _, database, sql) => Block("top_query " + database + " " + sql))
            .AddTopStoredQuery("p", (_, _, database, query) => Block("top_stored_query " + database + " " + query));
        await using var instance = await WithStoredQueryAsync(plugins);

        foreach (var (path, slot) in Pages)
        {
            var html = (await instance.Datasette.Client.GetAsync(path)).Text;

            var blocks = Tags(html, "<div class=\"plugin-top\">").ToList();
            var block = Assert.Single(blocks);
            Assert.StartsWith("<div class=\"plugin-top\">" + slot + (slot == "top_homepage" ? "<" : " "), block);
            Assert.True(html.IndexOf("</h1>", StringComparison.Ordinal) < html.IndexOf(block, StringComparison.Ordinal), path);
            arguments.Add(html[(html.IndexOf(block, StringComparison.Ordinal) + "<div class=\"plugin-top\">".Length)..].Split('<')[0]);
        }

        Assert.Equal(
            ["top_homepage", "top_database data", "top_table data/people", "top_row data/people Ada", "top_query data select 1 as one", "top_stored_query data by_name"],
            arguments);
    }

    [Fact]
    public async Task Top_blocks_join_in_plugin_order_and_only_trusted_markup_is_unescaped()
    {
        var plugins = new PluginRegistry()
            .AddTopTable("markup", (_, _, _, table) => new(new HtmlString("<p class=\"a\">" + table + "</p>")))
            .AddTopTable("nothing", (_, _, _, _) => new((IHtmlContent?)null))
            .AddTopTable("built", (_, _, _, _) => new(new HtmlContentBuilder().AppendHtml("<p class=\"b\">").Append("<script>alert(1)</script>").AppendHtml("</p>")));
        await using var instance = await PluginApiInstance.CreateAsync(plugins: plugins);

        var html = (await instance.Datasette.Client.GetAsync("/data/people")).Text;

        Assert.Contains("<p class=\"a\">people</p><p class=\"b\">&lt;script&gt;alert(1)&lt;/script&gt;</p>", html);
    }

    [Fact]
    public async Task A_failing_page_hook_answers_with_an_error_page()
    {
        var plugins = new PluginRegistry().AddTopTable("broken", (_, _, _, _) => throw new InvalidOperationException("plugin bug"));
        await using var instance = await PluginApiInstance.CreateAsync(plugins: plugins);

        var response = await instance.Datasette.Client.GetAsync("/data/people");

        Assert.Equal(500, response.Status);
        Assert.Contains("plugin bug", response.Text);
        Assert.EndsWith("</html>\n", response.Text);
    }

    [Fact]
    public async Task A_failing_asset_hook_still_leaves_a_bare_error_page()
    {
        var plugins = new PluginRegistry().AddExtraCssUrls("broken", (_, _, _, _, _, _, _) => throw new InvalidOperationException("plugin bug"));
        await using var instance = await PluginApiInstance.CreateAsync(plugins: plugins);

        var response = await instance.Datasette.Client.GetAsync("/data/people");

        Assert.Equal(500, response.Status);
        Assert.Contains("plugin bug", response.Text);
    }

    /// <summary>Each occurrence of an element starting with <paramref name="start"/>, up to its closing tag or the end of the start tag.</summary>
    private static IEnumerable<string> Tags(string html, string start)
    {
        for (var i = html.IndexOf(start, StringComparison.Ordinal); i >= 0; i = html.IndexOf(start, i + 1, StringComparison.Ordinal))
        {
            var end = start.StartsWith("<div", StringComparison.Ordinal) ? html.IndexOf("</div>", i, StringComparison.Ordinal) + "</div>".Length : html.IndexOf('>', i) + 1;
            yield return html[i..end];
        }
    }
}
