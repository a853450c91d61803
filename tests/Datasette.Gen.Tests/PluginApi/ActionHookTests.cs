using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using System.Threading.Tasks;
using Datasette.Gen.Runtime;
using Datasette.Gen.Runtime.ColumnTypes;
using Datasette.Gen.Runtime.Plugins;

namespace Datasette.Gen.Tests.PluginApi;

/// <summary>The Actions group of hooks where Datasette calls them: render_cell on the HTML pages, menu_links in the nav menu, *_actions in each page's menu.</summary>
public sealed class ActionHookTests
{
    private static readonly JsonObject Root = PluginApiInstance.Actor("root");

    private static async Task<string> PageAsync(PluginApiInstance instance, string path, JsonObject? actor = null)
    {
        var response = await instance.Datasette.Client.GetAsync(path, actor: actor);
        Assert.True(response.Status == 200, $"{path}: {response.Status}\n{response.Text}");
        return response.Text;
    }

    /// <summary>The cell of <paramref name="column"/> in each row, inner HTML.</summary>
    private static List<string> Cells(string html, string column) =>
        Regex.Matches(html, $"<td class=\"col-{column} [^\"]*\"[^>]*>(.*?)</td>", RegexOptions.Singleline).Select(m => m.Groups[1].Value).ToList();

    [Fact]
    public async Task Render_cell_replaces_cells_on_the_table_row_and_query_pages_and_null_falls_through()
    {
        var calls = new List<string>();
        var plugins = new PluginRegistry().AddRenderCell("shout", (row, value, column, table, pks, database, _, request, _) =>
        {
            lock (calls)
            {
                calls.Add($"{database}/{table ?? "-"}/{column} pks={string.Join(",", pks)} id={row.GetValueOrDefault("id")} path={request.Path}");
            }
            return ValueTask.FromResult(column == "name" && value is "Ada" ? Markup.Trusted("<b class=\"shout\">ADA</b>") : null);
        });
        await using var instance = await PluginApiInstance.CreateAsync(plugins: plugins);

        var table = await PageAsync(instance, "/data/people");
        var row = await PageAsync(instance, "/data/people/1");
        var query = await PageAsync(instance, "/data/-/query?sql=select+id,+name+from+people+order+by+id");

        Assert.Equal(["<b class=\"shout\">ADA</b>", "Bob"], Cells(table, "name"));
        Assert.Equal(["<b class=\"shout\">ADA</b>"], Cells(row, "name"));
        Assert.Equal(["<b class=\"shout\">ADA</b>", "Bob"], Cells(query, "name"));
        // other columns kept their default rendering
        Assert.Contains("<a href=\"https://ada.example\">https://ada.example</a>", table);
        Assert.Contains("data/people/name pks=id id=1 path=/data/people", calls);
        Assert.Contains("data/-/name pks= id=2 path=/data/-/query", calls);
    }

    [Fact]
    public async Task Render_cell_asks_plugins_in_order_until_one_answers_and_may_be_asynchronous()
    {
        var plugins = new PluginRegistry()
            .AddRenderCell("first", (_, value, column, _, _, _, _, _, _) => ValueTask.FromResult(value is "Bob" ? Markup.Text("first") : null))
            .AddRenderCell("second", async (_, value, column, _, _, _, _, _, _) =>
            {
                await Task.Yield();
                return column == "name" ? Markup.Text("second:" + value) : null;
            });
        await using var instance = await PluginApiInstance.CreateAsync(plugins: plugins);

        Assert.Equal(["second:Ada", "first"], Cells(await PageAsync(instance, "/data/people"), "name"));
    }

    [Fact]
    public async Task Render_cell_text_is_escaped_and_only_trusted_markup_is_written_as_is()
    {
        var plugins = new PluginRegistry().AddRenderCell("p", (_, value, column, _, _, _, _, _, _) => ValueTask.FromResult(
            column == "name" ? value is "Ada" ? Markup.Text("<script>alert(1)</script>") : Markup.Trusted("<em>bob</em>") : null));
        await using var instance = await PluginApiInstance.CreateAsync(plugins: plugins);

        var cells = Cells(await PageAsync(instance, "/data/people"), "name");

        Assert.Equal(["&lt;script&gt;alert(1)&lt;/script&gt;", "<em>bob</em>"], cells);
    }

    [Fact]
    public async Task Render_cell_comes_after_the_column_types_rendering_and_is_told_the_column_type()
    {
        var seen = new List<string>();
        var plugins = new PluginRegistry().AddRenderCell("p", (_, _, column, _, _, _, _, _, columnType) =>
        {
            lock (seen)
            {
                seen.Add(column + ":" + (columnType?.Name ?? "none"));
            }
            return ValueTask.FromResult<Markup?>(Markup.Text("plugin"));
        });
        await using var instance = await PluginApiInstance.CreateAsync(plugins: plugins);
        await instance.Datasette.SetColumnTypeAsync("data", "people", "email", "email");
        await instance.Datasette.SetColumnTypeAsync("data", "people", "homepage", "json");

        var html = await PageAsync(instance, "/data/people");

        // the email type renders its values; the json type declines non-JSON text, so the plugin gets it, told the type
        Assert.Equal(["<a href=\"mailto:ada@example.com\">ada@example.com</a>", "<a href=\"mailto:bob\">bob</a>"], Cells(html, "email"));
        Assert.Equal(["plugin", "plugin"], Cells(html, "homepage"));
        Assert.Contains("homepage:json", seen);
        Assert.Contains("name:none", seen);
        Assert.DoesNotContain("email:email", seen);
    }

    [Fact]
    public async Task Menu_links_appear_in_the_nav_menu_for_the_actor_they_are_for()
    {
        var plugins = new PluginRegistry().AddMenuLinks("admin", (datasette, actor, _) => ValueTask.FromResult<IEnumerable<MenuLink>?>(
            actor?["id"]?.GetValue<string>() == "root" ? [new MenuLink("/-/admin?x=<1>", "Admin <panel>")] : null));
        await using var instance = await PluginApiInstance.CreateAsync(plugins: plugins);

        var asRoot = await PageAsync(instance, "/data/people", Root);
        var anonymous = await PageAsync(instance, "/data/people");

        var menu = HtmlInner(asRoot, "<div class=\"nav-menu-inner\"", "</div>");
        Assert.Contains("<li role=\"none\"><a role=\"menuitem\" href=\"/-/admin?x=&lt;1&gt;\">Admin &lt;panel&gt;</a></li>", menu);
        Assert.DoesNotContain("Admin", anonymous);
        Assert.Contains("Admin &lt;panel&gt;", await PageAsync(instance, "/", Root));
    }

    private static string HtmlInner(string html, string start, string end)
    {
        var from = html.IndexOf(start, StringComparison.Ordinal);
        Assert.True(from >= 0, "no " + start);
        return html[from..html.IndexOf(end, from, StringComparison.Ordinal)];
    }

    private static IEnumerable<ActionMenuItem> Item(string hook) => [ActionMenuItem.Link("/-/" + hook, hook + " item", "from " + hook)];

    [Fact]
    public async Task Each_actions_hook_fills_the_menu_of_its_own_page_only()
    {
        var asked = new List<string>();
        var plugins = new PluginRegistry()
            .AddHomepageActions("p", (_, _, _) => ValueTask.FromResult<IEnumerable<ActionMenuItem>?>(Item("homepage")))
            .AddDatabaseActions("p", (_, _, database, _) => ValueTask.FromResult<IEnumerable<ActionMenuItem>?>(Item("database")))
            .AddTableActions("p", (_, _, database, table, _) =>
            {
                asked.Add($"table {database}/{table}");
                return ValueTask.FromResult<IEnumerable<ActionMenuItem>?>(Item("table"));
            })
            .AddViewActions("p", (_, _, database, view, _) =>
            {
                asked.Add($"view {database}/{view}");
                return ValueTask.FromResult<IEnumerable<ActionMenuItem>?>(Item("view"));
            })
            .AddRowActions("p", (_, actor, _, database, table, row) =>
            {
                asked.Add($"row {database}/{table} {row["name"]} by {actor?["id"]}");
                return ValueTask.FromResult<IEnumerable<ActionMenuItem>?>(Item("row"));
            })
            .AddQueryActions("p", (_, _, database, queryName, _, sql, parameters) =>
            {
                asked.Add($"query {database} {queryName ?? "-"} {sql} {string.Join(",", parameters.Select(p => p.Key + "=" + p.Value))}");
                return ValueTask.FromResult<IEnumerable<ActionMenuItem>?>(Item("query"));
            });
        await using var instance = await PluginApiInstance.CreateAsync(plugins: plugins);
        string[] hooks = ["homepage", "database", "table", "view", "row", "query"];

        var pages = new Dictionary<string, (string Path, string Title)>
        {
            ["homepage"] = ("/", "Homepage actions"),
            ["database"] = ("/data", "Database actions"),
            ["table"] = ("/data/people", "Table actions"),
            ["view"] = ("/data/adults", "View actions"),
            ["row"] = ("/data/people/1", "Row actions"),
            ["query"] = ("/data/-/query?sql=select+:n+as+n&n=3", "Query actions"),
        };
        foreach (var (hook, (path, title)) in pages)
        {
            var html = await PageAsync(instance, path, Root);
            var menu = HtmlInner(html, "<details class=\"actions-menu details-menu\">", "</details>");
            Assert.Contains($"<span>{title}</span>", menu);
            Assert.Contains($"<div class=\"actions-menu-inner\" role=\"menu\" aria-label=\"{title}\">", menu);
            Assert.Contains($"<li role=\"none\"><a role=\"menuitem\" href=\"/-/{hook}\">{hook} item<span class=\"description\">from {hook}</span></a></li>", menu);
            foreach (var other in hooks.Where(h => h != hook))
            {
                Assert.DoesNotContain(other + " item", html);
            }
        }
        Assert.Equal(["table data/people", "view data/adults", "row data/people Ada by root", "query data - select :n as n n=3"], asked);
    }

    [Fact]
    public async Task An_action_menu_without_items_is_not_shown()
    {
        var plugins = new PluginRegistry().AddTableActions("p", (_, _, _, _, _) => ValueTask.FromResult<IEnumerable<ActionMenuItem>?>(null))
            .AddHomepageActions("p", (_, _, _) => ValueTask.FromResult<IEnumerable<ActionMenuItem>?>([]));
        await using var instance = await PluginApiInstance.CreateAsync(plugins: plugins);

        Assert.DoesNotContain("actions-menu", await PageAsync(instance, "/data/people"));
        Assert.DoesNotContain("actions-menu", await PageAsync(instance, "/"));
    }

    [Fact]
    public async Task Button_items_carry_their_attributes_escaped_and_refuse_names_that_could_break_the_tag()
    {
        var plugins = new PluginRegistry().AddTableActions("p", (_, _, database, table, _) => ValueTask.FromResult<IEnumerable<ActionMenuItem>?>(
            [ActionMenuItem.Button("Show <name>", "Opens a dialog", new Dictionary<string, string> { ["data-plugin-action"] = "show", ["data-table"] = table + "\"><x>" })]));
        await using var instance = await PluginApiInstance.CreateAsync(plugins: plugins);

        var html = await PageAsync(instance, "/data/people");

        Assert.Contains("<button type=\"button\" class=\"action-menu-button\" role=\"menuitem\" data-plugin-action=\"show\" data-table=\"people&quot;&gt;&lt;x&gt;\">Show &lt;name&gt;<span class=\"description\">Opens a dialog</span></button>", html);
        Assert.Throws<ArgumentException>(() => ActionMenuItem.Button("x", attributes: [KeyValuePair.Create("onclick=\"alert(1)\" x", "y")]));
        Assert.Throws<ArgumentException>(() => ActionMenuItem.Button("x", attributes: [KeyValuePair.Create("", "y")]));
    }

    [Fact]
    public async Task The_database_menu_links_to_execute_write_for_actors_allowed_to_write()
    {
        await using var instance = await PluginApiInstance.CreateAsync("{}", null, new DatasetteOptions { RootEnabled = true, Secret = "s" });

        var asRoot = await PageAsync(instance, "/data", Root);
        var anonymous = await PageAsync(instance, "/data");

        Assert.Contains("<a role=\"menuitem\" href=\"/data/-/execute-write\">Execute write SQL<span class=\"description\">Run writable SQL with table permission checks.</span></a>", asRoot);
        Assert.DoesNotContain("actions-menu", anonymous);
    }

    [Fact]
    public async Task A_failing_menu_hook_is_an_error_page_not_a_cut_off_page()
    {
        var plugins = new PluginRegistry().AddMenuLinks("broken", (_, _, _) => throw new InvalidOperationException("menu plugin failed"));
        await using var instance = await PluginApiInstance.CreateAsync(plugins: plugins);

        var response = await instance.Datasette.Client.GetAsync("/data/people");

        Assert.Equal(500, response.Status);
        Assert.DoesNotContain("<table", response.Text);
    }
}
