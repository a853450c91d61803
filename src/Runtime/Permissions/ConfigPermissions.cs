using System.Text;
using Datasette.Gen.Configuration.Permissions;

namespace Datasette.Gen.Runtime.Permissions;

/// <summary>
/// Rules from datasette.yaml (<c>default_permissions/config.py</c>). The configuration's allow
/// blocks were compiled to <see cref="PermissionRule"/> rows once (at build time for the
/// compiled configuration); per check this only asks the actor's matchers and, for actors
/// with <c>_r</c>, applies Datasette's restriction gate.
/// </summary>
internal sealed class ConfigPermissions(PermissionRules configured) : IPermissionSource
{
    public string Name => DefaultPermissions.PluginName;

    public void Contribute(PermissionRequest request, List<PermissionSql> contributions)
    {
        var rules = configured.For(request.Action.Name);
        if (rules.Count == 0)
        {
            return;
        }
        var gate = request.Restrictions is { } restrictions ? new Gate(restrictions, request) : null;
        var json = new StringBuilder("[");
        var count = 0;
        void Add(string? parent, string? child, bool allow, string reason)
        {
            if (count++ > 0)
            {
                json.Append(',');
            }
            json.Append('[');
            RuleRows.String(json, parent);
            json.Append(',');
            RuleRows.String(json, child);
            json.Append(allow ? ",1," : ",0,");
            RuleRows.String(json, reason);
            json.Append(']');
        }
        foreach (var rule in rules)
        {
            if (rule.Kind == PermissionRuleKind.AllowBlock && gate is not null && !gate.InAllowlist(rule.Parent, rule.Child))
            {
                continue;
            }
            var allowed = request.State.Matches(rule.Block);
            Add(rule.Parent, rule.Child, allowed, rule.Reason(allowed));
            if (rule.Kind == PermissionRuleKind.AllowBlock && gate is not null && !allowed && rule.Child is null)
            {
                gate.AddDenies(rule, Add);
            }
        }
        if (count == 0)
        {
            return;
        }
        json.Append(']');
        contributions.Add(new PermissionSql(RuleRows.Sql, new Dictionary<string, object?> { ["rules"] = json.ToString() }));
    }

    /// <summary>
    /// Datasette's restriction gate (permissions spec §8.3): allow blocks outside the actor's
    /// allowlist are skipped, and a denying root- or database-level block adds explicit denies
    /// for the restricted databases and tables beneath it.
    /// </summary>
    private sealed class Gate
    {
        private readonly ActorRestrictions _restrictions;
        private readonly PermissionRequest _request;
        private readonly List<string> _databases;
        private readonly List<(string Database, string Resource)> _tables;

        public Gate(ActorRestrictions restrictions, PermissionRequest request)
        {
            _restrictions = restrictions;
            _request = request;
            _tables = restrictions.ResourcesFor(request.Action);
            _databases = restrictions.DatabasesFor(request.Action);
            foreach (var (database, _) in _tables)
            {
                if (!_databases.Contains(database))
                {
                    _databases.Add(database);
                }
            }
        }

        public bool InAllowlist(string? parent, string? child)
        {
            var action = _request.Action;
            if (_restrictions.AllowsEverywhere(action))
            {
                return true;
            }
            if (parent is not null)
            {
                foreach (var (database, actions) in _restrictions.Databases)
                {
                    if (database == parent && ActorRestrictions.Lists(actions, action))
                    {
                        return true;
                    }
                }
                foreach (var (database, resource, actions) in _restrictions.Resources)
                {
                    if (database == parent && (child is null || resource == child) && ActorRestrictions.Lists(actions, action))
                    {
                        return true;
                    }
                }
                return false;
            }
            return child is null && (_databases.Count > 0 || _tables.Count > 0);
        }

        public void AddDenies(PermissionRule rule, System.Action<string?, string?, bool, string> add)
        {
            var reason = $"config deny {rule.Scope} (restriction gate)";
            var action = _request.Action;
            if (rule.Parent is null)
            {
                if (action.TakesParent)
                {
                    foreach (var database in _databases)
                    {
                        add(database, null, false, reason);
                    }
                }
                if (action.TakesChild)
                {
                    foreach (var (database, table) in _tables)
                    {
                        add(database, table, false, reason);
                    }
                }
                return;
            }
            if (action.TakesChild)
            {
                foreach (var (database, table) in _tables)
                {
                    if (database == rule.Parent)
                    {
                        add(database, table, false, reason);
                    }
                }
            }
        }
    }
}
