using System.Text.Json;
using System.Text.Json.Nodes;
using Datasette.Gen.Configuration.Permissions;

namespace Datasette.Gen.Runtime.Permissions;

/// <summary>
/// An actor JSON object as allow-block matchers see it, with Python's equality: strings equal
/// strings, numbers and booleans compare numerically (<c>true == 1 == 1.0</c>), lists match when
/// any element does, and nested objects or lists never match.
/// </summary>
internal sealed class JsonActor(JsonObject actor) : IActorValues
{
    public static JsonActor? From(JsonObject? actor) => actor is null ? null : new JsonActor(actor);

    public bool HasKey(string key) => actor.ContainsKey(key);

    public bool HasString(string key, string value) => Any(key, node =>
        node.GetValueKind() == JsonValueKind.String && node.GetValue<string>() == value);

    public bool HasInteger(string key, long value) => Any(key, node => Number(node) is { } number &&
        (number.Integer is { } integer ? integer == value : number.Float == value));

    public bool HasFloat(string key, double value) => Any(key, node => Number(node) is { } number && number.Float == value);

    private bool Any(string key, System.Func<JsonValue, bool> equals)
    {
        if (!actor.TryGetPropertyValue(key, out var node) || node is null)
        {
            return false;
        }
        if (node is JsonArray list)
        {
            foreach (var item in list)
            {
                if (item is JsonValue element && equals(element))
                {
                    return true;
                }
            }
            return false;
        }
        return node is JsonValue single && equals(single);
    }

    private static (long? Integer, double Float)? Number(JsonValue node)
    {
        switch (node.GetValueKind())
        {
            case JsonValueKind.True:
                return (1, 1);
            case JsonValueKind.False:
                return (0, 0);
            case JsonValueKind.Number:
                if (node.TryGetValue<long>(out var integer))
                {
                    return (integer, integer);
                }
                if (node.TryGetValue<double>(out var real))
                {
                    return (null, real);
                }
                if (node.TryGetValue<JsonElement>(out var element) && element.TryGetDouble(out real))
                {
                    return (null, real);
                }
                return null;
            default:
                return null;
        }
    }
}
