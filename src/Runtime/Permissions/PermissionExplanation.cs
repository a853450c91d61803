using System.Text.Json;

namespace Datasette.Gen.Runtime.Permissions;

/// <summary>A rule row that matched the resource being explained.</summary>
internal sealed record ExplainedRule(int Specificity, bool Allow, string Source, string? Reason)
{
    public string Scope => Specificity switch { 2 => "resource", 1 => "parent", _ => "global" };

    public bool Decisive { get; init; }

    public string? IgnoredBecause { get; init; }
}

/// <summary>One restriction source's verdict on the resource.</summary>
internal sealed record ExplainedRestriction(string Source, bool Allowed, string Reason);

/// <summary>
/// Datasette's unstable permission explanation (<c>explain_permission_for_resource</c>): which
/// rules matched at which scope, which one decided, what each restriction source said, and the
/// explanation of the action it also requires.
/// </summary>
internal sealed class PermissionExplanation
{
    private PermissionExplanation(string action, bool ruleAllowed, bool restrictionAllowed, string? winningScope, List<ExplainedRule> rules, List<ExplainedRestriction> restrictions)
    {
        Action = action;
        RuleAllowed = ruleAllowed;
        RestrictionAllowed = restrictionAllowed;
        WinningScope = winningScope;
        MatchedRules = rules;
        Restrictions = restrictions;
    }

    public string Action { get; }

    public bool RuleAllowed { get; }

    public bool RestrictionAllowed { get; }

    public string? WinningScope { get; }

    public IReadOnlyList<ExplainedRule> MatchedRules { get; }

    public IReadOnlyList<ExplainedRestriction> Restrictions { get; }

    public IReadOnlyList<PermissionExplanation> RequiredActions { get; private set; } = Array.Empty<PermissionExplanation>();

    public bool Allowed { get; private set; }

    public string Summary { get; private set; } = "";

    internal static PermissionExplanation Skipped(string action) => new(action, true, true, "global",
        new List<ExplainedRule> { new(0, true, "skip_permission_checks", "Permission checks were explicitly skipped") { Decisive = true } },
        new List<ExplainedRestriction>());

    internal static PermissionExplanation From(string action, List<ExplainedRule> matched, List<ExplainedRestriction> restrictions)
    {
        matched.Sort((a, b) =>
        {
            var order = b.Specificity.CompareTo(a.Specificity);
            if (order == 0)
            {
                order = (a.Allow ? 1 : 0).CompareTo(b.Allow ? 1 : 0);
            }
            if (order == 0)
            {
                order = string.CompareOrdinal(a.Source, b.Source);
            }
            return order != 0 ? order : string.CompareOrdinal(a.Reason ?? "", b.Reason ?? "");
        });
        int? winning = matched.Count > 0 ? matched[0].Specificity : null;
        var ruleAllowed = winning is not null && !matched.Exists(r => r.Specificity == winning && !r.Allow);
        var rules = matched.ConvertAll(rule =>
            rule.Specificity != winning ? rule with { Decisive = false, IgnoredBecause = "A more specific rule matched" }
            : !ruleAllowed && rule.Allow ? rule with { Decisive = false, IgnoredBecause = "A deny rule matched at the same scope" }
            : rule with { Decisive = true, IgnoredBecause = null });
        var allRestrictionsAllow = restrictions.TrueForAll(r => r.Allowed);
        return new PermissionExplanation(action, ruleAllowed, allRestrictionsAllow, matched.Count > 0 ? matched[0].Scope : null, rules, restrictions);
    }

    internal PermissionExplanation Complete(List<PermissionExplanation> required)
    {
        RequiredActions = required;
        Allowed = RuleAllowed && RestrictionAllowed && required.TrueForAll(r => r.Allowed);
        var denied = required.Find(r => !r.Allowed);
        Summary = denied is not null ? $"Denied because {Action} also requires {denied.Action}, which was denied."
            : MatchedRules.Count == 0 ? "Denied because no permission rule matched this actor and resource."
            : !RuleAllowed ? $"Denied by a {WinningScope}-level rule. Deny rules take precedence over allow rules at the same scope."
            : !RestrictionAllowed ? "Denied because the resource is not included in the actor's restrictions."
            : $"Allowed by the matching {WinningScope}-level rule.";
        return this;
    }

    public void WriteJson(Utf8JsonWriter writer)
    {
        writer.WriteStartObject();
        writer.WriteString("action", Action);
        writer.WriteBoolean("rule_allowed", RuleAllowed);
        writer.WriteBoolean("restriction_allowed", RestrictionAllowed);
        writer.WriteString("winning_scope", WinningScope);
        writer.WriteStartArray("matched_rules");
        foreach (var rule in MatchedRules)
        {
            writer.WriteStartObject();
            writer.WriteString("scope", rule.Scope);
            writer.WriteString("effect", rule.Allow ? "allow" : "deny");
            writer.WriteString("source", rule.Source);
            writer.WriteString("reason", rule.Reason);
            writer.WriteBoolean("decisive", rule.Decisive);
            writer.WriteString("ignored_because", rule.IgnoredBecause);
            writer.WriteEndObject();
        }
        writer.WriteEndArray();
        writer.WriteStartArray("restrictions");
        foreach (var restriction in Restrictions)
        {
            writer.WriteStartObject();
            writer.WriteString("source", restriction.Source);
            writer.WriteBoolean("allowed", restriction.Allowed);
            writer.WriteString("reason", restriction.Reason);
            writer.WriteEndObject();
        }
        writer.WriteEndArray();
        writer.WriteStartArray("required_actions");
        foreach (var required in RequiredActions)
        {
            required.WriteJson(writer);
        }
        writer.WriteEndArray();
        writer.WriteBoolean("allowed", Allowed);
        writer.WriteString("summary", Summary);
        writer.WriteEndObject();
    }
}
