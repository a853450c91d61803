using System.Linq;
using System.Threading.Tasks;
using Datasette.Gen.App;
using Datasette.Gen.Runtime.Hosting;
using Datasette.Gen.Tests.Infrastructure;
using DemoPlugins;

namespace Datasette.Gen.Tests.PluginApi;

/// <summary>The default deployment's example plugins (app/Plugins), wired by the generator, over a real server.</summary>
public sealed class ExamplePluginTests(ExamplePluginTests.ServerFixture fixture) : IClassFixture<ExamplePluginTests.ServerFixture>
{
    public sealed class ServerFixture : IAsyncLifetime
    {
        public TestServer Server { get; private set; } = null!;

        public async Task InitializeAsync() => Server = await TestServer.StartAsync(new ServeOptions(), Deployment(Generated.Deployment.Config));

        public async Task DisposeAsync() => await Server.DisposeAsync();
    }

    private readonly TestServer _server = fixture.Server;

    /// <summary>What app/Program.cs passes, with another configuration when a test needs one.</summary>
    public static Deployment Deployment(Configuration.Model.DatasetteConfig config) => Generated.Deployment.Create(DemoDatabase.Load()) with { Config = config };

    [Fact]
    public async Task The_generated_registry_lists_both_example_plugins()
    {
        var plugins = await _server.Client.GetJsonAsync("/-/plugins.json");

        Assert.Equal(
            """[{"name":"geography","static":false,"templates":false,"version":null,"hooks":["prepare_connection","register_column_types"]},{"name":"hello","static":false,"templates":false,"version":null,"hooks":["permission_resources_sql","register_actions","register_routes"]}]""",
            HttpJson.Compact(plugins.Text));
        Assert.Same(Generated.Deployment.Plugins, Generated.Deployment.Plugins);
        Assert.Contains(Generated.Deployment.Actions, a => a.Name == "view-hello" && a.Abbr == "vh");
    }

    [Fact]
    public async Task The_hello_page_is_allowed_by_the_plugin_and_greets_the_actor()
    {
        var anonymous = await _server.Client.GetJsonAsync("/-/hello");
        var ada = await _server.Datasette.Client.GetAsync("/-/hello", actor: PluginApiInstance.Actor("ada"));

        Assert.Equal(200, anonymous.Status);
        Assert.Equal("Hello, anonymous!", anonymous.Json.GetProperty("message").GetString());
        Assert.Equal("Hello, ada!", ada.Json()!["message"]!.GetValue<string>());
        Assert.True(await _server.Datasette.AllowedAsync("view-hello"));
    }

    [Fact]
    public async Task A_permissions_block_can_take_the_hello_page_away()
    {
        var yaml = "permissions:\n  view-hello:\n    id: root\nplugins:\n  hello:\n    greeting: Bonjour\n";
        await using var server = await TestServer.StartAsync(new ServeOptions(), Deployment(PluginApiInstance.Bind(yaml, Generated.Deployment.Actions)));

        Assert.Equal(403, (await server.Datasette.Client.GetAsync("/-/hello")).Status);
        var root = await server.Datasette.Client.GetAsync("/-/hello", actor: PluginApiInstance.Actor("root"));
        Assert.Equal("Bonjour, root!", root.Json()!["message"]!.GetValue<string>());
    }

    [Fact]
    public async Task The_hello_page_counts_only_the_databases_the_actor_may_view()
    {
        var yaml = "databases:\n  private_notes:\n    allow:\n      id: root\n";
        await using var server = await TestServer.StartAsync(new ServeOptions(), Deployment(PluginApiInstance.Bind(yaml, Generated.Deployment.Actions)));
        server.Datasette.AddMemoryDatabase("hello_private_" + System.Guid.NewGuid().ToString("N"), "private_notes");
        await server.Datasette.RefreshCatalogAsync(force: true);

        var anonymous = await server.Client.GetJsonAsync("/-/hello");
        var root = await server.Datasette.Client.GetAsync("/-/hello", actor: PluginApiInstance.Actor("root"));

        Assert.Equal(2, server.Datasette.Databases.Count);
        Assert.Equal("""{"message":"Hello, anonymous!","databases":1}""", HttpJson.Compact(anonymous.Text));
        Assert.Equal(2, root.Json()!["databases"]!.GetValue<int>());
    }

    [Fact]
    public async Task The_geography_plugin_adds_a_sql_function_and_the_flag_column_type()
    {
        var density = await _server.Client.GetJsonAsync("/demo/-/query.json?sql=select+density(2000,+4)+as+d,+density(1,+0)+as+z&_shape=array");
        var cities = await _server.Client.GetJsonAsync("/demo/cities.json?_extra=column_types&_size=1");
        var countries = await _server.Client.GetJsonAsync("/demo/countries.json?_extra=column_types&_size=1");

        Assert.Equal("""[{"d":500.0,"z":null}]""", HttpJson.Compact(density.Text));
        Assert.Equal("""{"country_code":{"type":"flag","config":null}}""", HttpJson.Compact(cities.Json.GetProperty("column_types")));
        Assert.Equal("""{"code":{"type":"flag","config":null}}""", HttpJson.Compact(countries.Json.GetProperty("column_types")));
        var flag = _server.Datasette.ColumnTypes["flag"];
        Assert.Equal("\U0001F1EB\U0001F1F7 FR", flag.RenderCell("FR", "code", "countries", "demo", _server.Datasette, null));
        Assert.Equal("Country code must be two capital letters", flag.Validate("France", _server.Datasette));
        Assert.Null(flag.Validate("FR", _server.Datasette));
        Assert.Equal(0.5, GeographyPlugin.Density(1, 2));
        Assert.DoesNotContain(_server.Datasette.StartupWarnings, w => w.Contains("flag", System.StringComparison.Ordinal));
    }
}
