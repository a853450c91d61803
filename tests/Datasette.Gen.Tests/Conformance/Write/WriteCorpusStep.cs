using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text;
using Datasette.Gen.Configuration;

namespace Datasette.Gen.Tests.Conformance.Write;

/// <summary>
/// One step of tests/conformance/write/scenarios.jsonl: a request replayed against the scenario's
/// own fresh server, in file order. <see cref="Index"/> is 0-based within the scenario.
/// </summary>
internal sealed record WriteCorpusStep(
    string Scenario,
    int Index,
    string Category,
    string Method,
    string Path,
    string Auth,
    CorpusValue? Body,
    bool Raw,
    IReadOnlyList<KeyValuePair<string, string?>> Headers,
    bool Immutable,
    IReadOnlyList<KeyValuePair<string, string>> Settings)
{
    public string Label => $"{Scenario}#{Index}";

    public static List<WriteCorpusStep> ReadAll(string file)
    {
        var steps = new List<WriteCorpusStep>();
        var counters = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var line in File.ReadLines(file))
        {
            if (line.Trim().Length == 0 || line.TrimStart().StartsWith('#'))
            {
                continue;
            }
            var step = (ObjectValue)CorpusJson.Parse(line);
            var scenario = Text(step["scenario"])!;
            var index = counters.GetValueOrDefault(scenario);
            counters[scenario] = index + 1;
            var headers = step["headers"] is ObjectValue h
                ? h.Members.Select(m => new KeyValuePair<string, string?>(m.Key, (m.Value as StringValue)?.Value)).ToList()
                : new List<KeyValuePair<string, string?>>();
            var serve = step["serve"] as ObjectValue;
            var settings = serve?["settings"] is ObjectValue s
                ? s.Members.Select(m => new KeyValuePair<string, string>(m.Key, m.Value is StringValue text ? text.Value : m.Value.ToString())).ToList()
                : new List<KeyValuePair<string, string>>();
            steps.Add(new WriteCorpusStep(
                scenario,
                index,
                Text(step["category"]) ?? "?",
                Text(step["method"]) ?? "POST",
                Text(step["path"])!,
                Text(step["auth"]) ?? "root",
                step["body"] is NullValue ? null : step["body"],
                step["raw"] is BooleanValue { Value: true },
                headers,
                serve?["immutable"] is BooleanValue { Value: true },
                settings));
        }
        return steps;
    }

    /// <summary>The bytes replay.py sends: the raw string, or Python's <c>json.dumps(body)</c>; null without a body.</summary>
    public byte[]? BodyBytes() => Body switch
    {
        null => null,
        StringValue text when Raw => Encoding.UTF8.GetBytes(text.Value),
        _ when Raw => throw new InvalidDataException($"{Label}: \"raw\": true needs a string body"),
        _ => Encoding.ASCII.GetBytes(PythonDumps(Body)),
    };

    /// <summary>Python's <c>json.dumps</c> with its defaults: ", " and ": " separators, non-ASCII escaped as \uXXXX.</summary>
    internal static string PythonDumps(CorpusValue value)
    {
        var text = new StringBuilder();
        Dump(value, text);
        return text.ToString();
    }

    private static void Dump(CorpusValue value, StringBuilder text)
    {
        switch (value)
        {
            case ObjectValue o:
                text.Append('{');
                for (var i = 0; i < o.Members.Count; i++)
                {
                    text.Append(i == 0 ? "" : ", ");
                    DumpString(o.Members[i].Key, text);
                    text.Append(": ");
                    Dump(o.Members[i].Value, text);
                }
                text.Append('}');
                break;
            case ArrayValue a:
                text.Append('[');
                for (var i = 0; i < a.Items.Count; i++)
                {
                    text.Append(i == 0 ? "" : ", ");
                    Dump(a.Items[i], text);
                }
                text.Append(']');
                break;
            case StringValue s:
                DumpString(s.Value, text);
                break;
            default:
                value.Render(text);
                break;
        }
    }

    // Python's json.dumps with its default ensure_ascii, as replay.py sends bodies: the shared writer's ASCII mode.
    private static void DumpString(string value, StringBuilder text) => JsonString.Append(text, value, JsonStringEscapes.PythonAscii);

    private static string? Text(CorpusValue? value) => (value as StringValue)?.Value;
}
