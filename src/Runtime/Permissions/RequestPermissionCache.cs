using System.Text.Json.Nodes;
using Datasette.Gen.Configuration.Permissions;

namespace Datasette.Gen.Runtime.Permissions;

/// <summary>Which verdict: an actor (as JSON), an action and a resource <c>(parent, child)</c>.</summary>
internal readonly record struct VerdictKey(string Actor, string Action, string? Parent, string? Child);

/// <summary>
/// One request's memo (held by <see cref="PermissionScope"/>): its verdicts, the rules gathered
/// per (actor, action) and each actor's <see cref="ActorState"/>. Nothing here outlives the request,
/// so it holds even the verdicts of volatile rule sources.
/// </summary>
internal sealed class RequestPermissionCache
{
    private readonly Dictionary<JsonObject, ActorState> _actors = new(ReferenceEqualityComparer.Instance);
    private ActorState? _anonymous;

    public Dictionary<VerdictKey, bool> Verdicts { get; } = new();

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
