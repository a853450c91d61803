using System.Text.Json;
using System.Text.Json.Nodes;
using Datasette.Gen.Configuration.Model;

namespace Datasette.Gen.Runtime.Permissions;

/// <summary>
/// An actor's <c>_r</c> allowlist (permissions spec §8): actions allowed everywhere (<c>a</c>),
/// per database (<c>d</c>) and per table, view or query (<c>r</c>). Lists may mix names and
/// abbreviations. Malformed parts are read as empty, so a broken <c>_r</c> only removes access.
/// </summary>
internal sealed class ActorRestrictions
{
    private ActorRestrictions(List<string> all, List<(string Database, List<string> Actions)> databases, List<(string Database, string Resource, List<string> Actions)> resources)
    {
        All = all;
        Databases = databases;
        Resources = resources;
    }

    public IReadOnlyList<string> All { get; }

    public IReadOnlyList<(string Database, List<string> Actions)> Databases { get; }

    public IReadOnlyList<(string Database, string Resource, List<string> Actions)> Resources { get; }

    /// <summary>The actor's restrictions, or null when it has none (no <c>_r</c>, or <c>_r: null</c>).</summary>
    public static ActorRestrictions? From(JsonObject? actor)
    {
        if (actor is null || !actor.TryGetPropertyValue("_r", out var node) || node is null)
        {
            return null;
        }
        var r = node as JsonObject;
        var all = Strings(r?["a"]);
        var databases = new List<(string, List<string>)>();
        if (r?["d"] is JsonObject d)
        {
            foreach (var (database, actions) in d)
            {
                databases.Add((database, Strings(actions)));
            }
        }
        var resources = new List<(string, string, List<string>)>();
        if (r?["r"] is JsonObject perDatabase)
        {
            foreach (var (database, tables) in perDatabase)
            {
                if (tables is JsonObject tableMap)
                {
                    foreach (var (table, actions) in tableMap)
                    {
                        resources.Add((database, table, Strings(actions)));
                    }
                }
            }
        }
        return new ActorRestrictions(all, databases, resources);
    }

    /// <summary>Does a list name the action, by its name or its abbreviation?</summary>
    public static bool Lists(IReadOnlyList<string> actions, ActionDefinition action)
    {
        foreach (var item in actions)
        {
            if (item == action.Name || (action.Abbr is not null && item == action.Abbr))
            {
                return true;
            }
        }
        return false;
    }

    public bool AllowsEverywhere(ActionDefinition action) => Lists(All, action);

    /// <summary>Databases whose <c>d</c> entry lists the action.</summary>
    public List<string> DatabasesFor(ActionDefinition action)
    {
        var found = new List<string>();
        foreach (var (database, actions) in Databases)
        {
            if (Lists(actions, action) && !found.Contains(database))
            {
                found.Add(database);
            }
        }
        return found;
    }

    /// <summary>(database, resource) pairs whose <c>r</c> entry lists the action.</summary>
    public List<(string Database, string Resource)> ResourcesFor(ActionDefinition action)
    {
        var found = new List<(string, string)>();
        foreach (var (database, resource, actions) in Resources)
        {
            if (Lists(actions, action) && !found.Contains((database, resource)))
            {
                found.Add((database, resource));
            }
        }
        return found;
    }

    /// <summary>
    /// Datasette's synchronous <c>restrictions_allow_action</c>: the action is in <c>a</c>; or in
    /// <c>d[database]</c>; or, for a (database, resource) pair, in <c>r[database][resource]</c>.
    /// </summary>
    public bool AllowAction(ActionDefinition action, string? database, string? resource)
    {
        if (AllowsEverywhere(action))
        {
            return true;
        }
        if (database is null)
        {
            return false;
        }
        foreach (var (name, actions) in Databases)
        {
            if (name == database && Lists(actions, action))
            {
                return true;
            }
        }
        if (resource is null)
        {
            return false;
        }
        foreach (var (name, table, actions) in Resources)
        {
            if (name == database && table == resource && Lists(actions, action))
            {
                return true;
            }
        }
        return false;
    }

    private static List<string> Strings(JsonNode? node)
    {
        var list = new List<string>();
        if (node is JsonArray array)
        {
            foreach (var item in array)
            {
                if (item is JsonValue value && value.GetValueKind() == JsonValueKind.String)
                {
                    list.Add(value.GetValue<string>());
                }
            }
        }
        return list;
    }
}
