using System.Text;

namespace Datasette.Gen.Runtime.Permissions;

/// <summary>
/// Turns gathered <see cref="PermissionSql"/> contributions into the queries of Datasette's
/// <c>utils/actions_sql.py</c>: rules as CTEs with named parameters, cascade child → parent →
/// global, deny wins within a level. Contributions come in prepared (<see cref="PreparedContribution"/>).
/// </summary>
internal static class PermissionSqlBuilder
{
    /// <summary>The union of every contribution's rule rows, tagged with its source, or null when none has rules.</summary>
    public static string? RulesUnion(List<PreparedContribution> prepared, bool withSource = true)
    {
        var builder = new StringBuilder();
        foreach (var item in prepared)
        {
            if (item.RulesSql is null)
            {
                continue;
            }
            if (builder.Length > 0)
            {
                builder.Append("\nUNION ALL\n");
            }
            builder.Append("SELECT parent, child, allow, reason");
            if (withSource)
            {
                builder.Append(", ").Append(Quote(item.Source)).Append(" AS source_plugin");
            }
            builder.Append(" FROM (\n").Append(item.RulesSql).Append("\n)");
        }
        return builder.Length == 0 ? null : builder.ToString();
    }

    /// <summary>
    /// The verdict of one action for the resource <c>(parent, child)</c> (parameters for a single
    /// check, columns for a batch): the most specific matching rule, deny first; then the
    /// resource must fall inside every restriction source.
    /// </summary>
    public static string Verdict(string rulesCte, IReadOnlyList<string> restrictionCtes, string parent = ":_check_parent", string child = ":_check_child")
    {
        var verdict = new StringBuilder($"""
            COALESCE((
              SELECT allow FROM (
                SELECT allow, source_plugin,
                  CASE WHEN child IS NOT NULL THEN 2 WHEN parent IS NOT NULL THEN 1 ELSE 0 END AS depth
                FROM {rulesCte}
                WHERE (parent IS NULL OR parent = {parent})
                  AND (child IS NULL OR child = {child})
                ORDER BY depth DESC, CASE WHEN allow = 0 THEN 0 ELSE 1 END, source_plugin
                LIMIT 1
              )
            ), 0)
            """);
        foreach (var restriction in restrictionCtes)
        {
            verdict.Insert(0, '(').Append($"""
                ) AND EXISTS (
                  SELECT 1 FROM {restriction} r
                  WHERE (r.parent = {parent} OR r.parent IS NULL)
                    AND (r.child = {child} OR r.child IS NULL)
                )
                """);
        }
        return verdict.ToString();
    }

    /// <summary>
    /// The listing query of one action (no also_requires): every candidate resource, decided by
    /// the cascade, filtered by the restriction sources, optionally with <c>is_private</c>.
    /// </summary>
    public static string Listing(string candidatesSql, List<PreparedContribution> rules, List<PreparedContribution>? anonymous, bool filterParent)
    {
        var union = RulesUnion(rules);
        var includePrivate = anonymous is not null;
        if (union is null)
        {
            return "SELECT NULL AS parent, NULL AS child, NULL AS reason" + (includePrivate ? ", NULL AS is_private" : "") + " WHERE 0";
        }
        var sql = new StringBuilder("WITH\nbase AS (\n").Append(candidatesSql).Append("\n),\nall_rules AS (\n").Append(union).Append("\n),\n");
        var restrictions = RestrictionCtes(sql, rules, "restriction");
        List<string>? anonymousRestrictions = null;
        if (anonymous is not null)
        {
            var anonymousUnion = RulesUnion(anonymous) ?? "SELECT NULL AS parent, NULL AS child, 0 AS allow, NULL AS reason, NULL AS source_plugin WHERE 0";
            sql.Append("anon_rules AS (\n").Append(anonymousUnion).Append("\n),\n");
            anonymousRestrictions = RestrictionCtes(sql, anonymous, "anon_restriction");
        }
        Aggregates(sql, "", "all_rules", withReasons: true);
        if (includePrivate)
        {
            Aggregates(sql, "anon_", "anon_rules", withReasons: false);
        }
        sql.Append("""
            decisions AS (
              SELECT
                b.parent, b.child,
                -- child deny, child allow, parent deny, parent allow, global deny, global allow, else deny
                CASE
                  WHEN ca.any_deny = 1 THEN 0
                  WHEN ca.any_allow = 1 THEN 1
                  WHEN pa.any_deny = 1 THEN 0
                  WHEN pa.any_allow = 1 THEN 1
                  WHEN ga.any_deny = 1 THEN 0
                  WHEN ga.any_allow = 1 THEN 1
                  ELSE 0
                END AS is_allowed,
                CASE
                  WHEN ca.any_deny = 1 THEN ca.deny_reasons
                  WHEN ca.any_allow = 1 THEN ca.allow_reasons
                  WHEN pa.any_deny = 1 THEN pa.deny_reasons
                  WHEN pa.any_allow = 1 THEN pa.allow_reasons
                  WHEN ga.any_deny = 1 THEN ga.deny_reasons
                  WHEN ga.any_allow = 1 THEN ga.allow_reasons
                  ELSE '[]'
                END AS reason
            """);
        if (includePrivate)
        {
            // Private: anonymous would be denied by the rules or left out by a restriction source.
            sql.Append("""
                ,
                    CASE WHEN (
                      CASE
                        WHEN aca.any_deny = 1 THEN 0
                        WHEN aca.any_allow = 1 THEN 1
                        WHEN apa.any_deny = 1 THEN 0
                        WHEN apa.any_allow = 1 THEN 1
                        WHEN aga.any_deny = 1 THEN 0
                        WHEN aga.any_allow = 1 THEN 1
                        ELSE 0
                      END
                    ) = 0
                """);
            foreach (var restriction in anonymousRestrictions!)
            {
                sql.Append(" OR NOT ").Append(Inside(restriction, "b"));
            }
            sql.Append(" THEN 1 ELSE 0 END AS is_private");
        }
        sql.Append("""

              FROM base b
              LEFT JOIN child_agg ca ON ca.parent = b.parent AND ca.child = b.child
              LEFT JOIN parent_agg pa ON pa.parent = b.parent
              CROSS JOIN global_agg ga
            """);
        if (includePrivate)
        {
            sql.Append("""

                  LEFT JOIN anon_child_agg aca ON aca.parent = b.parent AND aca.child = b.child
                  LEFT JOIN anon_parent_agg apa ON apa.parent = b.parent
                  CROSS JOIN anon_global_agg aga
                """);
        }
        sql.Append("\n)\nSELECT parent, child, reason").Append(includePrivate ? ", is_private" : "").Append("\nFROM decisions\nWHERE is_allowed = 1");
        foreach (var restriction in restrictions)
        {
            sql.Append("\n  AND ").Append(Inside(restriction, "decisions"));
        }
        if (filterParent)
        {
            sql.Append("\n  AND parent = :filter_parent");
        }
        sql.Append("\nORDER BY parent, child");
        return sql.ToString();
    }

    /// <summary>Rows allowed by both listings (NULL-safe on parent and child): Datasette's also_requires join.</summary>
    public static string Join(string mainSql, string requiredSql, bool includePrivate, bool filterParent)
    {
        var sql = new StringBuilder("WITH\nmain_allowed AS (\n").Append(mainSql).Append("\n),\nrequired_allowed AS (\n").Append(requiredSql).Append("\n)\n")
            .Append("SELECT m.parent, m.child, m.reason").Append(includePrivate ? ", m.is_private" : "").Append('\n')
            .Append("""
                FROM main_allowed m
                INNER JOIN required_allowed r
                  ON ((m.parent = r.parent) OR (m.parent IS NULL AND r.parent IS NULL))
                 AND ((m.child = r.child) OR (m.child IS NULL AND r.child IS NULL))

                """);
        if (filterParent)
        {
            sql.Append("WHERE m.parent = :filter_parent\n");
        }
        return sql.Append("ORDER BY m.parent, m.child").ToString();
    }

    /// <summary>Every candidate, allowed because checks are skipped.</summary>
    public static string SkipListing(string candidatesSql, bool includePrivate, bool filterParent) =>
        $"SELECT parent, child, 'skip_permission_checks' AS reason{(includePrivate ? ", 0 AS is_private" : "")} FROM (\n{candidatesSql}\n)"
        + (filterParent ? " WHERE parent = :filter_parent" : "") + " ORDER BY parent, child";

    /// <summary>SQL text quoted as a string literal.</summary>
    public static string Quote(string text) => "'" + text.Replace("'", "''") + "'";

    private static List<string> RestrictionCtes(StringBuilder sql, List<PreparedContribution> prepared, string name)
    {
        var names = new List<string>();
        foreach (var item in prepared)
        {
            if (item.RestrictionSql is null)
            {
                continue;
            }
            var cte = name + "_" + names.Count.ToString(System.Globalization.CultureInfo.InvariantCulture);
            names.Add(cte);
            sql.Append(cte).Append(" AS (\n").Append(item.RestrictionSql).Append("\n),\n");
        }
        return names;
    }

    private static string Inside(string restriction, string row) =>
        $"EXISTS (SELECT 1 FROM {restriction} r WHERE (r.parent IS NULL OR r.parent = {row}.parent) AND (r.child IS NULL OR r.child = {row}.child))";

    private static void Aggregates(StringBuilder sql, string prefix, string rules, bool withReasons)
    {
        void One(string name, string select, string where, string? groupBy)
        {
            sql.Append(prefix).Append(name).Append(" AS (\n  SELECT ").Append(select)
                .Append("\n         MAX(CASE WHEN allow = 0 THEN 1 ELSE 0 END) AS any_deny,\n         MAX(CASE WHEN allow = 1 THEN 1 ELSE 0 END) AS any_allow");
            if (withReasons)
            {
                sql.Append(",\n         json_group_array(CASE WHEN allow = 0 THEN source_plugin || ': ' || reason END) AS deny_reasons,")
                    .Append("\n         json_group_array(CASE WHEN allow = 1 THEN source_plugin || ': ' || reason END) AS allow_reasons");
            }
            sql.Append("\n  FROM ").Append(rules).Append(" WHERE ").Append(where);
            if (groupBy is not null)
            {
                sql.Append("\n  GROUP BY ").Append(groupBy);
            }
            sql.Append("\n),\n");
        }
        One("child_agg", "parent, child,", "parent IS NOT NULL AND child IS NOT NULL", "parent, child");
        One("parent_agg", "parent,", "parent IS NOT NULL AND child IS NULL", "parent");
        One("global_agg", "", "parent IS NULL AND child IS NULL", null);
    }
}
