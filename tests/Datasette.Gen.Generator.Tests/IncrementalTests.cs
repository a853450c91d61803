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
    private const string Config = "settings:\n  default_page_size: 20\ndatabases:\n  db:\n    tables:\n      t:\n        sort: name\n    queries:\n      q: select 1\n";
    private const string Metadata = "title: Demo\n";
    private const string Unrelated = "namespace App { public static class Other { } }";
    private const string Program = "namespace App { public static class Program { public static void Main() { } } }";
    private const string Plugin = """
        using Datasette.Gen.Runtime.Plugins;

        namespace App
        {
            [DatasettePlugin]
            [DatasetteAction("view-dashboard", "vdb", "View dashboards")]
            public sealed class Dashboards { }
        }
        """;

    private static readonly string Snapshot = TestSnapshots.Json(TestSnapshots.Database(
        "db", new[] { TestSnapshots.Table("t", new[] { "id INTEGER", "name TEXT" }, new[] { "id" }) }, ("select 1", null)));

    private static readonly string[] StepNames = typeof(TrackingNames)
        .GetFields(BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Static)
        .Where(field => field.IsLiteral)
        .Select(field => (string)field.GetRawConstantValue()!)
        .ToArray();

    private readonly AdditionalText _config = new InMemoryAdditionalText(Paths.Config, Config);
    private readonly AdditionalText _metadata = new InMemoryAdditionalText(Paths.Metadata, Metadata);
    private readonly AdditionalText _snapshot = new InMemoryAdditionalText(Paths.Snapshot, Snapshot);
    private readonly AdditionalText _template = new InMemoryAdditionalText("/deploy/templates/table-db-t.cshtml", "@inherits DatasetteTemplate<ITablePage>\n");
    private readonly CSharpCompilation _compilation = GeneratorHarness.CreateCompilation(
        PluginSources.Attributes.Prepend(GeneratorHarness.ConsumerSource).Append(Plugin).Append(Program).Append(Unrelated).ToArray());

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
            .ReplaceAdditionalText(_metadata, new InMemoryAdditionalText(Paths.Metadata, Metadata))
            .ReplaceAdditionalText(_snapshot, new InMemoryAdditionalText(Paths.Snapshot, Snapshot));

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
        Assert.Contains("DefaultPageSize = 30,", result.GeneratedSources.Single(s => s.HintName == "Deployment.g.cs").SourceText.ToString());
        Assert.Equal(IncrementalStepRunReason.Unchanged, Assert.Single(result.TrackedSteps[TrackingNames.UrlsModel]).Outputs.Single().Reason);
    }

    [Fact]
    public void Moving_lines_of_the_configuration_leaves_the_urls_unchanged()
    {
        var driver = FirstRun()
            .ReplaceAdditionalText(_config, new InMemoryAdditionalText(Paths.Config, "# A comment shifts every span.\n" + Config));

        var result = driver.RunGenerators(_compilation).GetRunResult().Results.Single();

        Assert.Equal(IncrementalStepRunReason.Modified, Assert.Single(result.TrackedSteps[TrackingNames.DeploymentModel]).Outputs.Single().Reason);
        Assert.Equal(IncrementalStepRunReason.Unchanged, Assert.Single(result.TrackedSteps[TrackingNames.UrlsModel]).Outputs.Single().Reason);
        Assert.Empty(result.Diagnostics);
    }

    [Fact]
    public void Editing_the_snapshot_rechecks_and_regenerates_the_urls()
    {
        var edited = TestSnapshots.Json(TestSnapshots.Database(
            "db", new[] { TestSnapshots.Table("t", new[] { "id INTEGER", "title TEXT" }, new[] { "id" }), TestSnapshots.Table("u", new[] { "x" }) }, ("select 1", null)));
        var driver = FirstRun().ReplaceAdditionalText(_snapshot, new InMemoryAdditionalText(Paths.Snapshot, edited));

        var result = driver.RunGenerators(_compilation).GetRunResult().Results.Single();

        Assert.Equal(IncrementalStepRunReason.Modified, Assert.Single(result.TrackedSteps[TrackingNames.UrlsModel]).Outputs.Single().Reason);
        Assert.Contains("public static class U", result.GeneratedSources.Single(s => s.HintName == "Urls.g.cs").SourceText.ToString());
        Assert.Equal("DSG0032", Assert.Single(result.Diagnostics).Id);
    }

    [Fact]
    public void Editing_a_plugin_action_regenerates_the_actions_only()
    {
        var tree = _compilation.SyntaxTrees.Single(t => t.ToString().Contains("class Dashboards", System.StringComparison.Ordinal));
        var edited = _compilation.ReplaceSyntaxTree(tree, tree.WithChangedText(
            Microsoft.CodeAnalysis.Text.SourceText.From(Plugin.Replace("View dashboards", "See dashboards", System.StringComparison.Ordinal))));

        var result = FirstRun().RunGenerators(edited).GetRunResult().Results.Single();

        Assert.Equal(IncrementalStepRunReason.Modified, Assert.Single(result.TrackedSteps[TrackingNames.ActionsModel]).Outputs.Single().Reason);
        Assert.Equal(IncrementalStepRunReason.Unchanged, Assert.Single(result.TrackedSteps[TrackingNames.PluginActionNames]).Outputs.Single().Reason);
        Assert.Equal(IncrementalStepRunReason.Cached, Assert.Single(result.TrackedSteps[TrackingNames.Binding]).Outputs.Single().Reason);
        Assert.Contains("\"See dashboards\"", result.GeneratedSources.Single(s => s.HintName == "Deployment.Actions.g.cs").SourceText.ToString());
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
        GeneratorHarness.CreateDriver(new[] { _config, _metadata, _snapshot, _template }, trackSteps: true).RunGenerators(_compilation);

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
