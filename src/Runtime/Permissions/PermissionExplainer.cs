using System.Globalization;
using System.Text.Json.Nodes;
using Datasette.Gen.Configuration.Model;

namespace Datasette.Gen.Runtime.Permissions;

/// <summary>
/// Why a check decides as it does (for /-/check): each contribution's matching rules by scope,
/// each restriction source on its own, and the also_requires chain, in Datasette's unstable
/// explanation shape (<see cref="PermissionExplanation"/>). Slow on purpose: one query per contribution.
/// </summary>
internal sealed class PermissionExplainer(PermissionActions actions, RuleSources sources, PermissionDatabase database)
{
    public PermissionExplanation Explain(JsonObject? actor, string action, string? parent, string? child)
    {
        var definition = actions.Require(action);
        var explanation = ExplainSingle(actor, definition, parent, child);
        var required = new List<PermissionExplanation>();
        if (definition.AlsoRequires is { } next)
        {
            required.Add(Explain(actor, next, parent, child));
        }
        return explanation.Complete(required);
    }

    private PermissionExplanation ExplainSingle(JsonObject? actor, ActionDefinition action, string? parent, string? child)
    {
        if (PermissionScope.SkipChecks)
        {
            return PermissionExplanation.Skipped(action.Name);
        }
        var cache = PermissionScope.Cache;
        var state = sources.State(actor, cache);
        var rules = new List<ExplainedRule>();
        var restrictions = new List<ExplainedRestriction>();
        var index = 0;
        foreach (var contribution in sources.Gather(state, action, cache))
        {
            var parameters = new Dictionary<string, object?>(StringComparer.Ordinal) { ["_explain_parent"] = parent, ["_explain_child"] = child };
            var prepared = PreparedContribution.Prepare(new List<PermissionSql> { contribution }, "e" + (index++).ToString(CultureInfo.InvariantCulture) + "_", state, action.Name, parameters)[0];
            if (prepared.RulesSql is not null)
            {
                database.Query(PermissionRuleSql.MatchingRules(prepared.RulesSql), parameters, reader =>
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
                var inside = database.Query(PermissionRuleSql.InsideRestriction(prepared.RestrictionSql), parameters, reader => reader.Read() && reader.GetInt64(0) != 0);
                restrictions.Add(new ExplainedRestriction(contribution.Source, inside, contribution.RestrictionReason
                    ?? (inside ? "Resource is included in this restriction allowlist" : "Resource is not included in this restriction allowlist")));
            }
        }
        return PermissionExplanation.From(action.Name, rules, restrictions);
    }
}
