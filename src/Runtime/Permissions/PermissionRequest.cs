using System.Text.Json.Nodes;
using Datasette.Gen.Configuration.Model;

namespace Datasette.Gen.Runtime.Permissions;

/// <summary>The question a rule source answers: which rules apply to this actor for this action?</summary>
internal sealed class PermissionRequest
{
    private ActorRestrictions? _restrictions;
    private bool _restrictionsRead;

    internal PermissionRequest(JsonObject? actor, ActionDefinition action, ActorState state)
    {
        Actor = actor;
        Action = action;
        State = state;
    }

    public JsonObject? Actor { get; }

    public ActionDefinition Action { get; }

    /// <summary>The actor's <c>id</c> as a string, or null (absent, null, or not a string/number).</summary>
    public string? ActorId => State.ActorId;

    /// <summary>The actor's <c>_r</c> restrictions, or null when unrestricted.</summary>
    public ActorRestrictions? Restrictions
    {
        get
        {
            if (!_restrictionsRead)
            {
                _restrictions = ActorRestrictions.From(Actor);
                _restrictionsRead = true;
            }
            return _restrictions;
        }
    }

    /// <summary>Per-actor memo shared by every check of one request (matched allow blocks, JSON text).</summary>
    internal ActorState State { get; }
}
