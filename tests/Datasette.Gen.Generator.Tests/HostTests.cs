using System;
using System.IO;
using System.Linq;
using System.Reflection;
using Datasette.Gen.Generator.Tests.Infrastructure;
using Datasette.Gen.Runtime.Hosting;
using Microsoft.CodeAnalysis;
using Xunit;

namespace Datasette.Gen.Generator.Tests;

/// <summary>
/// The deployment's glue: Deployment.Host.g.cs builds the runtime's Deployment from every generated
/// member, and Deployment.Main.g.cs is the entry point of an executable that has none of its own.
/// </summary>
public sealed class HostTests
{
    private const string Metadata = "title: Generated entry point\n";

    private const string Plugin = """
        using Datasette.Gen.Runtime.Plugins;

        namespace App
        {
            [DatasettePlugin]
            public static class Greeter
            {
                public static int Started { get; set; }

                [DatasetteHook]
                internal static void Startup() => Started++;
            }
        }
        """;

    private const string UnrelatedCode = "namespace App { public static class Other { } }";

    [Fact]
    public void The_glue_matches_golden_and_a_library_gets_no_main()
    {
        var run = PluginHarness.RunClean(Plugin);

        Golden.Verify(run.HostSource, "Host.g.cs.txt");
        Assert.False(run.HasSource("Deployment.Main.g.cs"));
    }

    [Fact]
    public void Without_the_runtime_there_is_no_glue()
    {
        var run = GeneratorHarness.Run(
            GeneratorHarness.Files("settings:\n  default_page_size: 20\n"),
            GeneratorHarness.CreateCompilation(References.All, new[] { GeneratorHarness.ConsumerSource }, outputKind: OutputKind.ConsoleApplication));

        Assert.False(run.HasSource("Deployment.Host.g.cs"));
        Assert.False(run.HasSource("Deployment.Main.g.cs"));
    }

    [Fact]
    public void Create_carries_every_member_the_runtime_deployment_takes()
    {
        var run = GeneratorHarness.RunWithRuntime(Plugin);
        var embedded = new EmbeddedDatabase("demo", "create table t (x)");

        GeneratedAssembly.Load(run.Output, assembly =>
        {
            var generated = assembly.GetType("Datasette.Gen.Generated.Deployment", throwOnError: true)!;
            var deployment = (Deployment)GeneratedAssembly.Call(assembly, "Deployment", "Create", (object)new[] { embedded })!;

            Assert.Equal(new[] { embedded }, deployment.DefaultDatabases);
            // Every other member of the runtime's record comes from the generated one of the same name:
            // a member added to the runtime without glue fails here.
            foreach (var property in typeof(Deployment).GetProperties(BindingFlags.Public | BindingFlags.Instance)
                .Where(p => p.Name is not nameof(Deployment.DefaultDatabases) and not "EqualityContract"))
            {
                var source = generated.GetProperty(property.Name, BindingFlags.Public | BindingFlags.Static);
                Assert.True(source is not null, $"Deployment.Create cannot fill {property.Name}: no generated member of that name");
                Assert.Equal(source.GetValue(null), property.GetValue(deployment));
            }
            return 0;
        });
    }

    [Fact]
    public void An_executable_without_a_program_gets_a_main_that_runs_the_deployment()
    {
        var run = GeneratorHarness.Run(
            GeneratorHarness.Files(config: null, metadata: Metadata),
            GeneratorHarness.CreateRuntimeExecutable(Plugin));

        Assert.Empty(run.Diagnostics);
        Assert.Empty(DiagnosticText.Format(run.Output.GetDiagnostics().Where(d => d.Severity >= DiagnosticSeverity.Warning)));
        Golden.Verify(run.MainSource, "Main.g.cs.txt");
        Assert.Equal("Deployment", run.Output.GetEntryPoint(default)!.ContainingType.Name);

        var path = Path.Combine(Path.GetTempPath(), $"entry-{Guid.NewGuid():N}.json");
        try
        {
            var (exitCode, started) = GeneratedAssembly.Load(run.Output, assembly =>
            {
                var result = assembly.EntryPoint!.Invoke(null, new object[] { new[] { "openapi", "-o", path } });
                var exit = result as int? ?? ((System.Threading.Tasks.Task<int>)result!).GetAwaiter().GetResult();
                return (exit, (int)assembly.GetType("App.Greeter")!.GetProperty("Started")!.GetValue(null)!);
            });

            Assert.Equal(0, exitCode);
            Assert.Equal(1, started);
            Assert.Contains("\"info\":{\"title\":\"Generated entry point\"", File.ReadAllText(path), StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Theory]
    [InlineData("return await Datasette.Gen.Generated.Deployment.RunAsync(args);")]
    [InlineData("namespace App { public static class Program { public static System.Threading.Tasks.Task<int> Main(string[] args) => Datasette.Gen.Generated.Deployment.RunAsync(args); } }")]
    [InlineData("namespace App { internal sealed class Program { private static void Main() { } } }")]
    public void An_executable_with_its_own_entry_point_gets_no_generated_main(string program)
    {
        var run = GeneratorHarness.Run(GeneratorHarness.Files(config: null), GeneratorHarness.CreateRuntimeExecutable(Plugin, program));

        Assert.False(run.HasSource("Deployment.Main.g.cs"));
        Assert.True(run.HasSource("Deployment.Host.g.cs"));
        Assert.Empty(DiagnosticText.Format(run.Output.GetDiagnostics().Where(d => d.Severity >= DiagnosticSeverity.Warning)));
        Assert.NotEqual("Deployment", run.Output.GetEntryPoint(default)!.ContainingType.Name);
    }

    [Fact]
    public void Unrelated_edits_reuse_the_entry_point_steps_and_writing_a_program_removes_the_main()
    {
        var compilation = GeneratorHarness.CreateRuntimeExecutable(Plugin, UnrelatedCode);
        var driver = GeneratorHarness.CreateDriver(Array.Empty<AdditionalText>(), trackSteps: true).RunGenerators(compilation);
        var tree = compilation.SyntaxTrees.Last();

        var unrelated = driver.RunGenerators(compilation.ReplaceSyntaxTree(tree, tree.WithChangedText(
            Microsoft.CodeAnalysis.Text.SourceText.From("namespace App { public static class Other { public static int X => 1; } }")))).GetRunResult().Results.Single();
        var program = driver.RunGenerators(compilation.ReplaceSyntaxTree(tree, tree.WithChangedText(
            Microsoft.CodeAnalysis.Text.SourceText.From("return await Datasette.Gen.Generated.Deployment.RunAsync(args);")))).GetRunResult().Results.Single();

        foreach (var name in new[] { TrackingNames.HostTarget, TrackingNames.UserEntryPoint, TrackingNames.GeneratedEntryPoint })
        {
            Assert.All(unrelated.TrackedSteps[name], step => Assert.All(step.Outputs, output =>
                Assert.True(output.Reason is IncrementalStepRunReason.Cached or IncrementalStepRunReason.Unchanged, $"{name} output was {output.Reason}")));
        }
        Assert.Contains(unrelated.GeneratedSources, s => s.HintName == "Deployment.Main.g.cs");
        Assert.Equal(IncrementalStepRunReason.Modified, Assert.Single(program.TrackedSteps[TrackingNames.GeneratedEntryPoint]).Outputs.Single().Reason);
        Assert.DoesNotContain(program.GeneratedSources, s => s.HintName == "Deployment.Main.g.cs");
    }
}
