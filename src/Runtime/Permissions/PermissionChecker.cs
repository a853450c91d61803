using System;
using System.Text.Json.Nodes;
using Datasette.Gen.Configuration.Model;

namespace Datasette.Gen.Runtime.Permissions;

/// <summary>
/// Decides whether the current actor may perform an action on a resource. This first
/// version applies Datasette's default level only (each action's default grant, and
/// default_allow_sql for execute-sql); configured allow blocks arrive with the permissions work.
/// </summary>
public sealed class PermissionChecker(Settings settings)
{
    public bool Allowed(JsonObject? actor, string action, string? database = null, string? resource = null)
    {
        var definition = Find(action) ?? throw new ArgumentException($"Unknown action: {action}", nameof(action));
        if (definition.AlsoRequires is { } required && !Allowed(actor, required, database, resource))
        {
            return false;
        }
        return action == "execute-sql" ? settings.DefaultAllowSql : definition.DefaultAllow;
    }

    private static ActionDefinition? Find(string name)
    {
        foreach (var action in ActionDefinition.BuiltIn)
        {
            if (action.Name == name || action.Abbr == name)
            {
                return action;
            }
        }
        return null;
    }
}
