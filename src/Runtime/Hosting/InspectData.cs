using System.Text.Json;
using Datasette.Gen.Runtime.Data;
using Datasette.Gen.Runtime.Json;

namespace Datasette.Gen.Runtime.Hosting;

/// <summary>
/// Reads and writes Datasette's inspect file (<c>datasette inspect</c> / <c>--inspect-file</c>):
/// precomputed hashes and counts, so immutable databases need no hashing or counting at start-up.
/// </summary>
internal static class InspectData
{
    public static IReadOnlyList<InspectEntry> Read(string path) => Parse(StartupFiles.ReadBytes(path), path);

    /// <summary>Inspect data already in memory (the build's, embedded in the executable); <paramref name="source"/> names it in errors.</summary>
    public static IReadOnlyList<InspectEntry> Parse(byte[] json, string source)
    {
        var entries = new List<InspectEntry>();
        try
        {
            using var document = JsonDocument.Parse(json);
            foreach (var database in document.RootElement.EnumerateObject())
            {
                var value = database.Value;
                var counts = new Dictionary<string, long>(StringComparer.Ordinal);
                if (value.TryGetProperty("tables", out var tables))
                {
                    foreach (var table in tables.EnumerateObject())
                    {
                        counts[table.Name] = table.Value.TryGetProperty("count", out var count) ? count.GetInt64() : 0;
                    }
                }
                entries.Add(new InspectEntry(
                    database.Name,
                    value.GetProperty("hash").GetString() ?? "",
                    value.TryGetProperty("size", out var size) ? size.GetInt64() : 0,
                    value.TryGetProperty("file", out var file) ? file.GetString() ?? "" : "",
                    counts));
            }
        }
        catch (Exception ex) when (ex is JsonException or KeyNotFoundException or InvalidOperationException or IOException)
        {
            throw new CommandLineException($"Invalid value for '--inspect-file': {source} is not a valid inspect file ({ex.Message})");
        }
        return entries;
    }

    public static void Write(Stream output, IEnumerable<InspectEntry> entries)
    {
        using var writer = new Utf8JsonWriter(output, new JsonWriterOptions { Indented = true, Encoder = JsonBody.WriterOptions.Encoder });
        writer.WriteStartObject();
        foreach (var entry in entries)
        {
            writer.WriteStartObject(entry.Name);
            writer.WriteString("hash", entry.Hash);
            writer.WriteNumber("size", entry.Size);
            writer.WriteString("file", entry.File);
            writer.WriteStartObject("tables");
            foreach (var (table, count) in entry.Counts)
            {
                writer.WriteStartObject(table);
                writer.WriteNumber("count", count);
                writer.WriteEndObject();
            }
            writer.WriteEndObject();
            writer.WriteEndObject();
        }
        writer.WriteEndObject();
    }
}
