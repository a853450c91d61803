using System.Text.Json.Nodes;

namespace Datasette.Gen.Runtime.Permissions;

/// <summary>One actor's permission decisions: what query code is given instead of the request it came with.</summary>
internal readonly record struct ActorPermissions(PermissionChecker Checker, JsonObject? Actor)
{
    public bool Allowed(string action, string? parent = null, string? child = null) => Checker.Allowed(Actor, action, parent, child);
}
