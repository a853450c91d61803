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

    /// <summary>Configured facets first in configured order, then the rest by (number of values, name) descending.</summary>
    public static void WriteSorted(Utf8JsonWriter writer, IReadOnlyList<FacetResult> results)
    {
        writer.WriteStartArray("sorted_facet_results");
        var ordered = results.Where(r => r.Request.FromConfig)
            .Concat(results.Where(r => !r.Request.FromConfig).OrderByDescending(r => r.Values.Count).ThenByDescending(r => r.Key, System.StringComparer.Ordinal));
        foreach (var result in ordered)
        {
            WriteFacet(writer, result);
        }
        writer.WriteEndArray();
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
