using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using System.Threading.Tasks;
using Datasette.Gen.App;
using Datasette.Gen.Runtime.Hosting;
using Datasette.Gen.Tests.Infrastructure;
using Xunit.Abstractions;

namespace Datasette.Gen.Tests.OpenApi;

/// <summary>
/// Clients from the generators people use, for the conformance deployment and the default one
/// (its plugins included): Kiota (C# and TypeScript) and NSwag generate with no warnings but those
/// docs/openapi.md explains, no type gets a numbered or anonymous name, the C# compiles with
/// warnings as errors and the TypeScript with tsc --strict, and each client reads facetable from a
/// running server as typed rows holding fixtures.db's values. (openapi-typescript: <see cref="TypedClientTests"/>.)
/// </summary>
public sealed partial class GeneratedClientTests(ITestOutputHelper output)
{
    [Fact]
    public async Task Kiota_and_NSwag_CSharp_clients_compile_and_read_typed_facetable_rows()
    {
        await using var fixtures = await TestServer.StartFixturesAsync();
        var documents = await Documents(fixtures);
        Directory.CreateDirectory(ClientGenerators.DotnetOutput);
        foreach (var (name, document) in documents)
        {
            var kiota = Path.Combine(ClientGenerators.DotnetOutput, name + "Kiota");
            var warnings = await ClientGenerators.KiotaAsync("CSharp", document, kiota, name + ".Kiota");
            output.WriteLine($"kiota CSharp {name}: {warnings.Count} warnings\n  " + string.Join("\n  ", warnings));
            Assert.Empty(ClientGenerators.Unexpected(warnings));
            AssertNoNumberedNames(Directory.GetFiles(Path.Combine(kiota, "Models"), "*.cs").Select(Path.GetFileNameWithoutExtension)!, "Kiota " + name);

            var nswag = Path.Combine(ClientGenerators.DotnetOutput, name + "NSwag", "Client.cs");
            await ClientGenerators.NSwagAsync(document, nswag, name + ".NSwag");
            AssertNoNumberedNames(GeneratedTypes().Matches(await File.ReadAllTextAsync(nswag)).Select(m => m.Groups[1].Value), "NSwag " + name);
        }

        var program = await ClientGenerators.BuildClientsAsync();
        foreach (var generator in new[] { "kiota", "nswag" })
        {
            var (exitCode, text) = await ClientGenerators.DotnetAsync(OpenApiTools.Folder, System.TimeSpan.FromMinutes(2), program, generator, fixtures.BaseUrl);
            Assert.True(exitCode == 0, $"the {generator} client failed:\n{text}");
            AssertFacetableRows(generator, text);
        }
    }

    [Fact]
    public async Task Kiota_TypeScript_client_compiles_strictly_and_reads_typed_facetable_rows_and_openapi_typescript_reads_the_plugin_document()
    {
        await using var fixtures = await TestServer.StartFixturesAsync();
        var documents = await Documents(fixtures);
        OpenApiTools.EnsureInstalled();
        foreach (var (name, document) in documents)
        {
            // Kiota's TypeScript writer puts the builder of a path segment "-" into its parent's index.ts,
            // which then does not compile: those paths are left out (docs/openapi.md).
            var warnings = await ClientGenerators.KiotaAsync("TypeScript", document, Path.Combine(ClientGenerators.KiotaTypeScriptOutput, name.ToLowerInvariant()), null,
                "--exclude-path", "**/-/**");
            output.WriteLine($"kiota TypeScript {name}: {warnings.Count} warnings\n  " + string.Join("\n  ", warnings));
            Assert.Empty(ClientGenerators.Unexpected(warnings));
        }

        // openapi-typescript on the plugin deployment's document too (TypedClientTests reads the conformance one).
        var demo = documents.Single(d => d.Name == "Demo").Path;
        var types = await OpenApiTools.NodeAsync("node_modules/openapi-typescript/bin/cli.js", demo, "-o", Path.Combine("generated", "demo.ts"));
        Assert.True(types.ExitCode == 0 && !types.Error.Contains("warn", System.StringComparison.OrdinalIgnoreCase), "openapi-typescript:\n" + types.Output + types.Error);
        var check = await OpenApiTools.NodeAsync("node_modules/typescript/bin/tsc", "--strict", "--noEmit", "--module", "NodeNext", "--moduleResolution", "NodeNext",
            "--target", "ES2022", Path.Combine("generated", "demo.ts"));
        Assert.True(check.ExitCode == 0, "tsc found errors in openapi-typescript's types:\n" + check.Output + check.Error);

        var compile = await OpenApiTools.NodeAsync("node_modules/typescript/bin/tsc", "-p", "tsconfig.kiota.json");
        Assert.True(compile.ExitCode == 0, "tsc found errors in the Kiota client:\n" + compile.Output + compile.Error);
        var run = await OpenApiTools.NodeAsync(Path.Combine("generated", "out-kiota", "client", "read-facetable-kiota.js"), fixtures.BaseUrl);
        Assert.True(run.ExitCode == 0, "the Kiota TypeScript client failed:\n" + run.Output + run.Error);
        AssertFacetableRows("kiota-ts", run.Output);
    }

    /// <summary>The documents of the conformance deployment and of the default one, plugins included, as files named for their namespaces.</summary>
    private static async Task<List<(string Name, string Path)>> Documents(TestServer fixtures)
    {
        await using var demo = await TestServer.StartAsync(new ServeOptions(), Generated.Deployment.Create(DemoDatabase.Load()));
        return new List<(string, string)>
        {
            ("Fixtures", OpenApiTools.WriteTemporary(await fixtures.Client.GetStringAsync("/-/openapi.json"), "fixtures.json")),
            ("Demo", OpenApiTools.WriteTemporary(await demo.Client.GetStringAsync("/-/openapi.json"), "demo.json")),
        };
    }

    /// <summary>The first four facetable rows by descending primary key (<c>_sort_desc=pk</c>), as the client printed them, are fixtures.db's; so is the row read by its key.</summary>
    private void AssertFacetableRows(string client, string printed)
    {
        output.WriteLine(client + ": " + printed);
        var result = JsonNode.Parse(printed)!;
        var rows = result["rows"]!.AsArray();
        var expected = ExpectedRows();
        Assert.Equal(expected.Count, rows.Count);
        for (var i = 0; i < expected.Count; i++)
        {
            var row = rows[i]!.AsObject();
            Assert.False(string.IsNullOrEmpty(row["next"]?.GetValue<string>()), $"{client}: no next token on a first page of 4");
            row.Remove("next");
            Assert.True(JsonNode.DeepEquals(expected[i], row), $"{client}: row {i} is {row.ToJsonString()}, fixtures.db has {expected[i].ToJsonString()}");
        }
        var byKey = result["by_key"]!.AsObject();
        byKey.Remove("next");
        Assert.True(JsonNode.DeepEquals(expected[0], byKey), $"{client}: row by key is {byKey.ToJsonString()}");
    }

    private static List<JsonObject> ExpectedRows()
    {
        using var connection = TestSqlite.Open(Path.Combine(Paths.ConformanceData, "fixtures.db"), Microsoft.Data.Sqlite.SqliteOpenMode.ReadOnly);
        using var command = connection.CreateCommand();
        command.CommandText = "select pk, state, planet_int, created, _city_id, _neighborhood from facetable order by pk desc limit 4";
        using var reader = command.ExecuteReader();
        var rows = new List<JsonObject>();
        while (reader.Read())
        {
            rows.Add(new JsonObject
            {
                ["pk"] = reader.GetInt32(0),
                ["state"] = reader.GetString(1),
                ["planet_int"] = reader.GetInt32(2),
                ["created"] = reader.GetString(3),
                ["_city_id"] = reader.GetInt32(4),
                ["_neighborhood"] = reader.GetString(5),
            });
        }
        return rows;
    }

    /// <summary>Generators number a type (Response2, Anonymous49, Sortable16, …Member1) when the document leaves it unnamed or names two alike.</summary>
    private static void AssertNoNumberedNames(IEnumerable<string> types, string where)
    {
        var numbered = types.Where(t => NumberedName().IsMatch(t)).ToList();
        Assert.True(numbered.Count == 0, $"{where} generated numbered or anonymous type names: {string.Join(", ", numbered)}");
    }

    [GeneratedRegex(@"^Anonymous|\d$|Member\d")]
    private static partial Regex NumberedName();

    [GeneratedRegex(@"^    public (?:partial class|enum) (\w+)", RegexOptions.Multiline)]
    private static partial Regex GeneratedTypes();
}
