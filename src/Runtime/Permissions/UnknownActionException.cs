namespace Datasette.Gen.Runtime.Permissions;

/// <summary>An action name that no registered action has: Datasette's "Unknown action: X".</summary>
internal sealed class UnknownActionException(string action) : ArgumentException("Unknown action: " + action)
{
    public string Action { get; } = action;
}
