using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Threading.Tasks;
using Datasette.Gen.Tests.Infrastructure;
using Xunit.Abstractions;

namespace Datasette.Gen.Tests.Conformance;

/// <summary>
/// Asks a live server for every path of the public corpus (tests/conformance) and fails if any
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
    /// <see cref="CorpusComparer"/> must report (reference first): anything else about them must still match.
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

    /// <summary>Serves nothing itself: asks <paramref name="server"/> for every path of the urls file and compares with the recording.</summary>
    internal static async Task<List<CaseResult>> CompareAsync(TestServer server, string urlsFile, string referenceFile)
    {
        var corpus = Paths.Conformance;
        var captured = await CaptureClient.CaptureAsync(server.BaseUrl, CorpusUrls.Read(Path.Combine(corpus, urlsFile)));
        var reference = CorpusRecord.ReadJsonLines(Path.Combine(corpus, referenceFile));
        return CorpusComparer.Compare(reference, captured)
            .Select(o => new CaseResult(o.Path, o.Category ?? "?", o.Passed, o.Line))
            .ToList();
    }
}
