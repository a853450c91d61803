using System.Linq;
using System.Text.Json.Nodes;
using System.Threading.Tasks;
using Datasette.Gen.Runtime.Errors;
using Datasette.Gen.Runtime.Http;
using Datasette.Gen.Runtime.Plugins;
using Datasette.Gen.Tests.Infrastructure;

namespace Datasette.Gen.Tests.PluginApi;

/// <summary>resolve_database, resolve_table and resolve_row (internal-database spec §8), directly and as 404s through the pipeline.</summary>
public sealed class ResolveTests
{
    /// <summary>Custom views that resolve their route variables and answer what they found.</summary>
    private static PluginRegistry Views() => new PluginRegistry().AddRegisterRoutes("views", _ => new[]
    {
        new PluginRoute("^/-/db/(?<database>[^/]+)$", (request, datasette) =>
            ValueTask.FromResult(DatasetteResponse.Text(datasette.ResolveDatabase(request).Name))),
        new PluginRoute("^/-/table/(?<database>[^/]+)/(?<table>[^/]+)$", (request, datasette) =>
        {
            var resolved = datasette.ResolveTable(request);
            return ValueTask.FromResult(DatasetteResponse.Text($"{resolved.Db.Name}/{resolved.Table} view={resolved.IsView}"));
        }),
        new PluginRoute("^/-/row/(?<database>[^/]+)/(?<table>[^/]+)/(?<pks>[^/]+)$", (request, datasette) =>
            ValueTask.FromResult(DatasetteResponse.Text(datasette.ResolveRow(request).Row[^1]?.ToString() ?? "null"))),
    });

    private static DatasetteRequest Request(Runtime.Datasette datasette, string path)
    {
        var request = TestRequests.Get(path, datasette);
        foreach (var route in datasette.Routes)
        {
            if (route.Pattern.Match(request.Path) is { Success: true } match && route.Name.StartsWith("plugin:", System.StringComparison.Ordinal))
            {
                request.RouteMatch = match;
                break;
            }
        }
        return request;
    }

    [Fact]
    [Trait("seed", "internals:datasette-resolve-database")]
    public async Task Datasette_resolve_database_finds_the_database_by_its_decoded_route()
    {
        await using var instance = await PluginApiInstance.CreateAsync(plugins: Views());
        var datasette = instance.Datasette;
        datasette.AddMemoryDatabase("resolve_" + System.Guid.NewGuid().ToString("N"), "dotted", route: "my.route");

        Assert.Equal("data", datasette.ResolveDatabase(Request(datasette, "/-/db/data")).Name);
        Assert.Equal("dotted", datasette.ResolveDatabase(Request(datasette, "/-/db/my~2Eroute")).Name);
        var missing = Assert.Throws<DatabaseNotFoundException>(() => datasette.ResolveDatabase(Request(datasette, "/-/db/dotted")));
        Assert.Equal(("dotted", "Database not found", 404), (missing.DatabaseName, missing.Message, missing.Status));
        Assert.IsAssignableFrom<NotFoundException>(missing);

        var response = await datasette.Client.GetAsync("/-/db/nope");
        Assert.Equal(404, response.Status);
        Assert.Equal("dotted", (await datasette.Client.GetAsync("/-/db/my~2Eroute")).Text);
    }

    [Fact]
    [Trait("seed", "internals:datasette-resolve-table")]
    public async Task Datasette_resolve_table_prefers_tables_then_views()
    {
        await using var instance = await PluginApiInstance.CreateAsync(plugins: Views());
        var datasette = instance.Datasette;

        var table = datasette.ResolveTable(Request(datasette, "/-/table/data/people"));
        var view = datasette.ResolveTable(Request(datasette, "/-/table/data/adults"));
        var missing = Assert.Throws<TableNotFoundException>(() => datasette.ResolveTable(Request(datasette, "/-/table/data/nope")));

        Assert.Equal(("data", "people", false), (table.Db.Name, table.Table, table.IsView));
        Assert.Equal(("adults", true), (view.Table, view.IsView));
        Assert.Equal(("data", "nope", "Table not found"), (missing.DatabaseName, missing.Table, missing.Message));
        Assert.Throws<DatabaseNotFoundException>(() => datasette.ResolveTable(Request(datasette, "/-/table/nope/people")));
        var response = await datasette.Client.GetAsync("/-/table/data/nope");
        Assert.Equal(404, response.Status);
        Assert.Contains("Table not found", response.Text, System.StringComparison.Ordinal);
    }

    [Fact]
    [Trait("seed", "internals:datasette-resolve-row")]
    public async Task Datasette_resolve_row_decodes_primary_keys_and_returns_the_row_with_its_query()
    {
        await using var instance = await PluginApiInstance.CreateAsync(plugins: Views());
        var datasette = instance.Datasette;

        var row = datasette.ResolveRow(Request(datasette, "/-/row/data/people/1"));
        var compound = datasette.ResolveRow(Request(datasette, "/-/row/data/pairs/x~2Cy,z"));
        var rowid = datasette.ResolveRow(Request(datasette, "/-/row/data/plain/1"));

        Assert.Equal("select * from people where \"id\"=:p0", row.Sql);
        Assert.Equal("1", row.Params["p0"]);
        Assert.Equal(new[] { "id" }, row.Pks);
        Assert.Equal("Ada", row.Row["name"]);
        Assert.Equal(1L, row.Row[0]);
        Assert.Equal(new[] { "x,y", "z" }, compound.PkValues);
        Assert.Equal("select * from pairs where \"a\"=:p0 AND \"b\"=:p1", compound.Sql);
        Assert.Equal("first", compound.Row["v"]);
        Assert.Equal(new[] { "rowid" }, rowid.Pks);
        Assert.Equal(new[] { "rowid", "t" }, rowid.Row.Columns);
        Assert.Equal("rowid one", rowid.Row["t"]);

        var missing = Assert.Throws<RowNotFoundException>(() => datasette.ResolveRow(Request(datasette, "/-/row/data/people/99")));
        Assert.Equal(("data", "people", "99", "Row not found"), (missing.DatabaseName, missing.Table, missing.PkValues.Single(), missing.Message));
        var wrongCount = Assert.Throws<DatasetteHttpException>(() => datasette.ResolveRow(Request(datasette, "/-/row/data/pairs/1")));
        Assert.Equal((400, "URL row identifier does not match the primary key for this table"), (wrongCount.Status, wrongCount.Message));
        Assert.Equal("second", (await datasette.Client.GetAsync("/-/row/data/pairs/1,2")).Text);
        Assert.Equal(404, (await datasette.Client.GetAsync("/-/row/data/people/99")).Status);
    }
}
