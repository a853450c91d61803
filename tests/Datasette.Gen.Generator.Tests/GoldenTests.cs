using System.Linq;
using Datasette.Gen.Configuration;
using Datasette.Gen.Configuration.Binding;
using Datasette.Gen.Configuration.Model;
using Datasette.Gen.Configuration.Tree;
using Datasette.Gen.Generator.Tests.Infrastructure;
using Microsoft.CodeAnalysis;
using Xunit;

namespace Datasette.Gen.Generator.Tests;

public sealed class GoldenTests
{
    private static readonly string FullConfig = Golden.Read("Full/datasette.yaml");
    private static readonly string FullMetadata = Golden.Read("Full/metadata.yaml");

    [Fact]
    public void Full_deployment_matches_golden()
    {
        var run = GeneratorHarness.Run(FullConfig, FullMetadata);

        Assert.Empty(run.Diagnostics);
        Golden.Verify(run.DeploymentSource, "Full.g.cs.txt");
    }

    [Fact]
    public void Full_deployment_compiles_without_warnings()
    {
        var run = GeneratorHarness.Run(FullConfig, FullMetadata);

        Assert.Empty(DiagnosticText.Format(run.Output.GetDiagnostics().Where(d => d.Severity >= DiagnosticSeverity.Warning)));
    }

    [Fact]
    public void Full_deployment_rebuilds_the_bound_configuration()
    {
        var expected = ConfigBinder.Bind(ConfigReader.Read("datasette.yaml", FullConfig), ConfigReader.Read("metadata.yaml", FullMetadata));
        Assert.Empty(expected.Diagnostics);

        var (config, metadata) = GeneratedAssembly.LoadDeployment(GeneratorHarness.Run(FullConfig, FullMetadata).Output);

        Assert.Equal(expected.Config, config);
        Assert.Equal(expected.Metadata, metadata);
    }

    [Fact]
    public void No_configuration_emits_the_empty_deployment()
    {
        var run = GeneratorHarness.Run(config: null);

        Assert.Empty(run.Diagnostics);
        Golden.Verify(run.DeploymentSource, "Empty.g.cs.txt");
        Assert.Empty(run.Output.GetDiagnostics().Where(d => d.Severity >= DiagnosticSeverity.Warning));
        var (config, metadata) = GeneratedAssembly.LoadDeployment(run.Output);
        Assert.Same(DatasetteConfig.Empty.Settings, config.Settings);
        Assert.Equal(DatasetteConfig.Empty, config);
        Assert.Equal(EquatableArray<MetadataItem>.Empty, metadata);
    }

    [Fact]
    public void The_servers_own_limit_settings_compile_into_the_deployment()
    {
        const string Config = "settings:\n  max_value_mb: 4\n  max_response_mb: 8\n  max_sqlite_memory_mb: 256\n";
        var run = GeneratorHarness.Run(Config);

        Assert.Empty(run.Diagnostics);
        var (config, _) = GeneratedAssembly.LoadDeployment(run.Output);
        Assert.Equal(4, config.Settings.MaxValueMb);
        Assert.Equal(8, config.Settings.MaxResponseMb);
        Assert.Equal(256, config.Settings.MaxSqliteMemoryMb);
        Assert.Equal("DSG0005", Assert.Single(GeneratorHarness.Run("settings:\n  max_value_mb: \"4\"\n").Diagnostics).Id);
    }

    [Fact]
    public void Errors_emit_the_empty_deployment_and_only_the_diagnostics()
    {
        var run = GeneratorHarness.Run("settings:\n  default_page_size: zero\n");

        Assert.Equal(Golden.Read("Empty.g.cs.txt"), run.DeploymentSource);
        var reported = run.Output.GetDiagnostics().Concat(run.Diagnostics);
        Assert.Equal("DSG0005", Assert.Single(reported, d => d.Severity >= DiagnosticSeverity.Warning).Id);
    }

    [Theory]
    [InlineData("plain")]
    [InlineData("quote \" and backslash \\ and 'single'")]
    [InlineData("tab\tcarriage\rreturn\nnewline")]
    [InlineData("nul \0 bell \a escape \u001b delete \u007f")]
    [InlineData("caf\u00e9 \u00fcber \u4e2d\u6587 \ud83c\udf89 emoji")]
    [InlineData("line\u2028separator\u2029paragraph\u0085next")]
    [InlineData("bidi \u202e override \u200b zero width \ufeff bom")]
    [InlineData("{0} {{braces}} and a trailing backslash \\")]
    public void Strings_round_trip_through_generated_literals(string value)
    {
        // JSON spelling so the YAML reader takes every character literally, escapes included.
        var json = "{\"databases\": {\"db\": {\"queries\": {\"q\": {\"sql\": \"select 1\", \"title\": " + JsonString(value) + "}}}}}";
        var run = GeneratorHarness.Run(new InMemoryAdditionalText("/deploy/datasette.json", json));

        Assert.Empty(run.Diagnostics);
        Assert.Empty(run.Output.GetDiagnostics().Where(d => d.Severity >= DiagnosticSeverity.Warning));
        Assert.All(run.DeploymentSource, c => Assert.True(c == '\n' || (c >= ' ' && c <= '~'), $"U+{(int)c:X4} in generated code"));
        var (config, _) = GeneratedAssembly.LoadDeployment(run.Output);
        Assert.Equal(value, config.Databases[0].Queries[0].Title);
        Assert.Equal(ConfigBinder.Bind(ConfigReader.Read("datasette.json", json), null).Config, config);
    }

    private static string JsonString(string value) => System.Text.Json.JsonSerializer.Serialize(value);
}
