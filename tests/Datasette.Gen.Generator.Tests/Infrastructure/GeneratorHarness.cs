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

    public static CSharpCompilation CreateCompilation(params string[] sources) => CreateCompilation(References.All, sources);

    /// <summary>A compilation that references the runtime, as a deployment's does (plugin classes compile against it).</summary>
    public static CSharpCompilation CreateRuntimeCompilation(params string[] sources) => CreateCompilation(References.WithRuntime, sources);

    /// <summary>An executable compiled against the runtime, as a deployment is.</summary>
    public static CSharpCompilation CreateRuntimeExecutable(params string[] sources) =>
        CreateCompilation(References.WithRuntime, sources, outputKind: OutputKind.ConsoleApplication);

    public static CSharpCompilation CreateCompilation(
        IEnumerable<MetadataReference> references, string[] sources, string assemblyName = "Datasette.Gen.Generated.Tests", OutputKind outputKind = OutputKind.DynamicallyLinkedLibrary) => CSharpCompilation.Create(
        assemblyName,
        sources.Select((source, i) => CSharpSyntaxTree.ParseText(source, ParseOptions, path: $"Source{i}.cs")),
        references,
        new CSharpCompilationOptions(outputKind, nullableContextOptions: NullableContextOptions.Enable));

    public static GeneratorDriver CreateDriver(IEnumerable<AdditionalText> files, bool trackSteps = false) => CSharpGeneratorDriver.Create(
        new[] { new DatasetteGenerator().AsSourceGenerator() },
        files,
        ParseOptions,
        optionsProvider: null,
        new GeneratorDriverOptions(IncrementalGeneratorOutputKind.None, trackIncrementalGeneratorSteps: trackSteps));

    public static GeneratorRun Run(params AdditionalText[] files) => Run(files, new[] { ConsumerSource });

    public static GeneratorRun Run(IEnumerable<AdditionalText> files, IEnumerable<string> sources) => Run(files, CreateCompilation(sources.ToArray()));

    public static GeneratorRun Run(IEnumerable<AdditionalText> files, Compilation compilation)
    {
        var driver = CreateDriver(files).RunGeneratorsAndUpdateCompilation(compilation, out var output, out var diagnostics);
        return new GeneratorRun(driver.GetRunResult(), output, diagnostics);
    }

    /// <summary>Runs on sources compiled against the runtime (no configuration files): what plugin tests need.</summary>
    public static GeneratorRun RunWithRuntime(params string[] sources) =>
        Run(System.Array.Empty<AdditionalText>(), CreateRuntimeCompilation(sources.Prepend(ConsumerSource).ToArray()));

    /// <summary>Runs on the given files (null: absent); <paramref name="sources"/> are compiled beside the consumer.</summary>
    public static GeneratorRun Run(string? config, string? metadata = null, string? snapshot = null, params string[] sources) =>
        Run(Files(config, metadata, snapshot), sources.Prepend(ConsumerSource));

    public static AdditionalText[] Files(string? config, string? metadata = null, string? snapshot = null)
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
        if (snapshot is not null)
        {
            files.Add(new InMemoryAdditionalText(Paths.Snapshot, snapshot));
        }
        return files.ToArray();
    }
}

/// <summary>Where the harness puts its AdditionalFiles: a folder, so tests see full paths kept.</summary>
internal static class Paths
{
    public const string Config = "/deploy/datasette.yaml";
    public const string Metadata = "/deploy/metadata.yaml";
    public const string Snapshot = "/deploy/datasette.schema.json";
}

internal sealed record GeneratorRun(GeneratorDriverRunResult Result, Compilation Output, ImmutableArray<Diagnostic> Diagnostics)
{
    public string DeploymentSource => Source("Deployment.g.cs");

    public string UrlsSource => Source("Urls.g.cs");

    public string ActionsSource => Source("Deployment.Actions.g.cs");

    public string PluginsSource => Source("Deployment.Plugins.g.cs");

    public string HostSource => Source("Deployment.Host.g.cs");

    public string MainSource => Source("Deployment.Main.g.cs");

    public bool HasSource(string hintName) => Result.Results.Single().GeneratedSources.Any(source => source.HintName == hintName);

    public string Source(string hintName) => Result.Results.Single().GeneratedSources
        .Single(source => source.HintName == hintName).SourceText.ToString();
}
