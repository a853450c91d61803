using System.Collections.Generic;
using System.Linq;
using System.Reflection;
using Datasette.Gen.Generator.Tests.Infrastructure;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Xunit;

namespace Datasette.Gen.Generator.Tests;

public sealed class IncrementalTests
{
    private const string Config = "settings:\n  default_page_size: 20\ndatabases:\n  db:\n    queries:\n      q: select 1\n";
    private const string Metadata = "title: Demo\n";
    private const string Unrelated = "namespace App { public static class Other { } }";

    private static readonly string[] StepNames = typeof(TrackingNames)
        .GetFields(BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Static)
        .Where(field => field.IsLiteral)
        .Select(field => (string)field.GetRawConstantValue()!)
        .ToArray();

    private readonly AdditionalText _config = new InMemoryAdditionalText(Paths.Config, Config);
    private readonly AdditionalText _metadata = new InMemoryAdditionalText(Paths.Metadata, Metadata);
    private readonly CSharpCompilation _compilation = GeneratorHarness.CreateCompilation(GeneratorHarness.ConsumerSource, Unrelated);

    [Fact]
    public void Every_named_step_is_tracked()
    {
        var result = FirstRun().GetRunResult().Results.Single();

        Assert.NotEmpty(StepNames);
        Assert.All(StepNames, name => Assert.Contains(name, result.TrackedSteps.Keys));
    }

    [Fact]
    public void Editing_unrelated_code_reuses_every_step()
    {
        var tree = _compilation.SyntaxTrees.Last();
        var edited = _compilation.ReplaceSyntaxTree(tree, tree.WithChangedText(
            Microsoft.CodeAnalysis.Text.SourceText.From("namespace App { public static class Other { public static int X => 1; } }")));

        var result = FirstRun().RunGenerators(edited).GetRunResult().Results.Single();

        AssertReused(result);
    }

    [Fact]
    public void Rereading_identical_files_leaves_every_output_unchanged()
    {
        var driver = FirstRun()
            .ReplaceAdditionalText(_config, new InMemoryAdditionalText(Paths.Config, Config))
            .ReplaceAdditionalText(_metadata, new InMemoryAdditionalText(Paths.Metadata, Metadata));

        var result = driver.RunGenerators(_compilation).GetRunResult().Results.Single();

        AssertReused(result);
    }

    [Fact]
    public void Editing_the_configuration_regenerates_the_source()
    {
        var driver = FirstRun()
            .ReplaceAdditionalText(_config, new InMemoryAdditionalText(Paths.Config, Config.Replace("20", "30")));

        var result = driver.RunGenerators(_compilation).GetRunResult().Results.Single();

        Assert.Contains(result.TrackedSteps[TrackingNames.DeploymentModel], step => step.Outputs.Any(o => o.Reason == IncrementalStepRunReason.Modified));
        Assert.Contains("DefaultPageSize = 30,", result.GeneratedSources.Single().SourceText.ToString());
    }

    [Fact]
    public void Editing_only_metadata_leaves_equal_diagnostics_unchanged()
    {
        var config = new InMemoryAdditionalText(Paths.Config, "colour: red\n");
        var driver = GeneratorHarness.CreateDriver(new[] { config, _metadata }, trackSteps: true).RunGenerators(_compilation)
            .ReplaceAdditionalText(_metadata, new InMemoryAdditionalText(Paths.Metadata, "title: Renamed\n"));

        var result = driver.RunGenerators(_compilation).GetRunResult().Results.Single();

        Assert.Equal(IncrementalStepRunReason.Modified, Assert.Single(result.TrackedSteps[TrackingNames.DeploymentModel]).Outputs.Single().Reason);
        Assert.Equal(IncrementalStepRunReason.Unchanged, Assert.Single(result.TrackedSteps[TrackingNames.Diagnostics]).Outputs.Single().Reason);
        Assert.Equal("DSG0025", Assert.Single(result.Diagnostics).Id);
    }

    [Fact]
    public void Step_outputs_hold_no_roslyn_objects()
    {
        var result = FirstRun().GetRunResult().Results.Single();

        foreach (var name in StepNames)
        {
            foreach (var step in result.TrackedSteps[name])
            {
                foreach (var (value, _) in step.Outputs)
                {
                    Assert.Null(ModelWalker.FindRoslynObject(value, name));
                }
            }
        }
    }

    [Fact]
    public void The_walker_finds_a_roslyn_object_hidden_in_a_model()
    {
        var node = CSharpSyntaxTree.ParseText("class C { }").GetRoot();
        var model = new { Name = "x", Items = new List<object> { 1, new[] { (object)"a", node } } };

        Assert.NotNull(ModelWalker.FindRoslynObject(model));
    }

    private GeneratorDriver FirstRun() =>
        GeneratorHarness.CreateDriver(new[] { _config, _metadata }, trackSteps: true).RunGenerators(_compilation);

    private static void AssertReused(GeneratorRunResult result)
    {
        foreach (var name in StepNames)
        {
            foreach (var step in result.TrackedSteps[name])
            {
                Assert.All(step.Outputs, output => Assert.True(
                    output.Reason is IncrementalStepRunReason.Cached or IncrementalStepRunReason.Unchanged,
                    $"{name} output was {output.Reason}"));
            }
        }
        foreach (var step in result.TrackedOutputSteps.SelectMany(pair => pair.Value))
        {
            Assert.All(step.Outputs, output => Assert.True(
                output.Reason is IncrementalStepRunReason.Cached or IncrementalStepRunReason.Unchanged,
                $"source output was {output.Reason}"));
        }
    }
}
