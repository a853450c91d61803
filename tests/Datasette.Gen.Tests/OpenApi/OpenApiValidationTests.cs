using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.Json;
using System.Threading.Tasks;
using Datasette.Gen.App;
using Datasette.Gen.Runtime.Hosting;
using Datasette.Gen.Tests.Infrastructure;
using Xunit.Abstractions;

namespace Datasette.Gen.Tests.OpenApi;

/// <summary>
/// /-/openapi.json checked by tools that share no code with it: an OpenAPI 3.1 validator (plus
/// every schema compiled by Ajv as JSON Schema 2020-12) for the default and the conformance
/// deployments, and the conformance deployment's real responses validated against the schemas
/// the document gives them.
/// </summary>
public sealed class OpenApiValidationTests(ITestOutputHelper output)
{
    internal static Deployment DefaultDeployment => new(
        Datasette.Gen.Generated.Deployment.Config,
        Datasette.Gen.Generated.Deployment.Metadata,
        [DemoDatabase.Load()])
    {
        OpenApi = Datasette.Gen.Generated.Deployment.OpenApi,
    };

    [Fact]
    public async Task Default_deployment_document_is_valid_OpenAPI_3_1()
    {
        await using var server = await TestServer.StartAsync(new ServeOptions(), DefaultDeployment);
        var document = await server.Client.GetStringAsync("/-/openapi.json");

        var result = await OpenApiTools.ValidateAsync(OpenApiTools.WriteTemporary(document, "default.json"));

        output.WriteLine(result.GetRawText());
        Assert.True(result.GetProperty("valid").GetBoolean(), result.GetRawText());
        Assert.Equal("3.1", result.GetProperty("version").GetString());
        Assert.Empty(result.GetProperty("errors").EnumerateArray());
    }

    [Fact]
    public async Task Default_deployment_serves_the_parts_compiled_at_build_time()
    {
        var compiled = Datasette.Gen.Generated.Deployment.OpenApi;
        await using var server = await TestServer.StartAsync(new ServeOptions(), DefaultDeployment);
        var document = await server.Client.GetStringAsync("/-/openapi.json");

        // The demo database, its SQL endpoint and its stored query at least; tables too once a snapshot is compiled in.
        Assert.True(compiled.Count >= 3, $"only {compiled.Count} compiled parts");
        foreach (var part in compiled)
        {
            Assert.Contains(part.Paths, document, System.StringComparison.Ordinal);
            Assert.Contains(part.Schemas, document, System.StringComparison.Ordinal);
            Assert.True(Runtime.OpenApi.OpenApiParts.IsCompiled(part.Fingerprint));
        }
    }

    [Fact]
    public async Task Live_demo_schema_matches_the_compiled_snapshot_part_for_part()
    {
        var compiled = Datasette.Gen.Generated.Deployment.OpenApi;
        Assert.True(compiled.Count(p => p.Fingerprint.StartsWith("table:", System.StringComparison.Ordinal)) >= 5, "no table parts compiled: is datasette.schema.json an AdditionalFile of app/?");
        await using var instance = await TestInstance.CreateAsync(Datasette.Gen.Generated.Deployment.Config);
        var demo = DemoDatabase.Load();
        var database = new Runtime.Data.Database(Runtime.Data.DatabaseKind.NamedMemory, memoryName: "openapi_demo_" + System.Guid.NewGuid().ToString("N"));
        await database.WriteAsync(c =>
        {
            using var command = c.Connection.CreateCommand();
            command.CommandText = demo.Sql;
            return command.ExecuteNonQuery();
        });
        instance.Datasette.AddDatabase(database, demo.Name);
        await instance.Datasette.Internal.Metadata.WriteAsync(Datasette.Gen.Generated.Deployment.Metadata);
        await instance.Datasette.Internal.Queries.SaveConfigQueriesAsync(instance.Datasette.Config);
        await instance.Datasette.RefreshCatalogAsync(force: true);

        var live = Runtime.OpenApi.OpenApiDescription.Parts(TestRequests.Get("/-/openapi.json", instance.Datasette), instance.Datasette);

        // Same input, same fingerprint: every part the live schema needs was built at build time, text and all.
        var byFingerprint = compiled.ToDictionary(p => p.Fingerprint);
        Assert.NotEmpty(live);
        foreach (var part in live)
        {
            Assert.True(byFingerprint.TryGetValue(part.Fingerprint, out var match), $"{part.Fingerprint} was not compiled:\n{part.Paths[..System.Math.Min(200, part.Paths.Length)]}");
            Assert.Equal(match, part);
        }
        Assert.Equal(compiled.Count, live.Count);
    }

    [Fact]
    public async Task Conformance_deployment_document_is_valid_OpenAPI_3_1()
    {
        await using var server = await TestServer.StartFixturesAsync();
        var document = await server.Client.GetStringAsync("/-/openapi.json");

        var result = await OpenApiTools.ValidateAsync(OpenApiTools.WriteTemporary(document, "fixtures.json"));

        output.WriteLine(result.GetRawText());
        Assert.True(result.GetProperty("valid").GetBoolean(), result.GetRawText());
        Assert.Empty(result.GetProperty("errors").EnumerateArray());
        Assert.True(result.GetProperty("paths").GetInt32() > 60, "fewer paths than the fixtures have tables");
    }

    /// <summary>
    /// SQLite does not enforce declared types outside STRICT tables, and FTS4 itself stores text
    /// ("0 123") in the INTEGER column end_block of its shadow table: the one place the fixtures'
    /// data departs from the affinity-typed schema.
    /// </summary>
    private static readonly string[] DynamicallyTypedTables = { "/searchable_fts_segdir" };

    [Fact]
    public async Task Conformance_responses_match_their_schemas()
    {
        await using var server = await TestServer.StartFixturesAsync();
        var path = OpenApiTools.WriteTemporary(await server.Client.GetStringAsync("/-/openapi.json"), "fixtures.json");

        var (exitCode, text, error) = await OpenApiTools.NodeAsync("check-responses.mjs", path, server.BaseUrl);

        Assert.True(text.TrimStart().StartsWith('{'), $"check-responses.mjs printed no result (exit {exitCode}): {text}\n{error}");
        using var result = JsonDocument.Parse(text);
        var checkedCount = result.RootElement.GetProperty("checked").GetInt32();
        var failures = result.RootElement.GetProperty("failures").EnumerateArray()
            .Where(f => !DynamicallyTypedTables.Any(t => f.GetProperty("url").GetString()!.Contains(t, System.StringComparison.Ordinal)))
            .Select(f => f.GetRawText())
            .ToList();
        output.WriteLine($"{checkedCount} responses checked");
        Assert.True(checkedCount > 250, $"only {checkedCount} responses checked");
        Assert.True(failures.Count == 0, string.Join("\n", failures));
    }

    [Fact]
    public async Task Document_honours_base_url()
    {
        await using var server = await TestServer.StartAsync(new ServeOptions
        {
            Settings = new List<KeyValuePair<string, string>> { new("base_url", "/prefix/") },
        }, DefaultDeployment);

        using var document = JsonDocument.Parse(await server.Client.GetStringAsync("/prefix/-/openapi.json"));

        Assert.Equal("/prefix/", document.RootElement.GetProperty("servers")[0].GetProperty("url").GetString());
        Assert.True(document.RootElement.GetProperty("paths").TryGetProperty("/demo/cities.json", out _));
    }

    [Fact]
    public async Task Openapi_command_writes_the_anonymous_document()
    {
        var file = Path.Combine(Path.GetTempPath(), "datasette-gen-openapi-" + System.Guid.NewGuid().ToString("N"), "openapi.json");
        var console = new StringWriter();

        var exitCode = await Runtime.Hosting.OpenApiCommand.RunAsync(new[] { "-o", file }, DefaultDeployment, console);

        Assert.Equal(0, exitCode);
        Assert.StartsWith("Wrote " + file, console.ToString(), System.StringComparison.Ordinal);
        using var document = JsonDocument.Parse(File.ReadAllText(file));
        Assert.Equal("3.1.0", document.RootElement.GetProperty("openapi").GetString());
        Assert.True(document.RootElement.GetProperty("paths").TryGetProperty("/demo/landmarks_by_kind.json", out _));
    }
}
