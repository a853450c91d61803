using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json.Nodes;
using System.Threading.Tasks;
using Datasette.Gen.Runtime.Http;
using Datasette.Gen.Runtime.Plugins;
using Datasette.Gen.Runtime.Querying;

namespace Datasette.Gen.Tests.PluginApi;

/// <summary>The API group of hooks (register_output_renderer, register_facet_classes, filters_from_request, register_magic_parameters, jump_items_sql) doing what Datasette's docs say.</summary>
public sealed class ApiHookTests
{
    private static OutputRenderer Counting(OutputCanRenderHandler? canRender = null) => new("count", context =>
        new ValueTask<DatasetteResponse?>(DatasetteResponse.Text($"{context.ViewName}:{context.Table}:{context.Columns.Count}x{context.Rows.Count}:{context.QueryName}:{context.Error}")),
        canRender);

    [Fact]
    public async Task Register_output_renderer_answers_its_extension_on_table_query_and_row_pages()
    {
        var plugins = new PluginRegistry().AddRegisterOutputRenderer("p", _ => new[] { Counting() });
        await using var instance = await PluginApiInstance.CreateAsync(plugins: plugins);
        var client = instance.Datasette.Client;

        var table = await client.GetAsync("/data/people.count?age__gt=40");
        Assert.Equal(200, table.Status);
        Assert.Equal("table:people:6x1::", table.Text);
        Assert.Equal("database::2x1::", (await client.GetAsync("/data/-/query.count?sql=select+1+as+a,+2+as+b")).Text);
        Assert.Equal("database::0x0::no such table: nope", (await client.GetAsync("/data/-/query.count?sql=select+*+from+nope")).Text);
        Assert.Equal("row:people:6x1::", (await client.GetAsync("/data/people/1.count")).Text);
        // An extension no renderer claims keeps its 404.
        Assert.Equal(404, (await client.GetAsync("/data/people.nope")).Status);
    }

    [Fact]
    public async Task Register_output_renderer_links_pages_to_formats_that_can_render_them()
    {
        var plugins = new PluginRegistry()
            .AddRegisterOutputRenderer("p", _ => new[]
            {
                Counting(context => new ValueTask<bool>(context.Columns.Contains("email"))),
            });
        await using var instance = await PluginApiInstance.CreateAsync(plugins: plugins);
        var client = instance.Datasette.Client;

        Assert.Contains("<a href=\"/data/people.count\">count</a>", (await client.GetAsync("/data/people")).Text);
        Assert.DoesNotContain("plain.count", (await client.GetAsync("/data/plain")).Text);
        var renderers = (await client.GetAsync("/data/people.json?_extra=renderers")).Json()!["renderers"]!.AsObject();
        Assert.Equal(new[] { "json", "count" }, renderers.Select(p => p.Key));
        Assert.Equal("/data/people.json?_extra=renderers&_format=count", (string?)renderers["count"]);
        Assert.Contains("href=\"/data/-/query.count?sql=", (await client.GetAsync("/data/-/query?sql=select+email+from+people")).Text);
        Assert.DoesNotContain("query.count", (await client.GetAsync("/data/-/query?sql=select+name+from+people")).Text);
        // The format still answers where it is not linked.
        Assert.Equal(200, (await client.GetAsync("/data/plain.count")).Status);
    }

    [Fact]
    public async Task Register_output_renderer_null_is_404_and_a_throwing_renderer_is_a_500_page()
    {
        var plugins = new PluginRegistry().AddRegisterOutputRenderer("p", _ => new[]
        {
            new OutputRenderer("none", _ => new ValueTask<DatasetteResponse?>((DatasetteResponse?)null)),
            new OutputRenderer("boom", _ => throw new InvalidOperationException("renderer failed")),
        });
        await using var instance = await PluginApiInstance.CreateAsync(plugins: plugins);
        var client = instance.Datasette.Client;

        var none = await client.GetAsync("/data/people.none");
        Assert.Equal(404, none.Status);
        Assert.Contains("No data", none.Text);
        var boom = await client.GetAsync("/data/people.boom");
        Assert.Equal(500, boom.Status);
        Assert.Contains("renderer failed", boom.Text);
        Assert.Equal(200, (await client.GetAsync("/data/people.json")).Status);
    }

    /// <summary>A facet type over the length of a column's text.</summary>
    private sealed class LengthFacet : FacetClass
    {
        public override string Type => "length";

        public override IEnumerable<FacetClassSuggestion> Suggest(FacetInput input) =>
            input.Columns.Contains("name") && !input.Args.Pairs.Any(p => p.Key == "_facet_length")
                ? new[] { new FacetClassSuggestion("name", input.UrlAdding("_facet_length", "name")) }
                : Array.Empty<FacetClassSuggestion>();

        public override FacetClassResult FacetResults(FacetInput input, string column)
        {
            var rows = input.Execute($"select length(\"{column}\") as n, count(*) from ({input.Sql}) group by n order by n limit {input.FacetSize + 1}");
            var values = rows.Take(input.FacetSize)
                .Select(r => new FacetClassValue(r[0], r[0], (long)r[1]!, input.UrlAdding(column + "__length", r[0]!.ToString()!), false))
                .ToList();
            return new FacetClassResult(values, rows.Count > input.FacetSize);
        }
    }

    [Fact]
    public async Task Register_facet_classes_adds_a_facet_type_asked_for_by_facet_type_arguments()
    {
        var plugins = new PluginRegistry().AddRegisterFacetClasses("p", () => new FacetClass[] { new LengthFacet() });
        await using var instance = await PluginApiInstance.CreateAsync(plugins: plugins);
        var client = instance.Datasette.Client;

        var page = (await client.GetAsync("/data/people.json?_facet_length=name&age__gt=40")).Json()!;
        var facet = page["facet_results"]!["results"]!["name"]!;
        Assert.Equal("length", (string?)facet["type"]);
        Assert.Equal("name", (string?)facet["name"]);
        // The facet sees the page's filters: only Bob (length 3) is over 40.
        var value = Assert.Single(facet["results"]!.AsArray())!;
        Assert.Equal(3, (int)value["value"]!);
        Assert.Equal(1, (int)value["count"]!);
        Assert.Equal("http://localhost/data/people.json?_facet_length=name&age__gt=40&name__length=3", (string?)value["toggle_url"]);
        Assert.Equal("/data/people.json?age__gt=40", (string?)facet["toggle_url"]);

        var suggested = (await client.GetAsync("/data/people.json?_extra=suggested_facets")).Json()!["suggested_facets"]!.AsArray();
        Assert.Contains(suggested, s => (string?)s!["type"] == "length" && (string?)s["name"] == "name");
        Assert.Contains("<span class=\"facet-name\">name (length)</span>", (await client.GetAsync("/data/people?_facet_length=name")).Text);
    }

    [Fact]
    public async Task Filters_from_request_filters_rows_count_facets_and_descriptions_with_bound_parameters()
    {
        var plugins = new PluginRegistry().AddFiltersFromRequest("p", (request, database, table, _) =>
            new ValueTask<FilterArguments?>(request.Args.Get("_min_age") is { } min && table == "people"
                ? new FilterArguments(["age >= :min_age"]) { Params = new Dictionary<string, object?> { ["min_age"] = min }, HumanDescriptions = [$"age at least {min}"] }
                : null));
        await using var instance = await PluginApiInstance.CreateAsync(plugins: plugins);
        var client = instance.Datasette.Client;

        var page = (await client.GetAsync("/data/people.json?_min_age=40&_extra=count,human_description_en&_facet=name")).Json()!;
        Assert.Equal("[\"Bob\"]", new JsonArray(page["rows"]!.AsArray().Select(r => (JsonNode?)(string?)r!["name"]).ToArray()).ToJsonString());
        Assert.Equal(1, (int)page["count"]!);
        Assert.Equal("where age at least 40", (string?)page["human_description_en"]);
        Assert.Single(page["facet_results"]!["results"]!["name"]!["results"]!.AsArray());
        // The value is a parameter, never SQL: "0 or 1=1" is one text value (SQLite sorts text above every
        // number, so no age reaches it), where splicing it into the SQL would have matched both rows.
        var injected = (await client.GetAsync("/data/people.json?_min_age=0+or+1%3D1&_extra=count")).Json()!;
        Assert.Equal(0, (int)injected["count"]!);
        Assert.Contains("age at least 40", (await client.GetAsync("/data/people?_min_age=40")).Text);
        Assert.Equal("id,name,email,homepage,age,notes\r\n2,Bob,bob,ftp://bob,41,x\r\n", (await client.GetAsync("/data/people.csv?_min_age=40")).Text);
        // Other tables are left alone.
        Assert.Single((await client.GetAsync("/data/plain.json?_min_age=40")).Json()!["rows"]!.AsArray());
    }

    [Fact]
    public async Task Register_magic_parameters_fills_prefixed_parameters_of_stored_queries()
    {
        var plugins = new PluginRegistry().AddRegisterMagicParameters("p", _ => new[]
        {
            new MagicParameter("upper", (key, _) => key == "missing" ? throw new KeyNotFoundException(key) : new ValueTask<object?>(key.ToUpperInvariant())),
        });
        const string Yaml = """
            databases:
              data:
                queries:
                  shout: "select :_upper_hello as v, :_now_epoch > 0 as built_in"
                  unknown: "select :_upper_missing as v"
            """;
        await using var instance = await PluginApiInstance.CreateAsync(Yaml, plugins);
        // The host saves configured queries at start-up; this instance has no host.
        await instance.Datasette.Internal.Queries.SaveConfigQueriesAsync(instance.Datasette.Config);
        var client = instance.Datasette.Client;

        Assert.Equal("[{\"v\":\"HELLO\",\"built_in\":1}]", (await client.GetAsync("/data/shout.json?_shape=array")).Text);
        var unknown = await client.GetAsync("/data/unknown.json");
        Assert.Equal(400, unknown.Status);
        Assert.Contains("Unknown magic parameter :_upper_missing", unknown.Text);
    }

    [Fact]
    public async Task Jump_items_sql_adds_searchable_items_to_the_jump_menu()
    {
        var plugins = new PluginRegistry().AddJumpItemsSql("p", (_, actor, _) => new[]
        {
            JumpSql.MenuItem("plugin-dashboard", "/-/dashboard", "Review plugin status", displayName: "Plugin dashboard", itemType: "dashboard"),
            // Two fragments both using :x, on a data database, with a url naming a datasette.urls method.
            new JumpSql("select 'person' as type, name as label, null as description, json_object('method', 'row', 'database', 'data', 'table', 'people', 'row_path', id) as url, "
                + "name || ' ' || :x as search_text, null as display_name from people where id = 1", new Dictionary<string, object?> { ["x"] = "first" }, "data"),
            new JumpSql("select 'person' as type, name as label, null as description, '/p/' || id as url, name || ' ' || :x as search_text, null as display_name "
                + "from people where id = 2", new Dictionary<string, object?> { ["x"] = "second" }, "data"),
        });
        await using var instance = await PluginApiInstance.CreateAsync(plugins: plugins);
        var client = instance.Datasette.Client;

        var dashboard = (await client.GetAsync("/-/jump.json?q=dashboard")).Json()!["matches"]!.AsArray();
        Assert.Equal("{\"name\":\"plugin-dashboard\",\"url\":\"/-/dashboard\",\"type\":\"dashboard\",\"description\":\"Review plugin status\",\"display_name\":\"Plugin dashboard\"}",
            Assert.Single(dashboard)!.ToJsonString());
        var first = Assert.Single((await client.GetAsync("/-/jump.json?q=first")).Json()!["matches"]!.AsArray());
        Assert.Equal("Ada", (string?)first!["name"]);
        Assert.Equal("/data/people/1", (string?)first["url"]);
        var second = Assert.Single((await client.GetAsync("/-/jump.json?q=second")).Json()!["matches"]!.AsArray());
        Assert.Equal("/p/2", (string?)second!["url"]);
        // The built-in items are still there, ranked with the plugin's.
        Assert.Contains((await client.GetAsync("/-/jump.json?q=people")).Json()!["matches"]!.AsArray(), m => (string?)m!["type"] == "table");
    }
}
