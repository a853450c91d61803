using Datasette.Gen.Configuration.Model;

namespace Datasette.Gen.Runtime.Permissions;

/// <summary>The registered actions as checks use them: looked up by full name, followed along also_requires.</summary>
internal sealed class PermissionActions(IReadOnlyDictionary<string, ActionDefinition> actions)
{
    /// <summary>The action named <paramref name="name"/> (full name only), or "Unknown action".</summary>
    public ActionDefinition Require(string name) =>
        actions.TryGetValue(name, out var action) ? action : throw new UnknownActionException(name);

    /// <summary>Adds the action and, transitively, the actions it also requires, each once.</summary>
    public void Expand(string name, List<ActionDefinition> expanded)
    {
        var action = Require(name);
        if (expanded.Contains(action))
        {
            return;
        }
        expanded.Add(action);
        if (action.AlsoRequires is { } required)
        {
            Expand(required, expanded);
        }
    }
}
