using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace Datasette.Gen.Generator.Tests.Infrastructure;

/// <summary>Runs <see cref="DatasetteGenerator"/> over in-memory sources and AdditionalFiles.</summary>
internal static class GeneratorHarness
{
    public const string ConsumerSource = """
        namespace App
        {
            public static class UsesDeployment
            {
                public static int PageSize => Datasette.Gen.Generated.Deployment.Config.Settings.DefaultPageSize;

                public static int MetadataCount => Datasette.Gen.Generated.Deployment.Metadata.Count;
            }
        }
        """;

    private static readonly CSharpParseOptions ParseOptions = new(LanguageVersion.Latest);

    public static CSharpCompilation CreateCompilation(params string[] sources) => CSharpCompilation.Create(
        "Datasette.Gen.Generated.Tests",
        sources.Select((source, i) => CSharpSyntaxTree.ParseText(source, ParseOptions, path: $"Source{i}.cs")),
        References.All,
        new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable));

    public static GeneratorDriver CreateDriver(IEnumerable<AdditionalText> files, bool trackSteps = false) => CSharpGeneratorDriver.Create(
        new[] { new DatasetteGenerator().AsSourceGenerator() },
        files,
        ParseOptions,
        optionsProvider: null,
        new GeneratorDriverOptions(IncrementalGeneratorOutputKind.None, trackIncrementalGeneratorSteps: trackSteps));

    public static GeneratorRun Run(params AdditionalText[] files)
    {
        var compilation = CreateCompilation(ConsumerSource);
        var driver = CreateDriver(files).RunGeneratorsAndUpdateCompilation(compilation, out var output, out var diagnostics);
        return new GeneratorRun(driver.GetRunResult(), output, diagnostics);
    }

    public static GeneratorRun Run(string? config, string? metadata = null)
    {
        var files = new List<AdditionalText>();
        if (config is not null)
        {
            files.Add(new InMemoryAdditionalText(Paths.Config, config));
        }
        if (metadata is not null)
        {
            files.Add(new InMemoryAdditionalText(Paths.Metadata, metadata));
        }
        return Run(files.ToArray());
    }
}

/// <summary>Where the harness puts its AdditionalFiles: a folder, so tests see full paths kept.</summary>
internal static class Paths
{
    public const string Config = "/deploy/datasette.yaml";
    public const string Metadata = "/deploy/metadata.yaml";
}

internal sealed record GeneratorRun(GeneratorDriverRunResult Result, Compilation Output, ImmutableArray<Diagnostic> Diagnostics)
{
    public string DeploymentSource => Result.Results.Single().GeneratedSources
        .Single(source => source.HintName == "Deployment.g.cs").SourceText.ToString();
}
