using System;
using System.Collections.Generic;
using System.Globalization;
using System.Numerics;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace Datasette.Gen.Tests.Conformance;

/// <summary>
/// Reads JSON the way Python's json module writes it: standard JSON plus the bare tokens Infinity,
/// -Infinity and NaN. System.Text.Json rejects those, so outside string literals they are first
/// rewritten to marker strings (a noncharacter no real answer contains), which
/// <see cref="Convert"/> turns back into floats.
/// </summary>
internal static class CorpusJson
{
    private const char Marker = '\uFDD0';

    private static readonly (string Token, double Value)[] NonFiniteTokens =
    {
        ("-Infinity", double.NegativeInfinity), ("Infinity", double.PositiveInfinity), ("NaN", double.NaN),
    };

    /// <summary>Parses one JSON text; throws <see cref="JsonException"/> when it is not JSON.</summary>
    public static CorpusValue Parse(string json)
    {
        using var document = JsonDocument.Parse(MarkNonFiniteTokens(json));
        return Convert(document.RootElement);
    }

    public static bool TryParse(string json, out CorpusValue value)
    {
        try
        {
            value = Parse(json);
            return true;
        }
        catch (JsonException)
        {
            value = NullValue.Instance;
            return false;
        }
    }

    /// <summary>A JSON string literal, non-ASCII kept as is (like Python's ensure_ascii=False).</summary>
    public static string Quote(string text) =>
        "\"" + JsonEncodedText.Encode(text, JavaScriptEncoder.UnsafeRelaxedJsonEscaping) + "\"";

    internal static string MarkNonFiniteTokens(string json)
    {
        var rewritten = new StringBuilder(json.Length);
        var inString = false;
        for (var i = 0; i < json.Length; i++)
        {
            var c = json[i];
            if (inString)
            {
                rewritten.Append(c);
                if (c == '\\' && i + 1 < json.Length)
                {
                    rewritten.Append(json[++i]);
                }
                else if (c == '"')
                {
                    inString = false;
                }
                continue;
            }
            if (c == '"')
            {
                inString = true;
                rewritten.Append(c);
                continue;
            }
            var token = MatchNonFinite(json, i);
            if (token is null)
            {
                rewritten.Append(c);
                continue;
            }
            rewritten.Append("\"\\u").Append(((int)Marker).ToString("x4", CultureInfo.InvariantCulture)).Append(token).Append('"');
            i += token.Length - 1;
        }
        return rewritten.ToString();
    }

    private static string? MatchNonFinite(string json, int at)
    {
        foreach (var (token, _) in NonFiniteTokens)
        {
            if (string.CompareOrdinal(json, at, token, 0, token.Length) == 0)
            {
                return token;
            }
        }
        return null;
    }

    private static CorpusValue Convert(JsonElement element)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.Object:
                // Like Python's dict: a repeated key keeps its first place and takes its last value.
                var members = new List<KeyValuePair<string, CorpusValue>>();
                var index = new Dictionary<string, int>(StringComparer.Ordinal);
                foreach (var property in element.EnumerateObject())
                {
                    var value = Convert(property.Value);
                    if (index.TryGetValue(property.Name, out var at))
                    {
                        members[at] = new(property.Name, value);
                    }
                    else
                    {
                        index[property.Name] = members.Count;
                        members.Add(new(property.Name, value));
                    }
                }
                return new ObjectValue(members);
            case JsonValueKind.Array:
                var items = new List<CorpusValue>();
                foreach (var item in element.EnumerateArray())
                {
                    items.Add(Convert(item));
                }
                return new ArrayValue(items);
            case JsonValueKind.String:
                var text = element.GetString()!;
                return UnmarkNonFinite(text) is { } nonFinite ? new FloatValue(nonFinite) : new StringValue(text);
            case JsonValueKind.Number:
                // The token's own text decides int or float, as Python's json does.
                var raw = element.GetRawText();
                return raw.AsSpan().IndexOfAny('.', 'e', 'E') >= 0
                    ? new FloatValue(double.Parse(raw, NumberStyles.Float, CultureInfo.InvariantCulture))
                    : new IntegerValue(BigInteger.Parse(raw, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture));
            case JsonValueKind.True:
                return new BooleanValue(true);
            case JsonValueKind.False:
                return new BooleanValue(false);
            default:
                return NullValue.Instance;
        }
    }

    private static double? UnmarkNonFinite(string text)
    {
        if (text.Length < 2 || text[0] != Marker)
        {
            return null;
        }
        foreach (var (token, value) in NonFiniteTokens)
        {
            if (text.AsSpan(1).SequenceEqual(token))
            {
                return value;
            }
        }
        return null;
    }
}
