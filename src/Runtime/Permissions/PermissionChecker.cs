using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using Datasette.Gen.Configuration.Model;
using Microsoft.Data.Sqlite;

namespace Datasette.Gen.Runtime.Permissions;

/// <summary>
/// Datasette's permission decisions (permissions spec §6, §9): rule sources contribute SQL,
/// and one query over the internal database resolves each check. Verdicts and gathered rules
/// are memoised for the current request (<see cref="PermissionScope"/>); every check is logged
/// for <c>/-/permissions</c>.
/// </summary>
public sealed class PermissionChecker
{
    private const int LogSize = 200;

    private const int SharedCapacity = 50_000;

    private readonly Datasette _datasette;
    private readonly LinkedList<PermissionCheck> _log = new();

    // Verdicts outlive requests: the rules come from configuration and the internal database,
    // so a verdict holds until that database is written (catalog refresh, stored queries,
    // metadata) or the rule sources change. Each entry remembers the generation it was made in.
    private readonly ConcurrentDictionary<(string Actor, string Action, string? Parent, string? Child), (bool Allowed, long Generation)> _shared = new();

    public PermissionChecker(Datasette datasette)
    {
        _datasette = datasette;
        Sources = new List<IPermissionSource>(DefaultPermissions.All);
    }

    /// <summary>Rule sources in the order they are asked; plugins insert theirs (Datasette calls the most recently registered first).</summary>
    public List<IPermissionSource> Sources { get; }

    /// <summary>The most recent checks, newest last (at most 200).</summary>
    public IReadOnlyList<PermissionCheck> RecentChecks
    {
        get
        {
            lock (_log)
            {
                return new List<PermissionCheck>(_log);
            }
        }
    }

    /// <summary>May <paramref name="actor"/> perform <paramref name="action"/> on <c>(parent, child)</c>?</summary>
    public bool Allowed(JsonObject? actor, string action, string? parent = null, string? child = null) =>
        AllowedMany(actor, new[] { action }, parent, child)[action];

    /// <summary>
    /// Several actions for one resource in one query: also_requires chains are expanded and
    /// resolved together; an action is allowed when its own rules and its whole chain allow it.
    /// </summary>
    public IReadOnlyDictionary<string, bool> AllowedMany(JsonObject? actor, IEnumerable<string> actions, string? parent = null, string? child = null)
    {
        var requested = new List<string>();
        var expanded = new List<ActionDefinition>();
        foreach (var name in actions)
        {
            if (!requested.Contains(name))
            {
                requested.Add(name);
            }
            Expand(name, expanded);
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
            var state = State(actor, cache);
            var generation = Generation;
            var share = OnlyStableSources();
            var toCheck = new List<ActionDefinition>();
            foreach (var action in expanded)
            {
                var key = (state.Key, action.Name, parent, child);
                if (cache is not null && cache.Verdicts.TryGetValue(key, out var cached))
                {
                    final[action.Name] = cached;
                }
                else if (share && _shared.TryGetValue(key, out var shared) && shared.Generation == generation)
                {
                    final[action.Name] = shared.Allowed;
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
                    result = Resolve(Require(required));
                }
                final[action.Name] = result;
                return result;
            }
            foreach (var action in expanded)
            {
                Resolve(action);
            }
            if (_shared.Count > SharedCapacity)
            {
                _shared.Clear();
            }
            foreach (var action in toCheck)
            {
                var key = (state.Key, action.Name, parent, child);
                cache?.Verdicts.TryAdd(key, final[action.Name]);
                if (share)
                {
                    _shared[key] = (final[action.Name], generation);
                }
            }
        }
        Log(actor, expanded, parent, child, final);
        var results = new Dictionary<string, bool>(StringComparer.Ordinal);
        foreach (var name in requested)
        {
            results[name] = final[name];
        }
        return results;
    }

    /// <summary>Verdicts may be shared across requests unless a rule source says its rules are volatile.</summary>
    private bool OnlyStableSources()
    {
        foreach (var source in Sources)
        {
            if (source.IsVolatile)
            {
                return false;
            }
        }
        return true;
    }

    /// <summary>What verdicts depend on: writes to the internal database and the set of rule sources.</summary>
    private long Generation => (_datasette.Internal.Database.WriteGeneration << 8) + Sources.Count;

    /// <summary>
    /// The listing query for <paramref name="action"/> (Datasette's allowed_resources_sql): columns
    /// <c>parent, child, reason</c> (a JSON array of "source: reason") and, when asked, <c>is_private</c>;
    /// ordered by parent, child; run it against the internal database.
    /// </summary>
    public ResourcesSql AllowedResourcesSql(JsonObject? actor, string action, string? parent = null, bool includeIsPrivate = false)
    {
        var definition = Require(action);
        if (definition.Resource == ResourceKind.Instance)
        {
            throw new ArgumentException($"{action} is a global action: it has no resources to list", nameof(action));
        }
        var parameters = new Dictionary<string, object?>(StringComparer.Ordinal);
        var filterParent = parent is not null;
        if (filterParent)
        {
            parameters["filter_parent"] = parent;
        }
        var cache = PermissionScope.Cache;
        var state = State(actor, cache);
        var sql = SingleListing(state, definition, filterParent, includeIsPrivate, "m", parameters, cache);
        var required = definition.AlsoRequires;
        for (var depth = 0; required is not null; depth++)
        {
            var requiredAction = Require(required);
            var requiredSql = SingleListing(state, requiredAction, filterParent, includePrivate: false, "r" + depth.ToString(CultureInfo.InvariantCulture), parameters, cache);
            sql = PermissionSqlBuilder.Join(sql, requiredSql, includeIsPrivate, filterParent);
            required = requiredAction.AlsoRequires;
        }
        return new ResourcesSql(sql, parameters) { IncludesIsPrivate = includeIsPrivate };
    }

    /// <summary>The raw rule rows for the actor and action, unresolved (for /-/rules): columns parent, child, allow, reason, source_plugin.</summary>
    public ResourcesSql RulesSql(JsonObject? actor, string action)
    {
        var definition = Require(action);
        if (PermissionScope.SkipChecks)
        {
            return new ResourcesSql("SELECT NULL AS parent, NULL AS child, 1 AS allow, 'skip_permission_checks' AS reason, 'skip' AS source_plugin", new Dictionary<string, object?>());
        }
        var cache = PermissionScope.Cache;
        var state = State(actor, cache);
        var parameters = new Dictionary<string, object?>(StringComparer.Ordinal);
        var prepared = PermissionSqlBuilder.Prepare(Gather(state, definition, cache), "p", state, definition.Name, parameters);
        var union = PermissionSqlBuilder.RulesUnion(prepared)
            ?? "SELECT NULL AS parent, NULL AS child, 0 AS allow, NULL AS reason, NULL AS source_plugin WHERE 0";
        return new ResourcesSql(union, parameters);
    }

    /// <summary>
    /// Why a check decides as it does (for /-/check): matched rules by scope, each restriction
    /// source, and the also_requires chain; Datasette's unstable explanation shape.
    /// </summary>
    public PermissionExplanation Explain(JsonObject? actor, string action, string? parent, string? child)
    {
        var definition = Require(action);
        var explanation = ExplainSingle(actor, definition, parent, child);
        var required = new List<PermissionExplanation>();
        if (definition.AlsoRequires is { } next)
        {
            required.Add(Explain(actor, next, parent, child));
        }
        return explanation.Complete(required);
    }

    /// <summary>The action named <paramref name="name"/> (full name only), or "Unknown action".</summary>
    public ActionDefinition Require(string name) =>
        _datasette.Actions.TryGetValue(name, out var action) ? action : throw new UnknownActionException(name);

    internal List<PermissionSql> Gather(ActorState state, ActionDefinition action, PermissionCache? cache)
    {
        if (cache is not null && cache.Gathered.TryGetValue((state.Key, action.Name), out var gathered))
        {
            return gathered;
        }
        var request = new PermissionRequest(_datasette, state.Actor, action, state);
        gathered = new List<PermissionSql>();
        var contributions = new List<PermissionSql>();
        foreach (var source in Sources)
        {
            contributions.Clear();
            source.Contribute(request, contributions);
            foreach (var contribution in contributions)
            {
                gathered.Add(contribution.Source.Length == 0 ? contribution with { Source = source.Name } : contribution);
            }
        }
        if (cache is not null)
        {
            cache.Gathered[(state.Key, action.Name)] = gathered;
        }
        return gathered;
    }

    internal ActorState State(JsonObject? actor, PermissionCache? cache) =>
        cache?.State(actor, _datasette.PermissionRules.Compiled) ?? new ActorState(actor, _datasette.PermissionRules.Compiled);

    /// <summary>
    /// Runs a query against the internal database, binding named parameters. Commands stay
    /// prepared per connection, keyed by their text: the SQL of a given (sources, action) shape
    /// is the same on every request, only the parameters change.
    /// </summary>
    internal T Query<T>(string sql, IReadOnlyDictionary<string, object?> parameters, Func<SqliteDataReader, T> read) =>
        _datasette.Internal.Database.Read(c =>
        {
            var command = Data.StatementCache.Command(c.Connection, sql);
            foreach (var (name, value) in parameters)
            {
                command.Parameters.AddWithValue(":" + name, value ?? DBNull.Value);
            }
            using var reader = command.ExecuteReader();
            return read(reader);
        });

    private void Expand(string name, List<ActionDefinition> expanded)
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

    private Dictionary<string, bool> Check(ActorState state, List<ActionDefinition> actions, string? parent, string? child, PermissionCache? cache)
    {
        var parameters = new Dictionary<string, object?>(StringComparer.Ordinal) { ["_check_parent"] = parent, ["_check_child"] = child };
        var verdicts = new Dictionary<string, bool>(StringComparer.Ordinal);
        var (ctes, checks) = VerdictSql(state, actions, cache, parameters, verdicts, ":_check_parent", ":_check_child");
        if (checks.Count == 0)
        {
            return verdicts;
        }
        var rows = new StringBuilder();
        foreach (var (index, verdict) in checks)
        {
            rows.Append(rows.Length > 0 ? ",\n(" : "(").Append(index.ToString(CultureInfo.InvariantCulture)).Append(", (").Append(verdict).Append("))");
        }
        var sql = "WITH\n" + ctes + "results(action_idx, is_allowed) AS (VALUES\n" + rows + "\n)\nSELECT action_idx, is_allowed FROM results";
        Query(sql, parameters, reader =>
        {
            while (reader.Read())
            {
                verdicts[actions[reader.GetInt32(0)].Name] = !reader.IsDBNull(1) && reader.GetInt64(1) != 0;
            }
            return 0;
        });
        return verdicts;
    }

    /// <summary>
    /// The rule and restriction CTEs of each action and its verdict expression for the resource
    /// named by <paramref name="parent"/>/<paramref name="child"/> (parameters or columns). Actions
    /// without any rule are decided (denied) into <paramref name="decided"/> without SQL.
    /// </summary>
    private (string Ctes, List<(int Index, string Verdict)> Checks) VerdictSql(ActorState state, List<ActionDefinition> actions, PermissionCache? cache,
        Dictionary<string, object?> parameters, Dictionary<string, bool> decided, string parent, string child)
    {
        var ctes = new StringBuilder();
        var checks = new List<(int, string)>();
        for (var i = 0; i < actions.Count; i++)
        {
            var action = actions[i];
            var prefix = "a" + i.ToString(CultureInfo.InvariantCulture);
            var prepared = PermissionSqlBuilder.Prepare(Gather(state, action, cache), prefix + "_", state, action.Name, parameters);
            var union = PermissionSqlBuilder.RulesUnion(prepared);
            if (union is null)
            {
                // No rules from any source: denied, and restrictions can only take access away.
                decided[action.Name] = false;
                continue;
            }
            ctes.Append(prefix).Append("_rules AS (\n").Append(union).Append("\n),\n");
            var restrictions = new List<string>();
            foreach (var item in prepared)
            {
                if (item.RestrictionSql is not null)
                {
                    var name = prefix + "_restriction_" + restrictions.Count.ToString(CultureInfo.InvariantCulture);
                    restrictions.Add(name);
                    ctes.Append(name).Append(" AS (\n").Append(item.RestrictionSql).Append("\n),\n");
                }
            }
            checks.Add((i, PermissionSqlBuilder.Verdict(prefix + "_rules", restrictions, parent, child)));
        }
        return (ctes.ToString(), checks);
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
        var state = State(actor, cache);
        var expanded = new List<ActionDefinition>();
        Expand(action, expanded);
        var pending = new List<(string? Parent, string? Child)>();
        foreach (var resource in resources)
        {
            if (!cache.Verdicts.ContainsKey((state.Key, action, resource.Parent, resource.Child)) && !pending.Contains(resource))
            {
                pending.Add(resource);
            }
        }
        if (pending.Count == 0)
        {
            return;
        }
        var json = new StringBuilder("[");
        foreach (var (parent, child) in pending)
        {
            json.Append(json.Length > 1 ? ",[" : "[");
            RuleRows.String(json, parent);
            json.Append(',');
            RuleRows.String(json, child);
            json.Append(']');
        }
        var parameters = new Dictionary<string, object?>(StringComparer.Ordinal) { ["_candidates"] = json.Append(']').ToString() };
        var noRules = new Dictionary<string, bool>(StringComparer.Ordinal);
        var (ctes, checks) = VerdictSql(state, expanded, cache, parameters, noRules, "c.parent", "c.child");
        var raw = new Dictionary<(string Action, string? Parent, string? Child), bool>();
        if (checks.Count > 0)
        {
            var columns = new StringBuilder();
            foreach (var (index, verdict) in checks)
            {
                columns.Append(",\n(").Append(verdict).Append(") AS v").Append(index.ToString(CultureInfo.InvariantCulture));
            }
            var sql = "WITH\n" + ctes + """
                candidates AS (
                  SELECT json_extract(value, '$[0]') AS parent, json_extract(value, '$[1]') AS child FROM json_each(:_candidates)
                )
                SELECT c.parent, c.child
                """ + columns + "\nFROM candidates c";
            Query(sql, parameters, reader =>
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
                return own && (definition.AlsoRequires is not { } required || Resolve(Require(required)));
            }
            foreach (var definition in expanded)
            {
                cache.Verdicts[(state.Key, definition.Name, parent, child)] = Resolve(definition);
            }
        }
    }

    private string SingleListing(ActorState state, ActionDefinition action, bool filterParent, bool includePrivate, string prefix, Dictionary<string, object?> parameters, PermissionCache? cache)
    {
        var candidates = Resource.CandidatesSql(action.Resource);
        if (PermissionScope.SkipChecks)
        {
            return PermissionSqlBuilder.SkipListing(candidates, includePrivate, filterParent);
        }
        var rules = PermissionSqlBuilder.Prepare(Gather(state, action, cache), prefix + "_", state, action.Name, parameters);
        List<PermissionSqlBuilder.Prepared>? anonymous = null;
        if (includePrivate)
        {
            var anonymousState = State(null, cache);
            anonymous = PermissionSqlBuilder.Prepare(Gather(anonymousState, action, cache), prefix + "_anon_", anonymousState, action.Name, parameters);
        }
        return PermissionSqlBuilder.Listing(candidates, rules, anonymous, filterParent);
    }

    private PermissionExplanation ExplainSingle(JsonObject? actor, ActionDefinition action, string? parent, string? child)
    {
        if (PermissionScope.SkipChecks)
        {
            return PermissionExplanation.Skipped(action.Name);
        }
        var cache = PermissionScope.Cache;
        var state = State(actor, cache);
        var rules = new List<ExplainedRule>();
        var restrictions = new List<ExplainedRestriction>();
        var index = 0;
        foreach (var contribution in Gather(state, action, cache))
        {
            var parameters = new Dictionary<string, object?>(StringComparer.Ordinal) { ["_explain_parent"] = parent, ["_explain_child"] = child };
            var prepared = PermissionSqlBuilder.Prepare(new List<PermissionSql> { contribution }, "e" + (index++).ToString(CultureInfo.InvariantCulture) + "_", state, action.Name, parameters)[0];
            if (prepared.RulesSql is not null)
            {
                Query($"""
                    SELECT parent, child, allow, reason FROM (
                    {prepared.RulesSql}
                    ) AS permission_rules
                    WHERE (parent IS NULL OR parent = :_explain_parent)
                      AND (child IS NULL OR child = :_explain_child)
                    """, parameters, reader =>
                {
                    while (reader.Read())
                    {
                        var specificity = !reader.IsDBNull(1) ? 2 : !reader.IsDBNull(0) ? 1 : 0;
                        var allow = !reader.IsDBNull(2) && reader.GetInt64(2) != 0;
                        rules.Add(new ExplainedRule(specificity, allow, contribution.Source, reader.IsDBNull(3) ? null : reader.GetString(3)));
                    }
                    return 0;
                });
            }
            if (prepared.RestrictionSql is not null)
            {
                var inside = Query($"""
                    SELECT EXISTS(
                        SELECT 1 FROM (
                        {prepared.RestrictionSql}
                        ) AS restriction_rules
                        WHERE (parent IS NULL OR parent = :_explain_parent)
                          AND (child IS NULL OR child = :_explain_child)
                    )
                    """, parameters, reader => reader.Read() && reader.GetInt64(0) != 0);
                restrictions.Add(new ExplainedRestriction(contribution.Source, inside, contribution.RestrictionReason
                    ?? (inside ? "Resource is included in this restriction allowlist" : "Resource is not included in this restriction allowlist")));
            }
        }
        return PermissionExplanation.From(action.Name, rules, restrictions);
    }

    private void Log(JsonObject? actor, List<ActionDefinition> expanded, string? parent, string? child, Dictionary<string, bool> final)
    {
        var when = DateTime.UtcNow.ToString("yyyy-MM-dd'T'HH:mm:ss.ffffff'+00:00'", CultureInfo.InvariantCulture);
        lock (_log)
        {
            for (var i = expanded.Count - 1; i >= 0; i--)
            {
                _log.AddLast(new PermissionCheck(when, actor, expanded[i].Name, parent, child, final[expanded[i].Name]));
                if (_log.Count > LogSize)
                {
                    _log.RemoveFirst();
                }
            }
        }
    }
}

/// <summary>A listing query and its parameters, to run against the internal database.</summary>
public sealed record ResourcesSql(string Sql, IReadOnlyDictionary<string, object?> Params)
{
    /// <summary>The query has the is_private column.</summary>
    public bool IncludesIsPrivate { get; init; }
}

/// <summary>One logged permission check, as /-/permissions shows it.</summary>
public sealed record PermissionCheck(string When, JsonObject? Actor, string Action, string? Parent, string? Child, bool Result);

/// <summary>An action name that no registered action has: Datasette's "Unknown action: X".</summary>
public sealed class UnknownActionException(string action) : ArgumentException("Unknown action: " + action)
{
    public string Action { get; } = action;
}
