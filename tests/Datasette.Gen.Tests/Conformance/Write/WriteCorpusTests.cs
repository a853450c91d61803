using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Threading.Tasks;
using Datasette.Gen.Tests.Infrastructure;
using Xunit.Abstractions;

namespace Datasette.Gen.Tests.Conformance.Write;

/// <summary>
/// Replays the write-API corpus (tests/conformance/write, recorded from Datasette 1.0a37) step by
/// step, each scenario against its own fresh copy of the data, and compares every answer with the
/// recording by compare.py's rules. Every step passes except those in <see cref="KnownGaps"/>,
/// each with its reason; a listed step that starts passing fails the test too, so the list only
/// shrinks.
/// </summary>
public sealed class WriteCorpusTests(ITestOutputHelper output)
{
    private static string Corpus => Path.Combine(Paths.Conformance, "write");

    /// <summary>Steps that do not match yet, by "scenario#step", with why.</summary>
    private static readonly Dictionary<string, string> KnownGaps = Gaps(new (string Reason, string[] Steps)[]
    {
    });

    private static Dictionary<string, string> Gaps((string Reason, string[] Steps)[] groups) =>
        groups.SelectMany(g => g.Steps.Select(step => (step, g.Reason))).ToDictionary(p => p.step, p => p.Reason, StringComparer.Ordinal);

    [Fact]
    public async Task Write_corpus_matches_the_reference_except_the_listed_gaps()
    {
        var steps = WriteCorpusStep.ReadAll(Path.Combine(Corpus, "scenarios.jsonl"));
        var references = WriteReference.ReadAll(Path.Combine(Corpus, "reference.jsonl")).ToDictionary(r => r.Label, StringComparer.Ordinal);
        Assert.True(steps.Count >= 169 && references.Count == steps.Count, $"the corpus lost steps ({steps.Count} steps, {references.Count} answers)");
        var tokens = await WriteCorpusReplayer.Tokens.CreateAsync(Path.Combine(Corpus, "tokens.json"));

        var results = new List<(WriteCorpusStep Step, bool Passed, string Line)>();
        foreach (var scenario in steps.GroupBy(s => s.Scenario))
        {
            var answers = await WriteCorpusReplayer.ReplayScenarioAsync(scenario.ToList(), tokens);
            foreach (var (step, answer) in scenario.Zip(answers))
            {
                var reference = references[step.Label];
                var where = $"{step.Label} {step.Method} {step.Path}";
                var reasons = WriteCorpusComparer.Differences(reference.Answer, answer);
                var tolerated = reasons.Count > 0 ? WriteCorpusComparer.Tolerated(reference, answer) : null;
                results.Add(reasons.Count == 0 ? (step, true, "PASS " + where)
                    : tolerated is not null ? (step, true, $"TOLERATED {where}: {tolerated}")
                    : (step, false, $"FAIL {where}: {string.Join("; ", reasons)}"));
            }
        }

        foreach (var (_, _, line) in results)
        {
            output.WriteLine(line);
        }
        foreach (var category in results.GroupBy(r => r.Step.Category))
        {
            output.WriteLine($"{category.Key}: {category.Count(r => r.Passed)} passed, {category.Count(r => !r.Passed)} failed");
        }
        output.WriteLine($"all: {results.Count(r => r.Passed)} passed, {results.Count(r => !r.Passed)} failed");

        var unexpected = results.Where(r => !r.Passed && !KnownGaps.ContainsKey(r.Step.Label)).Select(r => r.Line).ToList();
        var fixedGaps = results.Where(r => r.Passed && KnownGaps.ContainsKey(r.Step.Label)).Select(r => $"{r.Step.Label} now passes: remove it from KnownGaps ({KnownGaps[r.Step.Label]})").ToList();
        var stale = KnownGaps.Keys.Where(k => results.All(r => r.Step.Label != k)).Select(k => $"{k} is not a step of the corpus").ToList();
        Assert.True(unexpected.Count + fixedGaps.Count + stale.Count == 0, string.Join("\n", unexpected.Concat(fixedGaps).Concat(stale)));
    }
}
