using Datasette.Gen.Configuration.Model;

namespace Datasette.Gen.Runtime.Permissions;

/// <summary>
/// What an action targets, as Datasette models it: a <c>(parent, child)</c> pair. Listings fill
/// <see cref="Private"/> (with include_is_private) and <see cref="Reasons"/> (with include_reasons).
/// </summary>
public abstract record Resource(string? Parent, string? Child)
{
    /// <summary>Visible to this actor but not to an anonymous one; null unless a listing asked for it.</summary>
    public bool? Private { get; init; }

    /// <summary>Why the listing allowed it ("source: reason"); null unless a listing asked for it.</summary>
    public IReadOnlyList<string>? Reasons { get; init; }

    /// <summary>Datasette's string form: the non-null parts joined with '/'.</summary>
    public sealed override string ToString() => (Parent, Child) switch
    {
        (null, null) => "",
        (_, null) => Parent!,
        (null, _) => Child!,
        _ => Parent + "/" + Child,
    };

    /// <summary>The resource class name Datasette reports for actions of this kind (null for global actions).</summary>
    public static string? ClassName(ResourceKind kind) => kind switch
    {
        ResourceKind.Database => nameof(DatabaseResource),
        ResourceKind.Table => nameof(TableResource),
        ResourceKind.Query => nameof(QueryResource),
        _ => null,
    };

    /// <summary>A resource of the kind <paramref name="kind"/> built from raw parent and child values.</summary>
    public static Resource For(ResourceKind kind, string? parent, string? child) => kind switch
    {
        ResourceKind.Database => new DatabaseResource(parent!),
        ResourceKind.Table => new TableResource(parent!, child!),
        ResourceKind.Query => new QueryResource(parent!, child!),
        _ => new InstanceResource(),
    };

    /// <summary>
    /// The candidate list of a resource kind, run against the internal database (columns parent, child).
    /// Global actions have none.
    /// </summary>
    internal static string CandidatesSql(ResourceKind kind) => kind switch
    {
        ResourceKind.Database => "SELECT database_name AS parent, NULL AS child FROM catalog_databases",
        ResourceKind.Table => """
            SELECT database_name AS parent, table_name AS child FROM catalog_tables
            UNION ALL
            SELECT database_name AS parent, view_name AS child FROM catalog_views
            """,
        ResourceKind.Query => """
            SELECT q.database_name AS parent, q.name AS child
            FROM queries q JOIN catalog_databases cd ON cd.database_name = q.database_name
            """,
        _ => throw new ArgumentException("Global actions have no resources to list", nameof(kind)),
    };
}

/// <summary>The whole instance: global actions such as view-instance, <c>(NULL, NULL)</c>.</summary>
public sealed record InstanceResource() : Resource(null, null);

/// <summary>A database: <c>(database, NULL)</c>.</summary>
public sealed record DatabaseResource(string Database) : Resource(Database, null);

/// <summary>A table or SQL view: <c>(database, table)</c>.</summary>
public sealed record TableResource(string Database, string Table) : Resource(Database, Table);

/// <summary>A stored query: <c>(database, query)</c>.</summary>
public sealed record QueryResource(string Database, string Query) : Resource(Database, Query);
