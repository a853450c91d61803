using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Linq;
using System.Text;
using Datasette.Gen.Configuration.Schema;
using Datasette.Gen.Generator.Tests.Infrastructure;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Xunit;
using Xunit.Abstractions;
using static Datasette.Gen.Generator.Tests.Infrastructure.TestSnapshots;

namespace Datasette.Gen.Generator.Tests;

/// <summary>
/// A deployment of 100 databases × 50 tables with a matching snapshot: checks that it binds
/// cleanly and caches, and prints how long the generator takes (no timed assertion; see the
/// test output with <c>--logger "console;verbosity=normal"</c>).
/// </summary>
public sealed class ScaleTimingTests(ITestOutputHelper output)
{
    private const int Databases = 100;
    private const int Tables = 50;

    [Fact]
    [Trait("Category", "Timing")]
    public void Generator_time_at_100_databases_by_50_tables()
    {
        var (config, snapshot) = Deployment();
        var compilation = GeneratorHarness.CreateCompilation(GeneratorHarness.ConsumerSource, "namespace App { public static class Other { } }");
        var files = new AdditionalText[] { new InMemoryAdditionalText(Paths.Config, config), new InMemoryAdditionalText(Paths.Snapshot, snapshot) };
        GeneratorHarness.CreateDriver(GeneratorHarness.Files("settings: {}\n"), trackSteps: true).RunGenerators(compilation); // JIT warm-up

        GeneratorDriver? cleanDriver = null;
        var clean = Median(3, _ => Time(() => cleanDriver = GeneratorHarness.CreateDriver(files, trackSteps: true).RunGenerators(compilation)));
        var steps = cleanDriver!.GetRunResult().Results.Single().TrackedSteps
            .Select(p => (Name: p.Key, Elapsed: p.Value.Aggregate(TimeSpan.Zero, (sum, step) => sum + step.ElapsedTime)))
            .OrderByDescending(p => p.Elapsed)
            .Take(5);
        var driver = GeneratorHarness.CreateDriver(files, trackSteps: true).RunGenerators(compilation);
        var first = driver.GetRunResult();
        Assert.Empty(first.Diagnostics);
        var urls = first.Results.Single().GeneratedSources.Single(s => s.HintName == "Urls.g.cs").SourceText;

        var tree = compilation.SyntaxTrees.Last();
        var unrelated = Median(5, i =>
        {
            var edited = compilation.ReplaceSyntaxTree(tree, tree.WithChangedText(Microsoft.CodeAnalysis.Text.SourceText.From($"namespace App {{ public static class Other {{ public static int X => {i}; }} }}")));
            return Time(() => driver = driver.RunGenerators(edited));
        });
        Assert.All(driver.GetRunResult().Results.Single().TrackedOutputSteps.SelectMany(p => p.Value).SelectMany(s => s.Outputs), o =>
            Assert.True(o.Reason is IncrementalStepRunReason.Cached or IncrementalStepRunReason.Unchanged, o.Reason.ToString()));

        var current = files[0];
        var yamlEdit = Median(5, i =>
        {
            // One line: the default sort of one table flips between two existing columns.
            var at = config.IndexOf("sort: name", StringComparison.Ordinal);
            var next = new InMemoryAdditionalText(Paths.Config, i % 2 == 0 ? config.Substring(0, at) + "sort: kind" + config.Substring(at + 10) : config);
            driver = driver.ReplaceAdditionalText(current, next);
            current = next;
            return Time(() => driver = driver.RunGenerators(compilation));
        });
        Assert.Empty(driver.GetRunResult().Diagnostics);

        output.WriteLine($"{Databases} databases x {Tables} tables: datasette.yaml {config.Length / 1024} KiB, snapshot {snapshot.Length / 1024} KiB, Urls.g.cs {urls.Length / 1024} KiB");
        output.WriteLine($"clean run:                 {clean.TotalMilliseconds,8:F1} ms (median of 3); slowest steps: {string.Join(", ", steps.Select(s => $"{s.Name} {s.Elapsed.TotalMilliseconds:F0} ms"))}");
        output.WriteLine($"unrelated C# edit:         {unrelated.TotalMilliseconds,8:F1} ms (median of 5)");
        output.WriteLine($"one-line datasette.yaml:   {yamlEdit.TotalMilliseconds,8:F1} ms (median of 5)");
    }

    private static TimeSpan Time(Action action)
    {
        var watch = Stopwatch.StartNew();
        action();
        return watch.Elapsed;
    }

    private static TimeSpan Median(int runs, Func<int, TimeSpan> run) =>
        Enumerable.Range(0, runs).Select(run).OrderBy(t => t).ElementAt(runs / 2);

    private static (string Config, string Snapshot) Deployment()
    {
        const string query = "select id, name from t00 where kind = :kind";
        var config = new StringBuilder("settings:\n  default_page_size: 50\ndatabases:\n");
        var databases = new List<DatabaseSnapshot>();
        for (var d = 0; d < Databases; d++)
        {
            var name = $"db{d:D3}";
            config.Append($"  {name}:\n    tables:\n");
            var tables = new List<TableSnapshot>();
            for (var t = 0; t < Tables; t++)
            {
                config.Append($"      t{t:D2}:\n        sort: name\n        label_column: name\n        sortable_columns: [name, kind, created]\n        facets: [kind, {{date: created}}]\n");
                tables.Add(Table($"t{t:D2}", new[] { "id INTEGER", "name TEXT", "kind TEXT", "created TEXT", "notes TEXT" }, new[] { "id" }));
            }
            config.Append($"    queries:\n      by_kind: {query}\n");
            databases.Add(Database(name, tables.ToArray(), (query, null)));
        }
        return (config.ToString(), Json(databases.ToArray()));
    }
}
