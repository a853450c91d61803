using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using Datasette.Gen.Configuration.Model;

namespace Datasette.Gen.Runtime.Permissions;

/// <summary>
/// The queries of each permission question, assembled from the rules the sources gathered (the
/// fragments come from <see cref="PermissionSqlBuilder"/>): a check of one resource, a batch of
/// resources, the listing of allowed resources, the raw rules, and the per-rule queries of an
/// explanation. Each action's rules get a parameter prefix of their own.
/// </summary>
internal sealed class PermissionRuleSql(PermissionActions actions, RuleSources sources)
{
    /// <summary>
    /// One query deciding <paramref name="toCheck"/> for <c>(parent, child)</c>: rows
    /// <c>(action_idx, is_allowed)</c> indexing <paramref name="toCheck"/>. Actions without any rule
    /// are denied into <paramref name="decided"/>; null SQL when none is left to ask.
    /// </summary>
    public (string? Sql, Dictionary<string, object?> Parameters) Check(ActorState state, List<ActionDefinition> toCheck, string? parent, string? child,
        RequestPermissionCache? cache, Dictionary<string, bool> decided)
    {
        var parameters = new Dictionary<string, object?>(StringComparer.Ordinal) { ["_check_parent"] = parent, ["_check_child"] = child };
        var (ctes, checks) = VerdictSql(state, toCheck, cache, parameters, decided, ":_check_parent", ":_check_child");
        if (checks.Count == 0)
        {
            return (null, parameters);
        }
        var rows = new StringBuilder();
        foreach (var (index, verdict) in checks)
        {
            rows.Append(rows.Length > 0 ? ",\n(" : "(").Append(index.ToString(CultureInfo.InvariantCulture)).Append(", (").Append(verdict).Append("))");
        }
        return ("WITH\n" + ctes + "results(action_idx, is_allowed) AS (VALUES\n" + rows + "\n)\nSELECT action_idx, is_allowed FROM results", parameters);
    }

    /// <summary>
    /// One query deciding <paramref name="expanded"/> for every resource of <paramref name="resources"/>:
    /// rows <c>parent, child</c> then one verdict column per entry of <c>Checks</c> (indexing
    /// <paramref name="expanded"/>). Actions without any rule are denied into <paramref name="decided"/>.
    /// </summary>
    public (string? Sql, Dictionary<string, object?> Parameters, List<(int Index, string Verdict)> Checks) Batch(ActorState state, List<ActionDefinition> expanded,
        List<(string? Parent, string? Child)> resources, RequestPermissionCache cache, Dictionary<string, bool> decided)
    {
        var parameters = new Dictionary<string, object?>(StringComparer.Ordinal) { ["_candidates"] = RuleRows.Json(resources) };
        var (ctes, checks) = VerdictSql(state, expanded, cache, parameters, decided, "c.parent", "c.child");
        if (checks.Count == 0)
        {
            return (null, parameters, checks);
        }
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
        return (sql, parameters, checks);
    }

    /// <summary>
    /// The listing query for <paramref name="action"/> (Datasette's allowed_resources_sql): columns
    /// <c>parent, child, reason</c> (a JSON array of "source: reason") and, when asked, <c>is_private</c>;
    /// ordered by parent, child; joined with the listing of each action it also requires.
    /// </summary>
    public ResourcesSql AllowedResources(JsonObject? actor, string action, string? parent, bool includeIsPrivate)
    {
        var definition = actions.Require(action);
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
        var state = sources.State(actor, cache);
        var sql = Listing(state, definition, filterParent, includeIsPrivate, "m", parameters, cache);
        var required = definition.AlsoRequires;
        for (var depth = 0; required is not null; depth++)
        {
            var requiredAction = actions.Require(required);
            var requiredSql = Listing(state, requiredAction, filterParent, includePrivate: false, "r" + depth.ToString(CultureInfo.InvariantCulture), parameters, cache);
            sql = PermissionSqlBuilder.Join(sql, requiredSql, includeIsPrivate, filterParent);
            required = requiredAction.AlsoRequires;
        }
        return new ResourcesSql(sql, parameters) { IncludesIsPrivate = includeIsPrivate };
    }

    /// <summary>The raw rule rows for the actor and action, unresolved (for /-/rules): columns parent, child, allow, reason, source_plugin.</summary>
    public ResourcesSql Rules(JsonObject? actor, string action)
    {
        var definition = actions.Require(action);
        if (PermissionScope.SkipChecks)
        {
            return new ResourcesSql("SELECT NULL AS parent, NULL AS child, 1 AS allow, 'skip_permission_checks' AS reason, 'skip' AS source_plugin", new Dictionary<string, object?>());
        }
        var cache = PermissionScope.Cache;
        var state = sources.State(actor, cache);
        var parameters = new Dictionary<string, object?>(StringComparer.Ordinal);
        var prepared = PreparedContribution.Prepare(sources.Gather(state, definition, cache), "p", state, definition.Name, parameters);
        var union = PermissionSqlBuilder.RulesUnion(prepared)
            ?? "SELECT NULL AS parent, NULL AS child, 0 AS allow, NULL AS reason, NULL AS source_plugin WHERE 0";
        return new ResourcesSql(union, parameters);
    }

    /// <summary>One contribution's rule rows that match <c>:_explain_parent</c>/<c>:_explain_child</c>: parent, child, allow, reason.</summary>
    public static string MatchingRules(string rulesSql) => $"""
        SELECT parent, child, allow, reason FROM (
        {rulesSql}
        ) AS permission_rules
        WHERE (parent IS NULL OR parent = :_explain_parent)
          AND (child IS NULL OR child = :_explain_child)
        """;

    /// <summary>Whether one restriction source's allowlist contains <c>:_explain_parent</c>/<c>:_explain_child</c>, hierarchically.</summary>
    public static string InsideRestriction(string restrictionSql) => $"""
        SELECT EXISTS(
            SELECT 1 FROM (
            {restrictionSql}
            ) AS restriction_rules
            WHERE (parent IS NULL OR parent = :_explain_parent)
              AND (child IS NULL OR child = :_explain_child)
        )
        """;

    /// <summary>
    /// The rule and restriction CTEs of each action and its verdict expression for the resource
    /// named by <paramref name="parent"/>/<paramref name="child"/> (parameters or columns). Actions
    /// without any rule are decided (denied) into <paramref name="decided"/> without SQL.
    /// </summary>
    private (string Ctes, List<(int Index, string Verdict)> Checks) VerdictSql(ActorState state, List<ActionDefinition> toDecide, RequestPermissionCache? cache,
        Dictionary<string, object?> parameters, Dictionary<string, bool> decided, string parent, string child)
    {
        var ctes = new StringBuilder();
        var checks = new List<(int, string)>();
        for (var i = 0; i < toDecide.Count; i++)
        {
            var action = toDecide[i];
            var prefix = "a" + i.ToString(CultureInfo.InvariantCulture);
            var prepared = PreparedContribution.Prepare(sources.Gather(state, action, cache), prefix + "_", state, action.Name, parameters);
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

    private string Listing(ActorState state, ActionDefinition action, bool filterParent, bool includePrivate, string prefix, Dictionary<string, object?> parameters, RequestPermissionCache? cache)
    {
        var candidates = Resource.CandidatesSql(action.Resource);
        if (PermissionScope.SkipChecks)
        {
            return PermissionSqlBuilder.SkipListing(candidates, includePrivate, filterParent);
        }
        var rules = PreparedContribution.Prepare(sources.Gather(state, action, cache), prefix + "_", state, action.Name, parameters);
        List<PreparedContribution>? anonymous = null;
        if (includePrivate)
        {
            var anonymousState = sources.State(null, cache);
            anonymous = PreparedContribution.Prepare(sources.Gather(anonymousState, action, cache), prefix + "_anon_", anonymousState, action.Name, parameters);
        }
        return PermissionSqlBuilder.Listing(candidates, rules, anonymous, filterParent);
    }
}
