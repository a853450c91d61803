using System;
using System.Collections.Generic;
using System.Text.Json.Nodes;
using System.Threading;
using Datasette.Gen.Configuration.Permissions;

namespace Datasette.Gen.Runtime.Permissions;

/// <summary>
/// Ambient permission state of the code running now: the current request's memo (so repeated
/// checks in one request run their SQL once and nothing outlives the request) and the
/// skip-permission-checks flag of <c>datasette.client</c>-style internal requests.
/// </summary>
public static class PermissionScope
{
    private static readonly AsyncLocal<PermissionCache?> CurrentCache = new();
    private static readonly AsyncLocal<bool> Skipping = new();

    /// <summary>True while permission checks are bypassed (every check allows, listings list everything).</summary>
    public static bool SkipChecks => Skipping.Value;

    internal static PermissionCache? Cache => Skipping.Value ? null : CurrentCache.Value;

    /// <summary>Starts a fresh per-request memo for the code that follows (in this async flow).</summary>
    public static void BeginRequest() => CurrentCache.Value = new PermissionCache();

    /// <summary>Bypasses permission checks until the returned scope is disposed.</summary>
    public static IDisposable Skip()
    {
        var previous = Skipping.Value;
        Skipping.Value = true;
        return new Restore(() => Skipping.Value = previous);
    }

    private sealed class Restore(Action restore) : IDisposable
    {
        private Action? _restore = restore;

        public void Dispose()
        {
            _restore?.Invoke();
            _restore = null;
        }
    }
}

/// <summary>One request's memo: verdicts, gathered rule SQL and per-actor state.</summary>
internal sealed class PermissionCache
{
    private readonly Dictionary<JsonObject, ActorState> _actors = new(ReferenceEqualityComparer.Instance);
    private ActorState? _anonymous;

    public Dictionary<(string Actor, string Action, string? Parent, string? Child), bool> Verdicts { get; } = new();

    public Dictionary<(string Actor, string Action), List<PermissionSql>> Gathered { get; } = new();

    public ActorState State(JsonObject? actor, CompiledPermissions rules)
    {
        if (actor is null)
        {
            return _anonymous ??= new ActorState(null, rules);
        }
        if (!_actors.TryGetValue(actor, out var state))
        {
            state = new ActorState(actor, rules);
            _actors[actor] = state;
        }
        return state;
    }
}

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
