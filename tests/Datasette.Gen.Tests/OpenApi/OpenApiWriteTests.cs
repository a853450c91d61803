using System.Collections.Generic;
using System.Linq;
using System.Net.Http;
using System.Text.Json;
using System.Threading.Tasks;
using Datasette.Gen.Runtime.Hosting;
using Datasette.Gen.Runtime.Tokens;
using Datasette.Gen.Tests.Infrastructure;
using Xunit.Abstractions;

namespace Datasette.Gen.Tests.OpenApi;

/// <summary>
/// The write API in /-/openapi.json: each endpoint described only to an actor that may use it
/// (token restrictions included, never on an immutable database), and every write request and
/// answer checked against the schemas the document gives them.
/// </summary>
public sealed class OpenApiWriteTests(ITestOutputHelper output)
{
    private const string Secret = "openapi-write-secret";

    private const string Schema = "create table items (id integer primary key, title text, score real, data blob, note text not null default '');"
        + "create table other (code text primary key, n integer); create view items_view as select id, title from items;";

    private static async Task<(TestServer Server, TempDatabaseFile Data, TempDatabaseFile Frozen)> StartAsync()
    {
        var data = new TempDatabaseFile(Schema, "data");
        var frozen = new TempDatabaseFile("create table t (id integer primary key, v text)", "frozen");
        var server = await TestServer.StartAsync(new ServeOptions
        {
            Files = new List<string> { data.Path },
            ImmutableFiles = new List<string> { frozen.Path },
            Root = true,
            Secret = Secret,
        });
        return (server, data, frozen);
    }

    private static async Task<JsonDocument> DocumentAsync(TestServer server, string? token)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/-/openapi.json");
        if (token is not null)
        {
            request.Headers.TryAddWithoutValidation("Authorization", "Bearer " + token);
        }
        using var response = await server.Client.SendAsync(request);
        Assert.Equal(200, (int)response.StatusCode);
        return JsonDocument.Parse(await response.Content.ReadAsStringAsync());
    }

    private static List<string> WritePaths(JsonDocument document) =>
        document.RootElement.GetProperty("paths").EnumerateObject()
            .Where(p => p.Value.TryGetProperty("post", out _) || p.Name.EndsWith("/-/execute-write/analyze", System.StringComparison.Ordinal))
            .Select(p => p.Name).Order(System.StringComparer.Ordinal).ToList();

    private static List<string> Schemas(JsonDocument document) =>
        document.RootElement.GetProperty("components").GetProperty("schemas").EnumerateObject().Select(p => p.Name).ToList();

    [Fact]
    public async Task Write_endpoints_are_described_only_to_actors_allowed_to_use_them()
    {
        var (server, data, frozen) = await StartAsync();
        await using var serverScope = server;
        using var dataScope = data;
        using var frozenScope = frozen;
        var datasette = server.Datasette;

        using var anonymous = await DocumentAsync(server, token: null);
        using var root = await DocumentAsync(server, await datasette.CreateTokenAsync("root"));
        var insertOnly = new TokenRestrictions().AllowAll("view-instance").AllowDatabase("data", "view-database")
            .AllowResource("data", "items", "view-table").AllowResource("data", "items", "insert-row");
        using var restricted = await DocumentAsync(server, await datasette.CreateTokenAsync("root", restrictions: insertOnly));

        Assert.Empty(WritePaths(anonymous));
        Assert.DoesNotContain("ItemsInsertRequest", Schemas(anonymous));
        Assert.DoesNotContain("AlterTableRequest", Schemas(anonymous));
        Assert.Equal(new[]
        {
            "/data/-/create", "/data/-/execute-write", "/data/-/execute-write/analyze",
            "/data/items/-/alter", "/data/items/-/drop", "/data/items/-/insert", "/data/items/-/set-column-type", "/data/items/-/upsert",
            "/data/items/{pks}/-/delete", "/data/items/{pks}/-/update",
            // A view takes no row or schema change, but its column types are kept in the internal database.
            "/data/items_view/-/set-column-type",
            "/data/other/-/alter", "/data/other/-/drop", "/data/other/-/insert", "/data/other/-/set-column-type", "/data/other/-/upsert",
            "/data/other/{pks}/-/delete", "/data/other/{pks}/-/update",
            // The immutable database refuses every write but set-column-type.
            "/frozen/t/-/set-column-type",
        }, WritePaths(root).Where(p => !p.StartsWith("/_memory", System.StringComparison.Ordinal)));
        Assert.Equal(new[] { "/data/items/-/insert" }, WritePaths(restricted));
        Assert.Contains("ItemsInsertRequest", Schemas(restricted));
        Assert.DoesNotContain("ItemsUpsertRequest", Schemas(restricted));
        Assert.DoesNotContain("OtherInsertRequest", Schemas(restricted));
    }

    [Fact]
    public async Task Request_bodies_are_typed_from_the_table_columns()
    {
        var (server, data, frozen) = await StartAsync();
        await using var serverScope = server;
        using var dataScope = data;
        using var frozenScope = frozen;
        using var root = await DocumentAsync(server, await server.Datasette.CreateTokenAsync("root"));
        var schemas = root.RootElement.GetProperty("components").GetProperty("schemas");

        var input = schemas.GetProperty("ItemsRowInput");
        Assert.Equal(new[] { "id", "title", "score", "data", "note" }, input.GetProperty("properties").EnumerateObject().Select(p => p.Name));
        Assert.False(input.TryGetProperty("required", out _), "an insert may leave every column to its default");
        Assert.Equal("""["integer","null"]""", input.GetProperty("properties").GetProperty("id").GetProperty("type").GetRawText());
        Assert.Equal("#/components/schemas/Blob", input.GetProperty("properties").GetProperty("data").GetProperty("oneOf")[0].GetProperty("$ref").GetString());
        Assert.Equal("string", input.GetProperty("properties").GetProperty("note").GetProperty("type").GetString());
        // An upsert finds rows by key: the key is required and never null.
        var keyed = schemas.GetProperty("OtherUpsertRowInput");
        Assert.Equal("""["code"]""", keyed.GetProperty("required").GetRawText());
        Assert.Equal("string", keyed.GetProperty("properties").GetProperty("code").GetProperty("type").GetString());
        Assert.Equal("#/components/schemas/ItemsRowInput", schemas.GetProperty("ItemsInsertRequest").GetProperty("properties").GetProperty("rows").GetProperty("items").GetProperty("$ref").GetString());
        Assert.Equal("#/components/schemas/ItemsRow", schemas.GetProperty("ItemsInsertResponse").GetProperty("properties").GetProperty("rows").GetProperty("items").GetProperty("$ref").GetString());
        var insert = root.RootElement.GetProperty("paths").GetProperty("/data/items/-/insert").GetProperty("post");
        Assert.Equal("itemsInsert", insert.GetProperty("operationId").GetString());
        Assert.Equal("""[{"bearer":[]}]""", insert.GetProperty("security").GetRawText());
        Assert.True(insert.GetProperty("responses").TryGetProperty("201", out _));
        Assert.True(insert.GetProperty("responses").TryGetProperty("413", out _));
    }

    [Fact]
    public async Task Write_requests_and_answers_match_the_documented_schemas()
    {
        var (server, data, frozen) = await StartAsync();
        await using var serverScope = server;
        using var dataScope = data;
        using var frozenScope = frozen;
        var token = await server.Datasette.CreateTokenAsync("root");
        using var request = new HttpRequestMessage(HttpMethod.Get, "/-/openapi.json");
        request.Headers.TryAddWithoutValidation("Authorization", "Bearer " + token);
        using var response = await server.Client.SendAsync(request);
        var path = OpenApiTools.WriteTemporary(await response.Content.ReadAsStringAsync(), "writes.json");

        var validation = await OpenApiTools.ValidateAsync(path);
        Assert.True(validation.GetProperty("valid").GetBoolean(), validation.GetRawText());
        Assert.Empty(validation.GetProperty("errors").EnumerateArray());

        var (exitCode, text, error) = await OpenApiTools.NodeAsync("check-writes.mjs", path, server.BaseUrl, token, "data", "items");
        output.WriteLine(text + error);
        Assert.True(text.TrimStart().StartsWith('{'), $"check-writes.mjs printed no result (exit {exitCode}): {text}\n{error}");
        using var result = JsonDocument.Parse(text);
        Assert.Equal(21, result.RootElement.GetProperty("checked").GetInt32());
        Assert.True(exitCode == 0 && result.RootElement.GetProperty("failures").GetArrayLength() == 0, text);
        Assert.Equal(0L, data.Scalar("select count(*) from sqlite_master where name = 'items'"));
    }
}
