using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Numerics;

namespace Datasette.Gen.Tests.Conformance;

/// <summary>
/// One answer to one corpus path, recorded (a line of reference*.jsonl) or captured from our server.
/// <see cref="Body"/> is what the JSONL stores for <see cref="BodyKind"/>: the parsed value for json,
/// the list of parsed lines for ndjson, the text for text, {sha256, length} for binary, "" for
/// empty, the failure for error.
/// </summary>
internal sealed record CorpusRecord(
    string Path,
    string? Category,
    int? Status,
    string? ContentType,
    IReadOnlyDictionary<string, string> Headers,
    string BodyKind,
    CorpusValue Body)
{
    /// <summary>The records of a reference*.jsonl file in file order; a repeated path keeps its last record.</summary>
    public static List<CorpusRecord> ReadJsonLines(string file)
    {
        var records = new List<CorpusRecord>();
        foreach (var line in File.ReadLines(file))
        {
            if (line.Trim().Length == 0)
            {
                continue;
            }
            var record = (ObjectValue)CorpusJson.Parse(line);
            var headers = record["headers"] is ObjectValue h
                ? h.Members.ToDictionary(m => m.Key, m => ((StringValue)m.Value).Value, StringComparer.Ordinal)
                : new Dictionary<string, string>(StringComparer.Ordinal);
            records.Add(new CorpusRecord(
                Text(record["path"]) ?? throw new InvalidDataException($"{file}: a record without a path"),
                Text(record["category"]),
                record["status"] is IntegerValue status ? (int)status.Value : null,
                Text(record["content_type"]),
                headers,
                Text(record["body_kind"]) ?? "empty",
                record["body"] ?? new StringValue("")));
        }
        return records;
    }

    /// <summary>The stored form of a binary body.</summary>
    public static CorpusValue BinaryBody(string sha256, long length) =>
        new ObjectValue(new KeyValuePair<string, CorpusValue>[] { new("sha256", new StringValue(sha256)), new("length", new IntegerValue(new BigInteger(length))) });

    private static string? Text(CorpusValue? value) => (value as StringValue)?.Value;
}
