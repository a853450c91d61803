using System.Text;

namespace Datasette.Gen.Runtime.Permissions;

/// <summary>One contribution with its parameters renamed and bound, ready to be placed in a query.</summary>
internal sealed record PreparedContribution(string? RulesSql, string? RestrictionSql, string Source, string? RestrictionReason)
{
    /// <summary>
    /// <paramref name="contributions"/> with their parameters renamed <c>prefix + index + "_" + name</c>
    /// and bound into <paramref name="parameters"/>, so sources and actions sharing one query never
    /// overwrite each other's values (Datasette's shared namespace, spec §13, is not reproduced).
    /// </summary>
    public static List<PreparedContribution> Prepare(List<PermissionSql> contributions, string prefix, ActorState state, string action, Dictionary<string, object?> parameters)
    {
        var prepared = new List<PreparedContribution>(contributions.Count);
        for (var j = 0; j < contributions.Count; j++)
        {
            var contribution = contributions[j];
            var local = prefix + j.ToString(System.Globalization.CultureInfo.InvariantCulture) + "_";
            var names = new Dictionary<string, object?>(contribution.Params, StringComparer.Ordinal);
            var text = (contribution.Sql ?? "") + "\n" + (contribution.RestrictionSql ?? "");
            // Datasette always makes :actor, :actor_id and :action available.
            AddImplicit(names, text, "actor", () => state.Actor is null ? null : state.Key);
            AddImplicit(names, text, "actor_id", () => state.IdValue);
            AddImplicit(names, text, "action", () => action);
            string? Rename(string name) => names.ContainsKey(name) ? local + name : null;
            foreach (var (name, value) in names)
            {
                parameters[local + name] = value;
            }
            prepared.Add(new PreparedContribution(
                contribution.Sql is null ? null : RenameParameters(contribution.Sql, Rename),
                contribution.RestrictionSql is null ? null : RenameParameters(contribution.RestrictionSql, Rename),
                contribution.Source,
                contribution.RestrictionReason));
        }
        return prepared;
    }

    /// <summary>
    /// Renames <c>:name</c> parameters for which <paramref name="rename"/> returns a new name,
    /// leaving string literals and unknown names alone.
    /// </summary>
    public static string RenameParameters(string sql, Func<string, string?> rename)
    {
        StringBuilder? builder = null;
        var copied = 0;
        var i = 0;
        while (i < sql.Length)
        {
            var c = sql[i];
            if (c == '\'')
            {
                var end = sql.IndexOf('\'', i + 1);
                while (end >= 0 && end + 1 < sql.Length && sql[end + 1] == '\'')
                {
                    end = sql.IndexOf('\'', end + 2);
                }
                i = end < 0 ? sql.Length : end + 1;
                continue;
            }
            if (c == ':' && i + 1 < sql.Length && IsIdentifierStart(sql[i + 1]))
            {
                var start = i + 1;
                var stop = start + 1;
                while (stop < sql.Length && IsIdentifierPart(sql[stop]))
                {
                    stop++;
                }
                var name = sql[start..stop];
                if (rename(name) is { } renamed)
                {
                    builder ??= new StringBuilder(sql.Length + 64);
                    builder.Append(sql, copied, start - copied).Append(renamed);
                    copied = stop;
                }
                i = stop;
                continue;
            }
            i++;
        }
        if (builder is null)
        {
            return sql;
        }
        return builder.Append(sql, copied, sql.Length - copied).ToString();
    }

    private static bool IsIdentifierStart(char c) => c == '_' || char.IsAsciiLetter(c);

    private static bool IsIdentifierPart(char c) => c == '_' || char.IsAsciiLetterOrDigit(c);

    private static void AddImplicit(Dictionary<string, object?> names, string sql, string name, Func<object?> value)
    {
        if (!names.ContainsKey(name) && MentionsParameter(sql, name))
        {
            names[name] = value();
        }
    }

    private static bool MentionsParameter(string sql, string name)
    {
        var at = 0;
        while ((at = sql.IndexOf(":" + name, at, StringComparison.Ordinal)) >= 0)
        {
            var after = at + name.Length + 1;
            if (after >= sql.Length || !IsIdentifierPart(sql[after]))
            {
                return true;
            }
            at = after;
        }
        return false;
    }
}
