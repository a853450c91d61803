using System.IO;
using System.Text.Json;
using System.Threading.Tasks;
using Datasette.Gen.Tests.Infrastructure;
using Xunit.Abstractions;

namespace Datasette.Gen.Tests.OpenApi;

/// <summary>
/// A typed TypeScript client from the conformance document: openapi-typescript generates the
/// types, tsc type-checks tests/openapi-tools/client/read-facetable.ts against them (including
/// lines that must not compile), and the compiled program reads facetable through openapi-fetch.
/// </summary>
public sealed class TypedClientTests(ITestOutputHelper output)
{
    [Fact]
    public async Task Generated_client_type_checks_and_reads_facetable_rows()
    {
        await using var server = await TestServer.StartFixturesAsync();
        var document = OpenApiTools.WriteTemporary(await server.Client.GetStringAsync("/-/openapi.json"), "fixtures.json");
        Directory.CreateDirectory(OpenApiTools.Generated);

        var generate = await OpenApiTools.NodeAsync("node_modules/openapi-typescript/bin/cli.js", document, "-o", Path.Combine("generated", "fixtures.ts"));
        Assert.True(generate.ExitCode == 0, "openapi-typescript failed:\n" + generate.Output + generate.Error);

        var compile = await OpenApiTools.NodeAsync("node_modules/typescript/bin/tsc", "-p", "tsconfig.json");
        Assert.True(compile.ExitCode == 0, "tsc found errors:\n" + compile.Output + compile.Error);

        var run = await OpenApiTools.NodeAsync(Path.Combine("generated", "out", "client", "read-facetable.js"), server.BaseUrl);
        Assert.True(run.ExitCode == 0, "the client failed:\n" + run.Output + run.Error);
        output.WriteLine(run.Output);
        using var result = JsonDocument.Parse(run.Output);
        // facetable has 10 rows in CA and 4 in MI, all with a neighbourhood, read 4 at a time.
        Assert.Equal(14, result.RootElement.GetProperty("count").GetInt32());
        Assert.Equal("2019-01-14 08:00:00", result.RootElement.GetProperty("created").GetString());
    }
}
