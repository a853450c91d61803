using System.Collections.Generic;
using System.Linq;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using System.Threading.Tasks;
using Datasette.Gen.Runtime.Plugins;

namespace Datasette.Gen.Tests.PluginApi;

/// <summary>
/// <c>?_extra=render_cell</c> on the table, row and query JSON: per row, the cells a column type or a render_cell
/// plugin rendered to something truthy, keyed by column; the HTML pages call the same plugins with the same arguments.
/// </summary>
public sealed class RenderCellExtraTests
{
    private const string AdaHtml = "<b class=\"shout\">ADA</b>";

    /// <summary>Ada's name rendered; ages rendered empty (falsy: left out, and the HTML shows the default); every call recorded.</summary>
    private static PluginRegistry Plugins(List<string> calls) => new PluginRegistry().AddRenderCell("shout", (row, value, column, table, pks, database, _, request, columnType) =>
    {
        lock (calls)
        {
            calls.Add($"{(request.Path.Contains(".json") ? "json" : "html")} {database}/{table ?? "-"}/{column}={value}:{value?.GetType().Name}"
                + $" row.id={row.GetValueOrDefault("id")}:{row.GetValueOrDefault("id")?.GetType().Name} pks={string.Join(",", pks)} type={columnType?.Name}");
        }
        return ValueTask.FromResult(column == "name" && value is "Ada" ? Markup.Trusted(AdaHtml) : column == "age" ? Markup.Trusted("") : null);
    });

    private static async Task<JsonNode> ExtraAsync(PluginApiInstance instance, string path)
    {
        var response = await instance.Datasette.Client.GetAsync(path);
        Assert.True(response.Status == 200, $"{path}: {response.Status}\n{response.Text}");
        return JsonNode.Parse(response.Text)!["render_cell"]!;
    }

    private static async Task<string> HtmlAsync(PluginApiInstance instance, string path)
    {
        var response = await instance.Datasette.Client.GetAsync(path);
        Assert.True(response.Status == 200, $"{path}: {response.Status}");
        return response.Text;
    }

    private static List<string> Cells(string html, string column) =>
        Regex.Matches(html, $"<td class=\"col-{column} [^\"]*\"[^>]*>(?:<strong>)?(.*?)(?:</strong>)?</td>", RegexOptions.Singleline).Select(m => m.Groups[1].Value).ToList();

    private static List<string> Calls(List<string> calls, string kind, string prefix) =>
        calls.Where(c => c.StartsWith(kind + " " + prefix, System.StringComparison.Ordinal)).Select(c => c[(kind.Length + 1)..]).Order(System.StringComparer.Ordinal).ToList();

    [Fact]
    public async Task Table_row_and_query_json_list_exactly_the_rendered_cells_as_their_html_shows_them()
    {
        var calls = new List<string>();
        await using var instance = await PluginApiInstance.CreateAsync(plugins: Plugins(calls));
        await instance.Datasette.SetColumnTypeAsync("data", "people", "email", "email");
        const string ada = "<a href=\"mailto:ada@example.com\">ada@example.com</a>";
        const string bob = "<a href=\"mailto:bob\">bob</a>";

        var table = await ExtraAsync(instance, "/data/people.json?_extra=render_cell");
        var row = await ExtraAsync(instance, "/data/people/1.json?_extra=render_cell");
        var query = await ExtraAsync(instance, "/data/-/query.json?sql=select+id,+name,+email,+age+from+people+order+by+id&_extra=render_cell");

        Assert.Equal(Text(new JsonArray(new JsonObject { ["name"] = AdaHtml, ["email"] = ada }, new JsonObject { ["email"] = bob })), Text(table));
        Assert.Equal(Text(new JsonArray(new JsonObject { ["name"] = AdaHtml, ["email"] = ada })), Text(row));
        // a query has no table, so no column type: only the plugin's rendering
        Assert.Equal(Text(new JsonArray(new JsonObject { ["name"] = AdaHtml }, new JsonObject())), Text(query));

        var tableHtml = await HtmlAsync(instance, "/data/people");
        var rowHtml = await HtmlAsync(instance, "/data/people/1");
        var queryHtml = await HtmlAsync(instance, "/data/-/query?sql=select+id,+name,+email,+age+from+people+order+by+id");
        Assert.Equal([AdaHtml, "Bob"], Cells(tableHtml, "name"));
        Assert.Equal([ada, bob], Cells(tableHtml, "email"));
        Assert.Equal([AdaHtml], Cells(rowHtml, "name"));
        Assert.Equal([AdaHtml, "Bob"], Cells(queryHtml, "name"));
        Assert.Equal(["36", "41"], Cells(tableHtml, "age"));

        // The same plugin calls, with the same arguments, whether the page is HTML or JSON: integers as long.
        Assert.Equal(Calls(calls, "html", "data/people/"), Calls(calls, "json", "data/people/"));
        Assert.Equal(Calls(calls, "html", "data/-/"), Calls(calls, "json", "data/-/"));
        Assert.Contains("json data/people/id=1:Int64 row.id=1:Int64 pks=id type=", calls);
        Assert.Contains("json data/people/notes=: row.id=1:Int64 pks=id type=", calls);
        Assert.Contains("json data/-/age=41:Int64 row.id=2:Int64 pks= type=", calls);
        // the column type rendered email itself: the plugin was never asked for it
        Assert.DoesNotContain(calls, c => c.Contains("/email=", System.StringComparison.Ordinal) && c.Contains("data/people/", System.StringComparison.Ordinal));
    }

    [Fact]
    public async Task Plain_text_is_escaped_in_the_html_and_kept_as_text_in_the_json()
    {
        var plugins = new PluginRegistry().AddRenderCell("text", (_, value, column, _, _, _, _, _, _) =>
            ValueTask.FromResult(column == "name" && value is "Bob" ? Markup.Text("<i>B & b</i>") : null));
        await using var instance = await PluginApiInstance.CreateAsync(plugins: plugins);

        var json = await ExtraAsync(instance, "/data/people.json?_extra=render_cell");
        var html = await HtmlAsync(instance, "/data/people");

        // Datasette's str(value) of a plain string: the text; its template escapes the same value.
        Assert.Equal(Text(new JsonArray(new JsonObject(), new JsonObject { ["name"] = "<i>B & b</i>" })), Text(json));
        Assert.Equal(["Ada", "&lt;i&gt;B &amp; b&lt;/i&gt;"], Cells(html, "name"));
    }

    [Fact]
    public async Task A_table_without_a_primary_key_passes_rowid_as_pks_and_a_view_none()
    {
        var calls = new List<string>();
        await using var instance = await PluginApiInstance.CreateAsync(plugins: Plugins(calls));

        await ExtraAsync(instance, "/data/plain.json?_extra=render_cell");
        await ExtraAsync(instance, "/data/adults.json?_extra=render_cell");

        Assert.Contains(calls, c => c.StartsWith("json data/plain/t=rowid one:String", System.StringComparison.Ordinal) && c.EndsWith("pks=rowid type=", System.StringComparison.Ordinal));
        Assert.Contains(calls, c => c.StartsWith("json data/adults/name=Ada:String", System.StringComparison.Ordinal) && c.EndsWith("pks= type=", System.StringComparison.Ordinal));
    }

    [Fact]
    public async Task Without_plugins_or_column_types_each_row_is_an_empty_object()
    {
        await using var instance = await PluginApiInstance.CreateAsync();

        Assert.Equal("[{},{}]", Text(await ExtraAsync(instance, "/data/people.json?_extra=render_cell")));
        Assert.Equal("[{}]", Text(await ExtraAsync(instance, "/data/people/2.json?_extra=render_cell")));
        Assert.Equal("[{},{}]", Text(await ExtraAsync(instance, "/data/-/query.json?sql=select+*+from+people&_extra=render_cell")));
        Assert.Equal("[]", Text(await ExtraAsync(instance, "/data/people.json?_extra=render_cell&age=1")));
    }

    private static string Text(JsonNode node) => node.ToJsonString(new System.Text.Json.JsonSerializerOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping });
}
