using System.Text.Json.Nodes;
using Datasette.Gen.Configuration.Permissions;

namespace Datasette.Gen.Runtime.Permissions;

/// <summary>What every check needs to know about one actor, computed once: its key, id and matched allow blocks.</summary>
internal sealed class ActorState
{
    private readonly CompiledPermissions _rules;
    private readonly JsonActor? _values;
    private bool?[]? _matches;

    public ActorState(JsonObject? actor, CompiledPermissions rules)
    {
        Actor = actor;
        _rules = rules;
        _values = JsonActor.From(actor);
        Key = actor is null ? "null" : actor.ToJsonString();
        if (actor is not null && actor.TryGetPropertyValue("id", out var id) && id is not null)
        {
            IdValue = SqlValue(id);
            ActorId = id is JsonValue value && value.GetValueKind() == System.Text.Json.JsonValueKind.String ? value.GetValue<string>() : id.ToJsonString();
        }
    }

    public JsonObject? Actor { get; }

    /// <summary>The actor as JSON: the memo key, and the <c>:actor</c> parameter.</summary>
    public string Key { get; }

    /// <summary><c>actor.id</c> as text (JSON text for non-strings), or null.</summary>
    public string? ActorId { get; }

    /// <summary><c>actor.id</c> as SQLite binds it (string, integer, real or JSON text), or null.</summary>
    public object? IdValue { get; }

    public bool Matches(int block)
    {
        _matches ??= new bool?[_rules.Matchers.Count];
        return _matches[block] ??= _rules.Matchers[block](_values);
    }

    public static object? SqlValue(JsonNode? node)
    {
        if (node is not JsonValue value)
        {
            return node?.ToJsonString();
        }
        switch (value.GetValueKind())
        {
            case System.Text.Json.JsonValueKind.String:
                return value.GetValue<string>();
            case System.Text.Json.JsonValueKind.True:
                return 1L;
            case System.Text.Json.JsonValueKind.False:
                return 0L;
            case System.Text.Json.JsonValueKind.Number:
                return value.TryGetValue<long>(out var integer) ? integer : double.TryParse(value.ToJsonString(), System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out var real) ? real : value.ToJsonString();
            default:
                return null;
        }
    }
}
