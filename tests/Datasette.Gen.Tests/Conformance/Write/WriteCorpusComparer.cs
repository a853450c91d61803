using System;
using System.Collections.Generic;
using System.Linq;
using System.Net;
using System.Text.RegularExpressions;

namespace Datasette.Gen.Tests.Conformance.Write;

/// <summary>One answer to one step, recorded (a line of reference.jsonl) or replayed against our server.</summary>
internal sealed record WriteStepAnswer(int? Status, string? ContentType, string BodyKind, CorpusValue Body);

/// <summary>A reference line's answer plus the flags replay.py copies from the step (reference bugs).</summary>
internal sealed record WriteReference(string Scenario, int Step, string Method, string Path, WriteStepAnswer Answer, bool Reference500, bool ReferenceBug, IReadOnlyList<string> AcceptStatus)
{
    public string Label => $"{Scenario}#{Step}";

    public static List<WriteReference> ReadAll(string file) =>
        System.IO.File.ReadLines(file).Where(l => l.Trim().Length > 0).Select(line =>
        {
            var r = (ObjectValue)CorpusJson.Parse(line);
            var accept = r["accept_status"] is ArrayValue list ? list.Items.Select(i => i is StringValue s ? s.Value : i.ToString()).ToList() : new List<string>();
            return new WriteReference(
                ((StringValue)r["scenario"]!).Value,
                (int)((IntegerValue)r["step"]!).Value,
                (r["method"] as StringValue)?.Value ?? "POST",
                ((StringValue)r["path"]!).Value,
                new WriteStepAnswer(r["status"] is IntegerValue status ? (int)status.Value : null, (r["content_type"] as StringValue)?.Value, (r["body_kind"] as StringValue)?.Value ?? "empty", r["body"] ?? new StringValue("")),
                r["reference_500"] is BooleanValue { Value: true },
                r["reference_bug"] is StringValue { Value.Length: > 0 },
                accept);
        }).ToList();
}

/// <summary>
/// The rules of tests/conformance/write's compare.py with its default options: status exactly,
/// media type (lower-cased, parameters dropped), body kind, then JSON structurally (key order
/// ignored, list order kept, int and float different) after dropping "query_ms"/"_traces" and
/// writing every loopback host:port as HOST:PORT; text/html by the whitespace-collapsed text of its
/// &lt;section class="content"&gt;; other text exactly; binary by hash. A step flagged as a
/// reference bug is tolerated when we answer properly instead (<see cref="Tolerated"/>).
/// </summary>
internal static partial class WriteCorpusComparer
{
    [GeneratedRegex(@"(?:127\.\d{1,3}\.\d{1,3}\.\d{1,3}|localhost|\[::1\]):\d+")]
    private static partial Regex HostPort();

    [GeneratedRegex(@"<section class=""content"">(.*?)</section>", RegexOptions.Singleline)]
    private static partial Regex ContentSection();

    [GeneratedRegex(@"<[^>]+>")]
    private static partial Regex Tag();

    [GeneratedRegex(@"\s+")]
    private static partial Regex Whitespace();

    private static readonly HashSet<string> IgnoredKeys = new(StringComparer.Ordinal) { "query_ms", "_traces" };

    /// <summary>Why <paramref name="actual"/> differs from the recording; empty when it matches.</summary>
    public static List<string> Differences(WriteStepAnswer expected, WriteStepAnswer actual)
    {
        var reasons = new List<string>();
        if (expected.Status != actual.Status)
        {
            reasons.Add($"status {expected.Status?.ToString() ?? "none"} != {actual.Status?.ToString() ?? "none"}");
        }
        var mediaType = CorpusComparer.MediaType(expected.ContentType);
        if (mediaType != CorpusComparer.MediaType(actual.ContentType))
        {
            reasons.Add($"content-type '{mediaType}' != '{CorpusComparer.MediaType(actual.ContentType)}'");
        }
        if (expected.BodyKind != actual.BodyKind)
        {
            reasons.Add($"body kind {expected.BodyKind} != {actual.BodyKind}");
            return reasons;
        }
        switch (expected.BodyKind)
        {
            case "json":
                reasons.AddRange(CorpusComparer.JsonDifferences(Normalised(expected.Body), Normalised(actual.Body)));
                break;
            case "text" when expected.Body is StringValue a && actual.Body is StringValue b:
                var (want, got) = mediaType == "text/html" ? (HtmlText(a.Value), HtmlText(b.Value)) : (HostNormalised(a.Value), HostNormalised(b.Value));
                if (want != got)
                {
                    reasons.Add($"text {CorpusJson.Quote(Shorten(want))} != {CorpusJson.Quote(Shorten(got))}");
                }
                break;
            default:
                if (CorpusComparer.JsonDifferences(expected.Body, actual.Body).Count > 0)
                {
                    reasons.Add($"body differs: {Shorten(expected.Body.ToString())} != {Shorten(actual.Body.ToString())}");
                }
                break;
        }
        return reasons;
    }

    /// <summary>
    /// compare.py's tolerance for a step flagged reference_500 or reference_bug: a POST passes when we
    /// answer JSON with a status its accept_status allows (default 4xx); the GET reading back the
    /// state after it passes when the status matches. Null when not tolerated.
    /// </summary>
    public static string? Tolerated(WriteReference reference, WriteStepAnswer actual)
    {
        if (!reference.Reference500 && !reference.ReferenceBug)
        {
            return null;
        }
        if (reference.Method == "GET")
        {
            return actual.Status == reference.Answer.Status ? "state after a reference bug; same status" : null;
        }
        var accept = reference.AcceptStatus.Count > 0 ? reference.AcceptStatus : new[] { "4xx" };
        var status = actual.Status?.ToString(System.Globalization.CultureInfo.InvariantCulture);
        var accepted = status is { Length: 3 } && accept.Any(a => a == status || (a.EndsWith("xx", StringComparison.Ordinal) && a[0] == status[0]));
        return actual.BodyKind == "json" && accepted ? $"reference {(reference.Reference500 ? "500" : "bug")}; candidate answered {status}" : null;
    }

    internal static string HostNormalised(string text) => HostPort().Replace(text, "HOST:PORT");

    internal static string HtmlText(string body)
    {
        body = HostNormalised(body);
        var match = ContentSection().Match(body);
        var text = match.Success ? match.Groups[1].Value : body;
        return Whitespace().Replace(WebUtility.HtmlDecode(Tag().Replace(text, " ")), " ").Trim();
    }

    private static CorpusValue Normalised(CorpusValue value) => value switch
    {
        ObjectValue o => new ObjectValue(o.Members.Where(m => !IgnoredKeys.Contains(m.Key))
            .Select(m => new KeyValuePair<string, CorpusValue>(m.Key, Normalised(m.Value))).ToList()),
        ArrayValue a => new ArrayValue(a.Items.Select(Normalised).ToList()),
        StringValue s => new StringValue(HostNormalised(s.Value)),
        _ => value,
    };

    private static string Shorten(string text) => text.Length <= 90 ? text : text[..87] + "...";
}
