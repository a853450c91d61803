namespace Datasette.Gen.Configuration.Model;

public enum ResourceKind
{
    Instance,
    Database,
    Table,
    Query,
}

/// <summary>
/// A permission action (Datasette's vocabulary): unique name and abbreviation, the resource
/// level it applies to, the action it also requires and whether it is granted by default.
/// </summary>
public sealed record ActionDefinition(
    string Name,
    string? Abbr,
    ResourceKind Resource,
    string? AlsoRequires,
    bool DefaultAllow,
    string Description)
{
    public bool TakesParent => Resource != ResourceKind.Instance;

    public bool TakesChild => Resource is ResourceKind.Table or ResourceKind.Query;

    /// <summary>Datasette 1.0's 21 built-in actions.</summary>
    public static readonly IReadOnlyList<ActionDefinition> BuiltIn = new[]
    {
        new ActionDefinition("view-instance", "vi", ResourceKind.Instance, null, true, "View Datasette instance"),
        new ActionDefinition("permissions-debug", "pd", ResourceKind.Instance, null, false, "Access permission debug tool"),
        new ActionDefinition("debug-menu", "dm", ResourceKind.Instance, null, false, "View debug menu items"),
        new ActionDefinition("view-database", "vd", ResourceKind.Database, null, true, "View database"),
        new ActionDefinition("view-database-download", "vdd", ResourceKind.Database, "view-database", true, "Download database file"),
        new ActionDefinition("execute-sql", "es", ResourceKind.Database, "view-database", true, "Execute read-only SQL queries"),
        new ActionDefinition("execute-write-sql", "ews", ResourceKind.Database, "view-database", false, "Execute writable SQL queries"),
        new ActionDefinition("create-table", "ct", ResourceKind.Database, null, false, "Create tables"),
        new ActionDefinition("create-view", "cv", ResourceKind.Database, null, false, "Create views"),
        new ActionDefinition("store-query", "sq", ResourceKind.Database, "execute-sql", false, "Create stored queries"),
        new ActionDefinition("view-table", "vt", ResourceKind.Table, null, true, "View table"),
        new ActionDefinition("insert-row", "ir", ResourceKind.Table, null, false, "Insert rows"),
        new ActionDefinition("delete-row", "dr", ResourceKind.Table, null, false, "Delete rows"),
        new ActionDefinition("update-row", "ur", ResourceKind.Table, null, false, "Update rows"),
        new ActionDefinition("alter-table", "at", ResourceKind.Table, null, false, "Alter tables"),
        new ActionDefinition("set-column-type", "sct", ResourceKind.Table, null, false, "Set column type"),
        new ActionDefinition("drop-table", "dt", ResourceKind.Table, null, false, "Drop tables"),
        new ActionDefinition("drop-view", "dv", ResourceKind.Table, null, false, "Drop views"),
        new ActionDefinition("view-query", "vq", ResourceKind.Query, null, true, "View named query results"),
        new ActionDefinition("update-query", "uq", ResourceKind.Query, null, false, "Update stored queries"),
        new ActionDefinition("delete-query", "dq", ResourceKind.Query, null, false, "Delete stored queries"),
    };
}
