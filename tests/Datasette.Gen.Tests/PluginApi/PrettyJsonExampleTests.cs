using System.Threading.Tasks;
using Datasette.Gen.Examples.PrettyJson;
using Datasette.Gen.Runtime.Plugins;

namespace Datasette.Gen.Tests.PluginApi;

/// <summary>examples/Datasette.Gen.Examples.PrettyJson: JSON objects and arrays shown indented in a &lt;pre&gt;, everything else left alone.</summary>
public sealed class PrettyJsonExampleTests
{
    private const string Sql = """
        CREATE TABLE docs (id INTEGER PRIMARY KEY, body TEXT);
        INSERT INTO docs VALUES (1, '{"a": [1, 2], "b": "<x>"}');
        INSERT INTO docs VALUES (2, 'not json {');
        INSERT INTO docs VALUES (3, '{broken}');
        INSERT INTO docs VALUES (4, '42');
        INSERT INTO docs VALUES (5, ' [ "é" ] ');
        """;

    /// <summary>A registry with the plugin, wired as the generated code wires a [DatasetteHook] RenderCell(object? value).</summary>
    private static PluginRegistry Plugins() => new PluginRegistry()
        .AddPlugin(new PluginInfo("datasette-pretty-json", null, ["render_cell"]))
        .AddRenderCell("datasette-pretty-json", (row, value, column, table, pks, database, datasette, request, columnType) => new(PrettyJsonPlugin.RenderCell(value)));

    [Fact]
    public async Task Json_objects_and_arrays_are_indented_in_a_pre_and_other_cells_keep_the_default()
    {
        await using var instance = await PluginApiInstance.CreateAsync(plugins: Plugins(), databases: ("data", Sql));

        var table = await instance.Datasette.Client.GetAsync("/data/docs");
        var query = await instance.Datasette.Client.GetAsync("/data/-/query?sql=select+body+from+docs+where+id+=+5");

        Assert.Contains("<pre class=\"pretty-json\">{\n    &#34;a&#34;: [\n        1,\n        2\n    ],\n    &#34;b&#34;: &#34;&lt;x&gt;&#34;\n}</pre>", table.Text);
        Assert.Contains(">not json {</td>", table.Text);
        Assert.Contains(">{broken}</td>", table.Text);
        Assert.Contains(">42</td>", table.Text);
        Assert.Contains("<pre class=\"pretty-json\">[\n    &#34;é&#34;\n]</pre>", query.Text);
        Assert.Contains("\"render_cell\"", (await instance.Datasette.Client.GetAsync("/-/plugins.json")).Text);
    }

    [Fact]
    public void Only_text_is_rendered_and_json_nested_too_deep_falls_through()
    {
        Assert.Null(PrettyJsonPlugin.RenderCell(42L));
        Assert.Null(PrettyJsonPlugin.RenderCell(null));
        Assert.Null(PrettyJsonPlugin.RenderCell(new byte[] { 0x7b, 0x7d }));
        Assert.Null(PrettyJsonPlugin.RenderCell(new string('[', 100) + new string(']', 100)));
        Assert.Equal("<pre class=\"pretty-json\">{}</pre>", PrettyJsonPlugin.RenderCell("{}")!.Html);
    }
}
