using System.Linq;
using System.Text.RegularExpressions;
using Datasette.Gen.Generator.Tests.Infrastructure;
using Microsoft.CodeAnalysis;
using Xunit;

namespace Datasette.Gen.Generator.Tests;

/// <summary>Deployment.OpenApi.g.cs: the OpenAPI parts built at build time from datasette.yaml and the schema snapshot.</summary>
public sealed class OpenApiEmitterTests
{
    private static readonly string FullConfig = Golden.Read("Full/datasette.yaml");
    private static readonly string FullSnapshot = Golden.Read("Full/datasette.schema.json");

    private static int Parts(string source, string kind) => Regex.Matches(source, "new\\(\\s*\"" + kind + ":[0-9a-f]{32}\",").Count;

    [Fact]
    public void Every_snapshot_table_and_configured_query_gets_a_compiled_part()
    {
        var run = GeneratorHarness.Run(FullConfig, Golden.Read("Full/metadata.yaml"), FullSnapshot);

        Assert.Empty(run.Diagnostics);
        var source = run.Source("Deployment.OpenApi.g.cs");
        using var snapshot = System.Text.Json.JsonDocument.Parse(FullSnapshot);
        var tables = snapshot.RootElement.GetProperty("databases").EnumerateObject().Sum(d => d.Value.GetProperty("tables").EnumerateObject().Count());
        Assert.True(tables > 5);
        Assert.Equal(tables, Parts(source, "table"));
        Assert.True(Parts(source, "database") >= 1);
        Assert.Equal(Parts(source, "database"), Parts(source, "sql"));
        Assert.True(Parts(source, "query") >= 1);
        Assert.Empty(run.Output.GetDiagnostics().Where(d => d.Severity >= DiagnosticSeverity.Warning));
    }

    [Fact]
    public void Without_a_snapshot_only_databases_and_queries_are_compiled()
    {
        var run = GeneratorHarness.Run(FullConfig);

        var source = run.Source("Deployment.OpenApi.g.cs");
        Assert.Equal(0, Parts(source, "table"));
        Assert.True(Parts(source, "query") >= 1);
    }

    [Fact]
    public void No_configuration_compiles_no_parts()
    {
        var run = GeneratorHarness.Run(config: null);

        Assert.Contains("OpenApi { get; } = new(new global::Datasette.Gen.Configuration.OpenApi.OpenApiPart[]", run.Source("Deployment.OpenApi.g.cs"));
        Assert.Equal(0, Parts(run.Source("Deployment.OpenApi.g.cs"), "[a-z]+"));
    }
}
