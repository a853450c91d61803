using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Net.Http;
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
    public async Task Kiota_and_NSwag_CSharp_clients_compile_read_typed_facetable_rows_and_write_with_a_token()
    {
        // Root's document over a copy of the conformance files: the write API is described too.
        using var copy = new ConformanceCopy();
        await using var fixtures = await copy.StartAsync();
        var token = await fixtures.Datasette.CreateTokenAsync("root");
        var documents = await Documents(fixtures, token);
        Assert.Contains("/fixtures/facetable/-/insert", await File.ReadAllTextAsync(documents[0].Path));
        Directory.CreateDirectory(ClientGenerators.DotnetOutput);
        foreach (var (name, document) in documents)
        {
            var kiota = Path.Combine(ClientGenerators.DotnetOutput, name + "Kiota");
            var warnings = await ClientGenerators.KiotaAsync("CSharp", document, kiota, name + ".Kiota", "--exclude-path", ClientGenerators.KiotaRowWritePaths);
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
        var write = await ClientGenerators.DotnetAsync(OpenApiTools.Folder, System.TimeSpan.FromMinutes(2), program, "kiota-write", fixtures.BaseUrl, token);
        Assert.True(write.ExitCode == 0, "the Kiota client failed to write:\n" + write.Output);
        AssertWrittenRow(write.Output, copy);
    }

    [Fact]
    public async Task Kiota_TypeScript_client_compiles_strictly_and_reads_typed_facetable_rows_and_openapi_typescript_reads_the_plugin_document()
    {
        using var copy = new ConformanceCopy();
        await using var fixtures = await copy.StartAsync();
        var documents = await Documents(fixtures, await fixtures.Datasette.CreateTokenAsync("root"));
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

        // openapi-typescript on the plugin deployment's document and on root's conformance document with
        // the write API (TypedClientTests reads the anonymous conformance one).
        foreach (var (name, document) in documents)
        {
            // Not fixtures.ts: TypedClientTests writes that one from the anonymous document.
            var file = Path.Combine("generated", name == "Fixtures" ? "fixtures-root.ts" : name.ToLowerInvariant() + ".ts");
            var types = await OpenApiTools.NodeAsync("node_modules/openapi-typescript/bin/cli.js", document, "-o", file);
            Assert.True(types.ExitCode == 0 && !types.Error.Contains("warn", System.StringComparison.OrdinalIgnoreCase), "openapi-typescript:\n" + types.Output + types.Error);
            var check = await OpenApiTools.NodeAsync("node_modules/typescript/bin/tsc", "--strict", "--noEmit", "--module", "NodeNext", "--moduleResolution", "NodeNext",
                "--target", "ES2022", file);
            Assert.True(check.ExitCode == 0, $"tsc found errors in openapi-typescript's types for {name}:\n" + check.Output + check.Error);
        }

        var compile = await OpenApiTools.NodeAsync("node_modules/typescript/bin/tsc", "-p", "tsconfig.kiota.json");
        Assert.True(compile.ExitCode == 0, "tsc found errors in the Kiota client:\n" + compile.Output + compile.Error);
        var run = await OpenApiTools.NodeAsync(Path.Combine("generated", "out-kiota", "client", "read-facetable-kiota.js"), fixtures.BaseUrl);
        Assert.True(run.ExitCode == 0, "the Kiota TypeScript client failed:\n" + run.Output + run.Error);
        AssertFacetableRows("kiota-ts", run.Output);
    }

    /// <summary>
    /// The documents of the conformance deployment (as the bearer of <paramref name="token"/> sees
    /// it, when given) and of the default one, plugins included, as files named for their namespaces.
    /// </summary>
    private static async Task<List<(string Name, string Path)>> Documents(TestServer fixtures, string? token = null)
    {
        await using var demo = await TestServer.StartAsync(new ServeOptions(), Generated.Deployment.Create(DemoDatabase.Load()));
        using var request = new HttpRequestMessage(HttpMethod.Get, "/-/openapi.json");
        if (token is not null)
        {
            request.Headers.TryAddWithoutValidation("Authorization", "Bearer " + token);
        }
        using var response = await fixtures.Client.SendAsync(request);
        return new List<(string, string)>
        {
            ("Fixtures", OpenApiTools.WriteTemporary(await response.Content.ReadAsStringAsync(), "fixtures.json")),
            ("Demo", OpenApiTools.WriteTemporary(await demo.Client.GetStringAsync("/-/openapi.json"), "demo.json")),
        };
    }

    /// <summary>The row the Kiota client inserted came back typed from the insert and from the read by key, and is in the file.</summary>
    private void AssertWrittenRow(string printed, ConformanceCopy copy)
    {
        output.WriteLine("kiota-write: " + printed);
        var result = JsonNode.Parse(printed)!;
        var written = result["written"]!.AsObject();
        var read = result["read"]!.AsObject();
        Assert.True(JsonNode.DeepEquals(written, read), $"inserted {written.ToJsonString()}, read back {read.ToJsonString()}");
        var pk = written["pk"]!.GetValue<int>();
        Assert.True(pk > 15, $"pk {pk}: fixtures' facetable has 15 rows, SQLite should have assigned the next key");
        Assert.Equal("Written through Kiota", written["_neighborhood"]!.GetValue<string>());
        Assert.Equal(2, written["planet_int"]!.GetValue<int>());
        using var connection = TestSqlite.Open(copy.Fixtures, Microsoft.Data.Sqlite.SqliteOpenMode.ReadOnly);
        Assert.Equal("WA|2|Written through Kiota", TestSqlite.Scalar(connection, $"select state || '|' || planet_int || '|' || _neighborhood from facetable where pk = {pk}"));
    }

    /// <summary>The conformance instance over copies of its files, started with --root: writes leave the corpus alone.</summary>
    private sealed class ConformanceCopy : System.IDisposable
    {
        private readonly string _directory = Path.Combine(Path.GetTempPath(), "datasette-gen-openapi-writes-" + System.Guid.NewGuid().ToString("N"));

        public ConformanceCopy()
        {
            Directory.CreateDirectory(_directory);
            foreach (var file in new[] { "fixtures.db", "extra database.db", "metadata.json", "config.json" })
            {
                File.Copy(Path.Combine(Paths.ConformanceData, file), Path.Combine(_directory, file));
            }
        }

        public string Fixtures => Path.Combine(_directory, "fixtures.db");

        public Task<TestServer> StartAsync() => TestServer.StartAsync(new ServeOptions
        {
            Files = new List<string> { Fixtures, Path.Combine(_directory, "extra database.db") },
            MetadataFile = Path.Combine(_directory, "metadata.json"),
            ConfigFile = Path.Combine(_directory, "config.json"),
            Root = true,
            Secret = "generated-client-secret",
        });

        public void Dispose()
        {
            try
            {
                Directory.Delete(_directory, recursive: true);
            }
            catch (IOException)
            {
                // A file still open on a slow shutdown; the temporary folder is left behind.
            }
        }
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
