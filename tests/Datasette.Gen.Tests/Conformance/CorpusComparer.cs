using System;
using System.Collections.Generic;
using System.Linq;
using System.Numerics;
using System.Text.RegularExpressions;

namespace Datasette.Gen.Tests.Conformance;

/// <summary>The verdict on one corpus path: no reasons means it passed.</summary>
internal sealed record CaseOutcome(string Path, string? Category, IReadOnlyList<string> Reasons)
{
    public bool Passed => Reasons.Count == 0;

    /// <summary>"PASS path" or "FAIL path: reason; reason".</summary>
    public string Line => Passed ? "PASS " + Path : $"FAIL {Path}: {string.Join("; ", Reasons)}";
}

/// <summary>
/// Compares our answers with Datasette's recorded ones. Compared: the status exactly, the media
/// type (lower-cased, parameters such as charset dropped), the Location header of a redirect, and
/// the body: JSON structurally (object key order ignored, list order kept, 1 and 1.0 different),
/// text exactly, binary by hash. HTML bodies are not compared. Normalised on both sides because it
/// depends on the instance or the moment, not on behaviour: "query_ms" and "_traces" anywhere,
/// the bodies of /-/versions and /-/threads, the loopback host and port in URLs, the "datetime"
/// column of the magic_parameters query, and the directories of /-/databases' paths.
/// </summary>
internal static partial class CorpusComparer
{
    public const int MaxDifferencesPerCase = 5;

    private static readonly HashSet<string> KeysIgnoredEverywhere = new(StringComparer.Ordinal) { "query_ms", "_traces" };

    [GeneratedRegex(@"^/-/(versions|threads)(\.json)?(\?|$)")]
    private static partial Regex BodyIgnoredPath();

    [GeneratedRegex(@"/magic_parameters(\.json)?$")]
    private static partial Regex MagicParametersPath();

    [GeneratedRegex(@"^/-/databases(\.json)?(\?|$)")]
    private static partial Regex DatabasesPath();

    [GeneratedRegex(@"https?://(?:127\.[0-9]+\.[0-9]+\.[0-9]+|localhost|\[::1\])(?::[0-9]+)?")]
    private static partial Regex LoopbackUrl();

    [GeneratedRegex(@"^(?:127\.[0-9]+\.[0-9]+\.[0-9]+|localhost|\[::1\])(?::[0-9]+)?$")]
    private static partial Regex LoopbackHost();

    /// <summary>One outcome per path: the reference's paths in order, then any the candidate has in addition.</summary>
    public static List<CaseOutcome> Compare(IEnumerable<CorpusRecord> reference, IEnumerable<CorpusRecord> candidate)
    {
        var references = LastPerPath(reference, out var order);
        var candidates = LastPerPath(candidate, out var candidateOrder);
        var outcomes = new List<CaseOutcome>();
        foreach (var path in order.Concat(candidateOrder.Where(p => !references.ContainsKey(p))))
        {
            var found = candidates.GetValueOrDefault(path);
            outcomes.Add(references.TryGetValue(path, out var expected)
                ? new CaseOutcome(path, found?.Category ?? expected.Category, CompareCase(expected, found))
                : new CaseOutcome(path, found!.Category, new[] { "not in reference (extra case in candidate)" }));
        }
        return outcomes;
    }

    /// <summary>Why <paramref name="actual"/> is not the recorded answer; empty when it is.</summary>
    public static List<string> CompareCase(CorpusRecord expected, CorpusRecord? actual)
    {
        if (actual is null)
        {
            return new List<string> { "missing from candidate" };
        }
        var reasons = new List<string>();
        if (expected.Status != actual.Status)
        {
            reasons.Add($"status {Show(expected.Status)} != {Show(actual.Status)}");
        }
        var mediaType = MediaType(expected.ContentType);
        if (mediaType != MediaType(actual.ContentType))
        {
            reasons.Add($"content-type '{mediaType}' != '{MediaType(actual.ContentType)}'");
        }
        if (expected.Status / 100 == 3 || actual.Status / 100 == 3)
        {
            var want = expected.Headers.TryGetValue("location", out var a) ? HostNormalised(a) : null;
            var got = actual.Headers.TryGetValue("location", out var b) ? HostNormalised(b) : null;
            if (want != got)
            {
                reasons.Add($"header location: {Show(want)} != {Show(got)}");
            }
        }
        if (BodyIgnoredPath().IsMatch(expected.Path) || mediaType == "text/html")
        {
            return reasons;
        }
        reasons.AddRange(BodyDifferences(expected, actual));
        return reasons;
    }

    /// <summary>The media type alone, lower-cased: "application/json; charset=utf-8" is "application/json".</summary>
    public static string MediaType(string? contentType) =>
        (contentType ?? "").Split(';')[0].Trim().ToLowerInvariant();

    /// <summary>A loopback URL's scheme, host and port become "http://HOST"; a bare loopback host[:port] becomes "HOST".</summary>
    public static string HostNormalised(string text) =>
        LoopbackHost().IsMatch(text) ? "HOST" : LoopbackUrl().Replace(text, "http://HOST");

    /// <summary>The JSON body with everything instance- or time-dependent removed (see the class summary).</summary>
    public static CorpusValue Normalised(CorpusValue body, string path)
    {
        var value = WithoutVolatileParts(body);
        if (MagicParametersPath().IsMatch(path.Split('?')[0]))
        {
            value = MapRows(value, row => Without(row, "datetime"));
        }
        if (DatabasesPath().IsMatch(path) && value is ObjectValue page && page["databases"] is ArrayValue databases)
        {
            value = Replace(page, "databases", new ArrayValue(databases.Items.Select(d =>
                d is ObjectValue database && database["path"] is StringValue file
                    ? Replace(database, "path", new StringValue(file.Value.Replace('\\', '/').Split('/')[^1]))
                    : d).ToList()));
        }
        return value;
    }

    /// <summary>Structural differences, at most <see cref="MaxDifferencesPerCase"/>, each as "$.json.path: expected != actual".</summary>
    public static List<string> JsonDifferences(CorpusValue expected, CorpusValue actual)
    {
        var differences = new List<string>();
        AddDifferences(expected, actual, "$", differences);
        return differences;
    }

    private static IEnumerable<string> BodyDifferences(CorpusRecord expected, CorpusRecord actual)
    {
        var json = expected.BodyKind is "json" or "ndjson";
        if (expected.BodyKind != actual.BodyKind)
        {
            return new[] { $"body kind {expected.BodyKind} != {actual.BodyKind}" };
        }
        if (json)
        {
            return JsonDifferences(Normalised(expected.Body, expected.Path), Normalised(actual.Body, actual.Path));
        }
        if (expected.BodyKind == "binary")
        {
            return JsonDifferences(expected.Body, actual.Body).Count == 0 ? Array.Empty<string>() : new[] { $"binary body differs: {expected.Body} != {actual.Body}" };
        }
        if (expected.Body is StringValue a && actual.Body is StringValue b)
        {
            var want = HostNormalised(a.Value);
            var got = HostNormalised(b.Value);
            return want == got ? Array.Empty<string>() : new[] { FirstTextDifference(want, got) };
        }
        return JsonDifferences(expected.Body, actual.Body).Count == 0 ? Array.Empty<string>() : new[] { "body differs" };
    }

    private static void AddDifferences(CorpusValue expected, CorpusValue actual, string where, List<string> differences)
    {
        if (differences.Count >= MaxDifferencesPerCase)
        {
            return;
        }
        switch (expected, actual)
        {
            case (ObjectValue a, ObjectValue b):
                var missing = a.Members.Where(m => b[m.Key] is null).Select(m => m.Key).ToList();
                var extra = b.Members.Where(m => a[m.Key] is null).Select(m => m.Key).ToList();
                if (missing.Count > 0)
                {
                    differences.Add($"{where}: keys missing in candidate: {KeyList(missing)}");
                }
                if (extra.Count > 0)
                {
                    differences.Add($"{where}: unexpected keys in candidate: {KeyList(extra)}");
                }
                foreach (var (key, value) in a.Members)
                {
                    if (b[key] is { } other)
                    {
                        AddDifferences(value, other, $"{where}.{key}", differences);
                    }
                }
                break;
            case (ArrayValue a, ArrayValue b):
                if (a.Items.Count != b.Items.Count)
                {
                    differences.Add($"{where}: list length {a.Items.Count} != {b.Items.Count}");
                }
                for (var i = 0; i < Math.Min(a.Items.Count, b.Items.Count); i++)
                {
                    AddDifferences(a.Items[i], b.Items[i], $"{where}[{i}]", differences);
                }
                break;
            case (IntegerValue or FloatValue, IntegerValue or FloatValue):
                if (!SameNumber(expected, actual))
                {
                    differences.Add($"{where}: {Short(expected)} != {Short(actual)}");
                }
                else if (expected.GetType() != actual.GetType())
                {
                    differences.Add($"{where}: {Short(expected)} != {Short(actual)} (int/float)");
                }
                break;
            default:
                if (!SameScalar(expected, actual))
                {
                    differences.Add($"{where}: {Short(expected)} != {Short(actual)}");
                }
                break;
        }
        if (differences.Count > MaxDifferencesPerCase)
        {
            differences.RemoveRange(MaxDifferencesPerCase, differences.Count - MaxDifferencesPerCase);
        }
    }

    private static bool SameNumber(CorpusValue a, CorpusValue b) => (a, b) switch
    {
        (IntegerValue x, IntegerValue y) => x.Value == y.Value,
        // NaN equals NaN here: the same token on both sides is the same answer.
        (FloatValue x, FloatValue y) => x.Value.Equals(y.Value),
        (IntegerValue x, FloatValue y) => IntegerEqualsFloat(x.Value, y.Value),
        (FloatValue x, IntegerValue y) => IntegerEqualsFloat(y.Value, x.Value),
        _ => false,
    };

    private static bool IntegerEqualsFloat(BigInteger integer, double number) =>
        double.IsFinite(number) && Math.Floor(number) == number && new BigInteger(number) == integer;

    private static bool SameScalar(CorpusValue a, CorpusValue b) => (a, b) switch
    {
        (StringValue x, StringValue y) => x.Value == y.Value,
        (BooleanValue x, BooleanValue y) => x.Value == y.Value,
        (NullValue, NullValue) => true,
        _ => false,
    };

    private static CorpusValue WithoutVolatileParts(CorpusValue value) => value switch
    {
        ObjectValue o => new ObjectValue(o.Members.Where(m => !KeysIgnoredEverywhere.Contains(m.Key))
            .Select(m => new KeyValuePair<string, CorpusValue>(m.Key, WithoutVolatileParts(m.Value))).ToList()),
        ArrayValue a => new ArrayValue(a.Items.Select(WithoutVolatileParts).ToList()),
        StringValue s => new StringValue(HostNormalised(s.Value)),
        _ => value,
    };

    /// <summary>Applies <paramref name="map"/> to each object row of the page's "rows" (or of the body when it is the list).</summary>
    private static CorpusValue MapRows(CorpusValue body, Func<ObjectValue, ObjectValue> map)
    {
        static ArrayValue MapList(ArrayValue rows, Func<ObjectValue, ObjectValue> map) =>
            new(rows.Items.Select(r => r is ObjectValue row ? map(row) : r).ToList());
        return body switch
        {
            ObjectValue page when page["rows"] is ArrayValue rows => Replace(page, "rows", MapList(rows, map)),
            ArrayValue rows => MapList(rows, map),
            _ => body,
        };
    }

    private static ObjectValue Without(ObjectValue value, string key) => new(value.Members.Where(m => m.Key != key).ToList());

    private static ObjectValue Replace(ObjectValue value, string key, CorpusValue replacement) =>
        new(value.Members.Select(m => m.Key == key ? new KeyValuePair<string, CorpusValue>(key, replacement) : m).ToList());

    private static Dictionary<string, CorpusRecord> LastPerPath(IEnumerable<CorpusRecord> records, out List<string> order)
    {
        var byPath = new Dictionary<string, CorpusRecord>(StringComparer.Ordinal);
        order = new List<string>();
        foreach (var record in records)
        {
            if (!byPath.ContainsKey(record.Path))
            {
                order.Add(record.Path);
            }
            byPath[record.Path] = record;
        }
        return byPath;
    }

    private static string FirstTextDifference(string expected, string actual)
    {
        var at = 0;
        while (at < expected.Length && at < actual.Length && expected[at] == actual[at])
        {
            at++;
        }
        if (at == Math.Min(expected.Length, actual.Length))
        {
            return $"text length {expected.Length} != {actual.Length}";
        }
        string Around(string text) => CorpusJson.Quote(text.Substring(Math.Max(0, at - 20), Math.Min(text.Length, at + 40) - Math.Max(0, at - 20)));
        return $"text differs at char {at}: {Around(expected)} != {Around(actual)}";
    }

    private static string KeyList(IEnumerable<string> keys) => "[" + string.Join(", ", keys.Select(CorpusJson.Quote)) + "]";

    private static string Short(CorpusValue value)
    {
        var text = value.ToString();
        return text.Length <= 80 ? text : text[..77] + "...";
    }

    private static string Show(int? status) => status?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "none";

    private static string Show(string? header) => header is null ? "none" : CorpusJson.Quote(header);
}
