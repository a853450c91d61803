using System.Text.Json;
using Datasette.Gen.Runtime.Querying;

namespace Datasette.Gen.Runtime.Endpoints.Tables;

/// <summary>Writes facet results in Datasette's JSON shapes.</summary>
internal static class FacetJson
{
    public static void WriteResults(Utf8JsonWriter writer, IReadOnlyList<FacetResult> results, IReadOnlyList<string> timedOut)
    {
        writer.WriteStartObject("facet_results");
        writer.WriteStartObject("results");
        foreach (var result in results)
        {
            writer.WritePropertyName(result.Key);
            WriteFacet(writer, result);
        }
        writer.WriteEndObject();
        writer.WriteStartArray("timed_out");
        foreach (var name in timedOut)
        {
            writer.WriteStringValue(name);
        }
        writer.WriteEndArray();
        writer.WriteEndObject();
    }

    public static void WriteSorted(Utf8JsonWriter writer, IReadOnlyList<FacetResult> results)
    {
        writer.WriteStartArray("sorted_facet_results");
        foreach (var result in Sorted(results))
        {
            WriteFacet(writer, result);
        }
        writer.WriteEndArray();
    }

    /// <summary>Configured facets first in configured order, then the rest by (number of values, name) descending.</summary>
    public static IEnumerable<FacetResult> Sorted(IReadOnlyList<FacetResult> results) =>
        results.Count == 0 ? [] : results.Where(r => r.Request.FromConfig)
            .Concat(results.Where(r => !r.Request.FromConfig).OrderByDescending(r => r.Values.Count).ThenByDescending(r => r.Key, System.StringComparer.Ordinal));

    /// <summary>
    /// A facet value or label as text: a string as itself, null as "None", anything else as its JSON
    /// (so a number reads as the JSON page writes it).
    /// </summary>
    public static string Text(object value)
    {
        switch (value)
        {
            case string text:
                return text;
            case System.DBNull:
                return "None"; // Jinja's `label | string` of None, as Datasette's facet box shows it
            case long number:
                return number.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }
        using var body = new Json.JsonBody();
        WriteValue(body.Writer, value);
        body.Writer.Flush();
        return System.Text.Encoding.UTF8.GetString(body.WrittenMemory.Span);
    }

    private static void WriteFacet(Utf8JsonWriter writer, FacetResult result)
    {
        writer.WriteStartObject();
        writer.WriteString("name", result.Request.Column);
        writer.WriteString("type", result.Request.TypeName);
        writer.WriteBoolean("hideable", !result.Request.FromConfig);
        writer.WriteString("toggle_url", result.ToggleUrl);
        writer.WriteStartArray("results");
        foreach (var value in result.Values)
        {
            writer.WriteStartObject();
            writer.WritePropertyName("value");
            WriteValue(writer, value.Value);
            writer.WritePropertyName("label");
            WriteValue(writer, value.Label);
            writer.WriteNumber("count", value.Count);
            writer.WriteString("toggle_url", value.ToggleUrl);
            writer.WriteBoolean("selected", value.Selected);
            writer.WriteEndObject();
        }
        writer.WriteEndArray();
        writer.WriteBoolean("truncated", result.Truncated);
        writer.WriteEndObject();
    }

    private static void WriteValue(Utf8JsonWriter writer, object value)
    {
        switch (value)
        {
            case long number:
                writer.WriteNumberValue(number);
                break;
            case double real:
                Json.SqliteJson.WriteReal(writer, real, jsonInfinity: false);
                break;
            case byte[] blob:
                Json.SqliteJson.WriteBlob(writer, blob);
                break;
            case System.DBNull:
                writer.WriteNullValue();
                break;
            default:
                writer.WriteStringValue(value.ToString());
                break;
        }
    }
}
