using System.Text.Json.Nodes;
using Datasette.Gen.Configuration.Model;
using Datasette.Gen.Configuration.Permissions;
using Datasette.Gen.Runtime.Data;
using Microsoft.Data.Sqlite;

namespace Datasette.Gen.Runtime.Permissions;

/// <summary>
/// Datasette's permission system as the runtime asks it (permissions spec §6, §9): rule sources
/// contribute SQL and one query over the internal database resolves each check. This wires the
/// parts together from what they need (the internal database, the actions, the rule sources and
/// the allow-block matchers) and answers for them; each part has one job.
/// </summary>
internal sealed class PermissionChecker
{
    private readonly PermissionActions _actions;
    private readonly RuleSources _sources;
    private readonly PermissionDatabase _database;
    private readonly PermissionRuleSql _sql;
    private readonly PermissionDecider _decider;
    private readonly PermissionExplainer _explainer;
    private readonly PermissionCheckLog _log = new();

    public PermissionChecker(Database internalDatabase, IReadOnlyDictionary<string, ActionDefinition> actions, IEnumerable<IPermissionSource> sources, CompiledPermissions matchers)
    {
        _actions = new PermissionActions(actions);
        _sources = new RuleSources(sources, matchers);
        _database = new PermissionDatabase(internalDatabase);
        _sql = new PermissionRuleSql(_actions, _sources);
        _decider = new PermissionDecider(_actions, _sources, _sql, _database, new SharedVerdictCache(_database, _sources), _log);
        _explainer = new PermissionExplainer(_actions, _sources, _database);
    }

    /// <summary>Rule sources in the order they are asked; plugins insert theirs (Datasette calls the most recently registered first).</summary>
    public List<IPermissionSource> Sources => _sources.All;

    /// <summary>The most recent checks, newest last (at most 200).</summary>
    public IReadOnlyList<PermissionCheck> RecentChecks => _log.Recent;

    /// <summary>May <paramref name="actor"/> perform <paramref name="action"/> on <c>(parent, child)</c>?</summary>
    public bool Allowed(JsonObject? actor, string action, string? parent = null, string? child = null) =>
        _decider.Allowed(actor, action, parent, child);

    /// <inheritdoc cref="PermissionDecider.AllowedMany"/>
    public IReadOnlyDictionary<string, bool> AllowedMany(JsonObject? actor, IEnumerable<string> actions, string? parent = null, string? child = null) =>
        _decider.AllowedMany(actor, actions, parent, child);

    /// <inheritdoc cref="PermissionDecider.Prefetch"/>
    public void Prefetch(JsonObject? actor, string action, IReadOnlyList<(string? Parent, string? Child)> resources) =>
        _decider.Prefetch(actor, action, resources);

    /// <inheritdoc cref="PermissionRuleSql.AllowedResources"/>
    public ResourcesSql AllowedResourcesSql(JsonObject? actor, string action, string? parent = null, bool includeIsPrivate = false) =>
        _sql.AllowedResources(actor, action, parent, includeIsPrivate);

    /// <inheritdoc cref="PermissionRuleSql.Rules"/>
    public ResourcesSql RulesSql(JsonObject? actor, string action) => _sql.Rules(actor, action);

    /// <inheritdoc cref="PermissionExplainer"/>
    public PermissionExplanation Explain(JsonObject? actor, string action, string? parent, string? child) =>
        _explainer.Explain(actor, action, parent, child);

    /// <inheritdoc cref="PermissionActions.Require"/>
    public ActionDefinition Require(string name) => _actions.Require(name);

    /// <inheritdoc cref="PermissionDatabase.Query"/>
    public T Query<T>(string sql, IReadOnlyDictionary<string, object?> parameters, Func<SqliteDataReader, T> read) =>
        _database.Query(sql, parameters, read);
}
