namespace Datasette.Gen.Runtime.Permissions;

/// <summary>
/// What one rule source contributes for one (actor, action), as Datasette's PermissionSQL:
/// <see cref="Sql"/> selects <c>parent, child, allow, reason</c> rows; <see cref="RestrictionSql"/>
/// selects the <c>parent, child</c> allowlist rows the resource must fall inside. Both run
/// against the internal database with <see cref="Params"/> (names without ':'); <c>:actor</c>,
/// <c>:actor_id</c> and <c>:action</c> are always available.
/// </summary>
public sealed record PermissionSql(string? Sql, IReadOnlyDictionary<string, object?> Params, string? RestrictionSql = null)
{
    private static readonly IReadOnlyDictionary<string, object?> NoParams = new Dictionary<string, object?>();

    /// <summary>The plugin name shown in debug output; filled in from the source that returned it.</summary>
    public string Source { get; init; } = "";

    /// <summary>Why a restriction-only contribution denies, shown by /-/check (Datasette's "deny" param).</summary>
    public string? RestrictionReason { get; init; }

    /// <summary>One global rule row: <c>(NULL, NULL, 1, reason)</c>.</summary>
    public static PermissionSql Allow(string reason) => Global(1, reason);

    /// <summary>One global rule row: <c>(NULL, NULL, 0, reason)</c>.</summary>
    public static PermissionSql Deny(string reason) => Global(0, reason);

    public static PermissionSql RestrictionOnly(string restrictionSql, IReadOnlyDictionary<string, object?>? parameters = null) =>
        new(null, parameters ?? NoParams, restrictionSql);

    private static PermissionSql Global(int allow, string reason) =>
        new($"SELECT NULL AS parent, NULL AS child, {allow} AS allow, :reason AS reason", new Dictionary<string, object?> { ["reason"] = reason });
}

/// <summary>
/// A provider of permission rules: Datasette's <c>permission_resources_sql</c> hook. The
/// built-in sources (root user, configuration, defaults, stored-query ownership, actor
/// restrictions) use this same extension point; plugins add their own.
/// </summary>
internal interface IPermissionSource
{
    /// <summary>The plugin name reported as <c>source_plugin</c>.</summary>
    string Name { get; }

    /// <summary>Adds this source's contributions for <paramref name="request"/> (none is fine).</summary>
    void Contribute(PermissionRequest request, List<PermissionSql> contributions);

    /// <summary>
    /// True when this source's rules can change without a write to the internal database (they
    /// read the clock or outside state). Verdicts are shared across requests until the internal
    /// database is written; a volatile source keeps them to one request.
    /// </summary>
    bool IsVolatile => false;
}
