using System.Text.Json.Nodes;
using Datasette.Gen.Configuration.Model;

namespace Datasette.Gen.Runtime.Permissions;

/// <summary>
/// Decides checks (permissions spec §6): an action and everything it also requires, for one
/// resource or a batch of them, each decided by the cascade of its gathered rules in one query.
/// A verdict is looked up in the request's memo, then among the shared verdicts, and only then
/// asked of the internal database; every check is logged.
/// </summary>
internal sealed class PermissionDecider(PermissionActions actions, RuleSources sources, PermissionRuleSql sql, PermissionDatabase database,
    SharedVerdictCache shared, PermissionCheckLog log)
{
    /// <summary>
    /// One action for one resource: answered from the verdicts already known (the request's memo, then
    /// the shared verdicts) when the action and its whole also_requires chain are there (a page asks
    /// the same few checks many times), else as <see cref="AllowedMany"/>.
    /// </summary>
    public bool Allowed(JsonObject? actor, string action, string? parent, string? child)
    {
        if (!PermissionScope.SkipChecks && FromKnown(PermissionScope.Cache, actor, action, parent, child) is { } known)
        {
            return known;
        }
        return AllowedMany(actor, [action], parent, child)[action];
    }

    /// <summary>The known verdict, logged as a full check would log it; null when any action of the chain is not known.</summary>
    private bool? FromKnown(RequestPermissionCache? cache, JsonObject? actor, string action, string? parent, string? child)
    {
        var first = actions.Require(action);
        var state = sources.State(actor, cache);
        long? generation = null;
        var generationRead = false;
        if (!TryKnown(new VerdictKey(state.Key, first.Name, parent, child), out var verdict))
        {
            return null;
        }
        if (first.AlsoRequires is null)
        {
            log.Record(actor, first, verdict, parent, child);
            return verdict;
        }
        // Chains of more than one step are rare: the general path logs them.
        var second = actions.Require(first.AlsoRequires);
        if (second.AlsoRequires is not null || second == first
            || !TryKnown(new VerdictKey(state.Key, second.Name, parent, child), out var required))
        {
            return null;
        }
        log.Record(actor, second, required, first, verdict, parent, child);
        return verdict;

        // A shared verdict joins the request's memo, so the page's next ask of it stays in the request.
        bool TryKnown(in VerdictKey key, out bool known)
        {
            if (cache is not null && cache.Verdicts.TryGetValue(key, out known))
            {
                return true;
            }
            if (!generationRead)
            {
                generation = shared.Generation();
                generationRead = true;
            }
            if (generation is { } current && shared.TryGet(key, current, out known))
            {
                cache?.Verdicts.TryAdd(key, known);
                return true;
            }
            known = false;
            return false;
        }
    }

    /// <summary>
    /// Several actions for one resource in one query: also_requires chains are expanded and
    /// resolved together; an action is allowed when its own rules and its whole chain allow it.
    /// </summary>
    public IReadOnlyDictionary<string, bool> AllowedMany(JsonObject? actor, IEnumerable<string> requestedActions, string? parent, string? child)
    {
        var requested = new List<string>();
        var expanded = new List<ActionDefinition>();
        foreach (var name in requestedActions)
        {
            if (!requested.Contains(name))
            {
                requested.Add(name);
            }
            actions.Expand(name, expanded);
        }
        var final = new Dictionary<string, bool>(StringComparer.Ordinal);
        if (PermissionScope.SkipChecks)
        {
            foreach (var action in expanded)
            {
                final[action.Name] = true;
            }
        }
        else
        {
            var cache = PermissionScope.Cache;
            var state = sources.State(actor, cache);
            var generation = shared.Generation();
            var toCheck = new List<ActionDefinition>();
            foreach (var action in expanded)
            {
                var key = new VerdictKey(state.Key, action.Name, parent, child);
                if (cache is not null && cache.Verdicts.TryGetValue(key, out var cached))
                {
                    final[action.Name] = cached;
                }
                else if (generation is { } current && shared.TryGet(key, current, out var allowed))
                {
                    final[action.Name] = allowed;
                }
                else
                {
                    toCheck.Add(action);
                }
            }
            var raw = toCheck.Count > 0 ? Check(state, toCheck, parent, child, cache) : new Dictionary<string, bool>();
            bool Resolve(ActionDefinition action)
            {
                if (final.TryGetValue(action.Name, out var known))
                {
                    return known;
                }
                var result = raw[action.Name];
                if (result && action.AlsoRequires is { } required)
                {
                    result = Resolve(actions.Require(required));
                }
                final[action.Name] = result;
                return result;
            }
            foreach (var action in expanded)
            {
                Resolve(action);
            }
            if (generation is not null && toCheck.Count > 0)
            {
                shared.MakeRoom();
            }
            foreach (var action in toCheck)
            {
                var key = new VerdictKey(state.Key, action.Name, parent, child);
                cache?.Verdicts.TryAdd(key, final[action.Name]);
                if (generation is { } current)
                {
                    shared.Add(key, final[action.Name], current);
                }
            }
        }
        log.Record(actor, expanded, parent, child, final);
        var results = new Dictionary<string, bool>(StringComparer.Ordinal);
        foreach (var name in requested)
        {
            results[name] = final[name];
        }
        return results;
    }

    /// <summary>
    /// Decides <paramref name="action"/> (and its also_requires chain) for many resources in one
    /// query, with exactly the single-check algorithm, and stores the verdicts in the request's
    /// memo so the checks that follow are answered from it. Does nothing outside a request.
    /// </summary>
    public void Prefetch(JsonObject? actor, string action, IReadOnlyList<(string? Parent, string? Child)> resources)
    {
        var cache = PermissionScope.Cache;
        if (cache is null || resources.Count == 0)
        {
            return;
        }
        var state = sources.State(actor, cache);
        var expanded = new List<ActionDefinition>();
        actions.Expand(action, expanded);
        var pending = new List<(string? Parent, string? Child)>();
        foreach (var resource in resources)
        {
            if (!cache.Verdicts.ContainsKey(new VerdictKey(state.Key, action, resource.Parent, resource.Child)) && !pending.Contains(resource))
            {
                pending.Add(resource);
            }
        }
        if (pending.Count == 0)
        {
            return;
        }
        var noRules = new Dictionary<string, bool>(StringComparer.Ordinal);
        var (batch, parameters, checks) = sql.Batch(state, expanded, pending, cache, noRules);
        var raw = new Dictionary<(string Action, string? Parent, string? Child), bool>();
        if (batch is not null)
        {
            database.Query(batch, parameters, reader =>
            {
                while (reader.Read())
                {
                    var parent = reader.IsDBNull(0) ? null : reader.GetString(0);
                    var child = reader.IsDBNull(1) ? null : reader.GetString(1);
                    for (var k = 0; k < checks.Count; k++)
                    {
                        raw[(expanded[checks[k].Index].Name, parent, child)] = !reader.IsDBNull(2 + k) && reader.GetInt64(2 + k) != 0;
                    }
                }
                return 0;
            });
        }
        foreach (var (parent, child) in pending)
        {
            bool Resolve(ActionDefinition definition)
            {
                var own = noRules.ContainsKey(definition.Name) ? false : raw.TryGetValue((definition.Name, parent, child), out var found) && found;
                return own && (definition.AlsoRequires is not { } required || Resolve(actions.Require(required)));
            }
            foreach (var definition in expanded)
            {
                cache.Verdicts[new VerdictKey(state.Key, definition.Name, parent, child)] = Resolve(definition);
            }
        }
    }

    private Dictionary<string, bool> Check(ActorState state, List<ActionDefinition> toCheck, string? parent, string? child, RequestPermissionCache? cache)
    {
        var verdicts = new Dictionary<string, bool>(StringComparer.Ordinal);
        var (query, parameters) = sql.Check(state, toCheck, parent, child, cache, verdicts);
        if (query is null)
        {
            return verdicts;
        }
        database.Query(query, parameters, reader =>
        {
            while (reader.Read())
            {
                verdicts[toCheck[reader.GetInt32(0)].Name] = !reader.IsDBNull(1) && reader.GetInt64(1) != 0;
            }
            return 0;
        });
        return verdicts;
    }
}
