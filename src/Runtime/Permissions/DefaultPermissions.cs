using System.Text;
using Datasette.Gen.Configuration.Model;

namespace Datasette.Gen.Runtime.Permissions;

/// <summary>
/// Datasette's built-in rule sources (<c>datasette/default_permissions/</c>), each a separate
/// <see cref="IPermissionSource"/> as each is a separate hook implementation there, listed in
/// the order Datasette calls them. Each is given the options it reads when it is made.
/// </summary>
internal static class DefaultPermissions
{
    /// <summary>The plugin name Datasette reports for every built-in rule.</summary>
    public const string PluginName = "datasette.default_permissions";

    /// <summary>Actions granted to everybody unless the instance runs with --default-deny.</summary>
    public static readonly IReadOnlySet<string> DefaultAllowActions = new HashSet<string>
    {
        "view-instance", "view-database", "view-database-download", "view-table", "view-query", "execute-sql",
    };

    /// <summary>The built-in sources of an instance: --root and --default-deny, its <paramref name="settings"/> and the configuration's <paramref name="rules"/>.</summary>
    public static IPermissionSource[] For(bool rootEnabled, bool defaultDeny, Settings settings, PermissionRules rules) => new IPermissionSource[]
    {
        new RootUser(rootEnabled),
        new QueryOwnership(),
        new DefaultAllowSql(settings),
        new DefaultActions(defaultDeny),
        new ConfigPermissions(rules),
        new ActorRestrictionsSource(),
    };

    /// <summary>With --root, the actor <c>{"id": "root"}</c> gets one global allow for every action.</summary>
    public sealed class RootUser(bool rootEnabled) : IPermissionSource
    {
        public string Name => PluginName;

        public void Contribute(PermissionRequest request, List<PermissionSql> contributions)
        {
            if (rootEnabled && request.State.IdValue is "root")
            {
                contributions.Add(PermissionSql.Allow("root user"));
            }
        }
    }

    /// <summary>Stored-query owners may view (and, for user queries, update and delete) their queries; private queries are hidden from everybody else.</summary>
    public sealed class QueryOwnership : IPermissionSource
    {
        public string Name => PluginName;

        public void Contribute(PermissionRequest request, List<PermissionSql> contributions)
        {
            var action = request.Action.Name;
            if (action is not ("view-query" or "update-query" or "delete-query"))
            {
                return;
            }
            var owner = request.State.IdValue;
            string? sql = null;
            if (owner is not null)
            {
                sql = """
                    SELECT database_name AS parent, name AS child, 1 AS allow, 'query owner' AS reason
                    FROM queries
                    WHERE owner_id = :query_owner_id
                    """ + (action == "view-query" ? "" : " AND source = 'user'");
            }
            contributions.Add(new PermissionSql(
                sql,
                new Dictionary<string, object?> { ["query_owner_id"] = owner },
                """
                SELECT database_name AS parent, name AS child
                FROM queries
                WHERE is_private = 0 OR owner_id = :query_owner_id
                """));
        }
    }

    /// <summary>default_allow_sql off: one global deny for execute-sql.</summary>
    public sealed class DefaultAllowSql(Settings settings) : IPermissionSource
    {
        public string Name => PluginName;

        public void Contribute(PermissionRequest request, List<PermissionSql> contributions)
        {
            if (request.Action.Name == "execute-sql" && !settings.DefaultAllowSql)
            {
                contributions.Add(PermissionSql.Deny("default_allow_sql is false"));
            }
        }
    }

    /// <summary>The default grants, skipped with --default-deny.</summary>
    public sealed class DefaultActions(bool defaultDeny) : IPermissionSource
    {
        public string Name => PluginName;

        public void Contribute(PermissionRequest request, List<PermissionSql> contributions)
        {
            if (!defaultDeny && DefaultAllowActions.Contains(request.Action.Name))
            {
                contributions.Add(PermissionSql.Allow("default allow for " + request.Action.Name));
            }
        }
    }

    /// <summary>An actor's <c>_r</c> allowlist: restriction rows only, never allow rules.</summary>
    public sealed class ActorRestrictionsSource : IPermissionSource
    {
        public string Name => PluginName;

        public void Contribute(PermissionRequest request, List<PermissionSql> contributions)
        {
            var restrictions = request.Restrictions;
            if (restrictions is null || restrictions.AllowsEverywhere(request.Action))
            {
                return;
            }
            var rows = new List<(string?, string?)>();
            foreach (var database in restrictions.DatabasesFor(request.Action))
            {
                rows.Add((database, null));
            }
            foreach (var (database, resource) in restrictions.ResourcesFor(request.Action))
            {
                rows.Add((database, resource));
            }
            if (rows.Count == 0)
            {
                contributions.Add(PermissionSql.RestrictionOnly("SELECT NULL AS parent, NULL AS child WHERE 0") with
                {
                    RestrictionReason = $"actor restrictions: {request.Action.Name} not in allowlist",
                });
                return;
            }
            contributions.Add(PermissionSql.RestrictionOnly(
                "SELECT json_extract(value, '$[0]') AS parent, json_extract(value, '$[1]') AS child FROM json_each(:restrictions)",
                new Dictionary<string, object?> { ["restrictions"] = RuleRows.Json(rows) }));
        }
    }
}

/// <summary>Rows passed to SQL as one JSON array parameter, so the SQL text stays constant.</summary>
internal static class RuleRows
{
    /// <summary>SQL selecting <c>parent, child, allow, reason</c> from the JSON array parameter <c>:rules</c>.</summary>
    public const string Sql = """
        SELECT json_extract(value, '$[0]') AS parent, json_extract(value, '$[1]') AS child,
               json_extract(value, '$[2]') AS allow, json_extract(value, '$[3]') AS reason
        FROM json_each(:rules)
        """;

    public static string Json(IEnumerable<(string? Parent, string? Child)> rows)
    {
        var json = new StringBuilder("[");
        foreach (var (parent, child) in rows)
        {
            if (json.Length > 1)
            {
                json.Append(',');
            }
            json.Append('[');
            String(json, parent);
            json.Append(',');
            String(json, child);
            json.Append(']');
        }
        return json.Append(']').ToString();
    }

    public static void String(StringBuilder json, string? value)
    {
        if (value is null)
        {
            json.Append("null");
            return;
        }
        json.Append('"');
        foreach (var c in value)
        {
            switch (c)
            {
                case '"': json.Append("\\\""); break;
                case '\\': json.Append("\\\\"); break;
                default:
                    if (c < 0x20)
                    {
                        json.Append("\\u").Append(((int)c).ToString("x4", System.Globalization.CultureInfo.InvariantCulture));
                    }
                    else
                    {
                        json.Append(c);
                    }
                    break;
            }
        }
        json.Append('"');
    }
}
