namespace Datasette.Gen.Configuration.Permissions;

/// <summary>Where a configuration rule came from, which decides how actor restrictions treat it.</summary>
public enum PermissionRuleKind
{
    /// <summary>A <c>permissions: {action: block}</c> entry.</summary>
    PermissionsBlock,

    /// <summary>An <c>allow</c> or <c>allow_sql</c> block, subject to the restriction gate.</summary>
    AllowBlock,
}

/// <summary>
/// One configuration rule: for <see cref="Action"/> on <c>(Parent, Child)</c>, allow when the
/// actor matches block <see cref="Block"/>, deny when it does not. The reason Datasette reports
/// is <c>config allow|deny {Scope}</c>, e.g. <c>config deny allow for view-table on sales/secrets</c>.
/// </summary>
public sealed record PermissionRule(string Action, string? Parent, string? Child, int Block, PermissionRuleKind Kind, string Scope)
{
    public string Reason(bool allowed) => (allowed ? "config allow " : "config deny ") + Scope;
}
