using System.Linq;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Threading.Tasks;
using Datasette.Gen.Runtime.Data;
using Datasette.Gen.Runtime.OpenApi;
using Datasette.Gen.Tests.Infrastructure;

namespace Datasette.Gen.Tests.OpenApi;

/// <summary>/-/openapi.json describes only what the requesting actor may see.</summary>
public sealed class OpenApiPermissionTests
{
    [Fact]
    public async Task Resources_denied_in_config_permissions_are_not_described()
    {
        await using var open = await TestServer.StartFixturesAsync();
        await using var restricted = await TestServer.StartFixturesAsync("config-permissions.json");
        using var everything = JsonDocument.Parse(await open.Client.GetStringAsync("/-/openapi.json"));
        using var anonymous = JsonDocument.Parse(await restricted.Client.GetStringAsync("/-/openapi.json"));

        // config-permissions.json: compound_three_primary_keys and paginated_view allow only root,
        // so does the "extra database" database, private_query and fixtures' allow_sql.
        foreach (var path in new[]
        {
            "/fixtures/compound_three_primary_keys.json", "/fixtures/compound_three_primary_keys/{pks}.json",
            "/fixtures/paginated_view.json", "/extra+database.json", "/extra+database/searchable.json",
            "/fixtures/private_query.json", "/fixtures/-/query.json",
        })
        {
            Assert.False(Paths(anonymous).Contains(path), $"{path} is described for an anonymous actor");
        }
        foreach (var path in new[] { "/fixtures/compound_three_primary_keys.json", "/fixtures/paginated_view.json", "/extra+database.json", "/fixtures/-/query.json" })
        {
            Assert.True(Paths(everything).Contains(path), $"{path} is missing where nothing denies it");
        }
        Assert.Contains("/fixtures/facetable.json", Paths(anonymous));
        Assert.Contains("/fixtures/public_query.json", Paths(anonymous));
        Assert.DoesNotContain("CompoundThreePrimaryKeysRow", Schemas(anonymous));
        Assert.Contains("CompoundThreePrimaryKeysRow", Schemas(everything));
        // Names are decided over what the actor sees: a hidden database's "searchable" neither
        // renames fixtures' nor shows through a database prefix.
        Assert.Contains("FixturesSearchableRow", Schemas(everything));
        Assert.Contains("SearchableRow", Schemas(anonymous));
        Assert.DoesNotContain(Schemas(anonymous), name => name.StartsWith("Fixtures", System.StringComparison.Ordinal) || name.StartsWith("ExtraDatabase", System.StringComparison.Ordinal));
    }

    [Fact]
    public async Task Root_sees_what_anonymous_does_not()
    {
        await using var instance = await TestInstance.CreateAsync(TestInstance.Config("""
            databases:
              data:
                allow_sql:
                  id: root
                tables:
                  secret:
                    allow:
                      id: root
                queries:
                  mine:
                    sql: select :who as who
                    allow:
                      id: root
                  everyone: select 1 as one
            """));
        var database = new Database(DatabaseKind.NamedMemory, memoryName: "openapi_permissions_" + System.Guid.NewGuid().ToString("N"));
        await database.WriteAsync(c =>
        {
            using var command = c.Connection.CreateCommand();
            command.CommandText = "create table open (id integer primary key, name text); create table secret (id integer primary key, code text not null);";
            return command.ExecuteNonQuery();
        });
        instance.Datasette.AddDatabase(database, "data");
        await instance.Datasette.Internal.Queries.SaveConfigQueriesAsync(instance.Datasette.Config);
        await instance.Datasette.RefreshCatalogAsync(force: true);

        var anonymous = Describe(instance, actor: null);
        var root = Describe(instance, actor: new JsonObject { ["id"] = "root" });

        Assert.Equal(new[] { "/data.json", "/data/everyone.json", "/data/open.json", "/data/open/{pks}.json" }, Paths(anonymous).Where(p => p.StartsWith("/data")).Order());
        Assert.Equal(
            new[] { "/data.json", "/data/-/query.json", "/data/everyone.json", "/data/mine.json", "/data/open.json", "/data/open/{pks}.json", "/data/secret.json", "/data/secret/{pks}.json" },
            Paths(root).Where(p => p.StartsWith("/data")).Order());
        Assert.Equal("who", root.RootElement.GetProperty("paths").GetProperty("/data/mine.json").GetProperty("get").GetProperty("parameters")[0].GetProperty("name").GetString());
    }

    private static JsonDocument Describe(TestInstance instance, JsonObject? actor)
    {
        var request = TestRequests.Get("/-/openapi.json", instance.Datasette);
        request.Actor = actor;
        return JsonDocument.Parse(OpenApiDescription.Write(request, instance.Datasette));
    }

    private static System.Collections.Generic.List<string> Paths(JsonDocument document) =>
        document.RootElement.GetProperty("paths").EnumerateObject().Select(p => p.Name).ToList();

    private static System.Collections.Generic.List<string> Schemas(JsonDocument document) =>
        document.RootElement.GetProperty("components").GetProperty("schemas").EnumerateObject().Select(p => p.Name).ToList();
}
