using System.Text.Json.Nodes;
using Datasette.Gen.Configuration.Model;

namespace Datasette.Gen.Runtime.Tokens;

/// <summary>
/// Which actions a token may perform (Datasette's <c>TokenRestrictions</c>): everywhere, on a
/// database, or on one table, SQL view or stored query. Chainable; each call appends, in order.
/// </summary>
public sealed class TokenRestrictions
{
    public List<string> All { get; } = new();

    public OrderedDictionary<string, List<string>> Database { get; } = new();

    public OrderedDictionary<string, OrderedDictionary<string, List<string>>> Resource { get; } = new();

    public bool IsEmpty => All.Count == 0 && Database.Count == 0 && Resource.Count == 0;

    /// <summary>Allow <paramref name="action"/> across all databases and resources.</summary>
    public TokenRestrictions AllowAll(string action)
    {
        All.Add(action);
        return this;
    }

    /// <summary>Allow <paramref name="action"/> on <paramref name="database"/> and everything in it.</summary>
    public TokenRestrictions AllowDatabase(string database, string action)
    {
        if (!Database.TryGetValue(database, out var actions))
        {
            Database[database] = actions = new List<string>();
        }
        actions.Add(action);
        return this;
    }

    /// <summary>Allow <paramref name="action"/> on one table, SQL view or stored query.</summary>
    public TokenRestrictions AllowResource(string database, string resource, string action)
    {
        if (!Resource.TryGetValue(database, out var resources))
        {
            Resource[database] = resources = new OrderedDictionary<string, List<string>>();
        }
        if (!resources.TryGetValue(resource, out var actions))
        {
            resources[resource] = actions = new List<string>();
        }
        actions.Add(action);
        return this;
    }

    /// <summary>
    /// The token's <c>_r</c> value: only the non-empty keys among <c>a</c>, <c>d</c>, <c>r</c>, with
    /// each action replaced by its registered abbreviation; null when nothing is restricted.
    /// </summary>
    public JsonObject? Abbreviated(IReadOnlyDictionary<string, ActionDefinition> actions)
    {
        if (IsEmpty)
        {
            return null;
        }
        JsonArray List(List<string> names)
        {
            var list = new JsonArray();
            foreach (var name in names)
            {
                list.Add((JsonNode?)JsonValue.Create(actions.TryGetValue(name, out var action) && action.Abbr is { } abbr ? abbr : name));
            }
            return list;
        }
        var result = new JsonObject();
        if (All.Count > 0)
        {
            result["a"] = List(All);
        }
        if (Database.Count > 0)
        {
            var d = new JsonObject();
            foreach (var (database, names) in Database)
            {
                d[database] = List(names);
            }
            result["d"] = d;
        }
        if (Resource.Count > 0)
        {
            var r = new JsonObject();
            foreach (var (database, resources) in Resource)
            {
                var perResource = new JsonObject();
                foreach (var (resource, names) in resources)
                {
                    perResource[resource] = List(names);
                }
                r[database] = perResource;
            }
            result["r"] = r;
        }
        return result;
    }
}
