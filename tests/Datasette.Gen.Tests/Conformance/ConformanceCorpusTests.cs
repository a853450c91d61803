using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Threading.Tasks;
using Datasette.Gen.Tests.Infrastructure;
using Xunit.Abstractions;

namespace Datasette.Gen.Tests.Conformance;

/// <summary>
/// Runs ../shared/conformance's capture.py and compare.py against a live server and fails if any
/// case of a category this runtime already covers differs from Datasette 1.0a37's recording.
/// </summary>
public sealed class ConformanceCorpusTests(ITestOutputHelper output)
{
    /// <summary>Categories that must pass completely; the others are reported but not yet required.</summary>
    private static readonly string[] RequiredCategories =
    {
        "index", "database", "table-shapes", "pagination-size-sort", "filters", "where-col-nocol",
        "rows", "custom-sql", "errors", "redirects-misc", "introspection",
        "canned-queries", "csv", "extras", "facets", "html", "labels-fk", "search-fts",
    };

    /// <summary>
    /// Cases where we answer better than the recording on purpose, with the exact difference
    /// compare.py must report (reference first): anything else about them must still match.
    /// </summary>
    private static readonly Dictionary<string, string> DeliberateDifferences = new()
    {
        // A facet on a missing column is the client's mistake: 400 with SQLite's message, not a 500.
        ["/fixtures/facetable.json?_facet=nosuchcolumn"] = "status 500 != 400; $.status: 500 != 400",
    };

    [Fact]
    public async Task Public_corpus_matches_the_reference_in_every_required_category()
    {
        await using var server = await TestServer.StartFixturesAsync();
        var results = await CompareAsync(server, "urls.txt", "reference.jsonl");

        var failures = results
            .Where(r => !r.Passed && RequiredCategories.Contains(r.Category))
            .Where(r => !(DeliberateDifferences.TryGetValue(r.Path, out var expected) && r.Line.EndsWith(": " + expected, StringComparison.Ordinal)))
            .ToList();
        foreach (var group in results.GroupBy(r => r.Category).OrderBy(g => g.Key, StringComparer.Ordinal))
        {
            output.WriteLine($"{group.Key}: {group.Count(r => r.Passed)} passed, {group.Count(r => !r.Passed)} failed");
        }
        output.WriteLine($"all: {results.Count(r => r.Passed)} passed, {results.Count(r => !r.Passed)} failed");
        Assert.True(failures.Count == 0, "Failing cases:\n" + string.Join("\n", failures.Select(f => f.Line)));
        Assert.True(results.Count(r => RequiredCategories.Contains(r.Category)) >= 90, "the corpus lost cases");
    }

    internal sealed record CaseResult(string Path, string Category, bool Passed, string Line);

    internal static async Task<List<CaseResult>> CompareAsync(TestServer server, string urlsFile, string referenceFile)
    {
        var corpus = Paths.Conformance;
        var capture = Path.Combine(Path.GetTempPath(), $"datasette-gen-capture-{Guid.NewGuid():N}.jsonl");
        try
        {
            await RunPythonAsync(corpus, "capture.py", server.BaseUrl, urlsFile, capture);
            var comparison = await RunPythonAsync(corpus, "compare.py", referenceFile, capture);
            var categories = ReadCategories(Path.Combine(corpus, urlsFile));
            var results = new List<CaseResult>();
            foreach (var line in comparison.Split('\n'))
            {
                var passed = line.StartsWith("PASS ", StringComparison.Ordinal);
                if (!passed && !line.StartsWith("FAIL ", StringComparison.Ordinal))
                {
                    continue;
                }
                var path = passed ? line[5..].TrimEnd() : line[5..line.IndexOf(": ", 5, StringComparison.Ordinal)];
                results.Add(new CaseResult(path, categories.GetValueOrDefault(path, "?"), passed, line));
            }
            return results;
        }
        finally
        {
            File.Delete(capture);
        }
    }

    private static Dictionary<string, string> ReadCategories(string urlsFile)
    {
        var categories = new Dictionary<string, string>(StringComparer.Ordinal);
        var category = "?";
        foreach (var raw in File.ReadLines(urlsFile))
        {
            var line = raw.Trim();
            if (line.StartsWith("# category:", StringComparison.OrdinalIgnoreCase))
            {
                category = line[(line.IndexOf(':') + 1)..].Trim();
            }
            else if (line.Length > 0 && !line.StartsWith('#'))
            {
                categories[line] = category;
            }
        }
        return categories;
    }

    private static async Task<string> RunPythonAsync(string workingDirectory, params string[] arguments)
    {
        var start = new ProcessStartInfo("python3") { WorkingDirectory = workingDirectory, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }
        using var process = Process.Start(start) ?? throw new InvalidOperationException("python3 did not start");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        var text = await stdout;
        if (process.ExitCode > 1)
        {
            throw new InvalidOperationException($"python3 {string.Join(' ', arguments)} exited {process.ExitCode}: {await stderr}");
        }
        return text;
    }
}
