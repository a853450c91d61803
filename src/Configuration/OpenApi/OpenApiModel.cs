namespace Datasette.Gen.Configuration.OpenApi;

/// <summary>
/// A column as the table endpoint returns it: declared type (its SQLite affinity decides the JSON
/// type), NOT NULL, position in the primary key (0: none), whether a single-column foreign key
/// starts here (so <c>_labels</c> may expand it) and its metadata description.
/// </summary>
public sealed record OpenApiColumn(string Name, string DeclaredType, bool NotNull, int PrimaryKey, bool ForeignKey, string? Description);

/// <summary>
/// A table or view of one database, as its endpoints serve it. <see cref="Columns"/> are the
/// columns rows carry (virtual-table hidden columns left out); <see cref="SortableColumns"/> the
/// names <c>_sort</c> accepts; <see cref="FtsColumns"/> the columns <c>_search_COLUMN</c> accepts,
/// or null when no FTS table is configured or detected (then search arguments are ignored).
/// <see cref="TypeName"/> is the stem of its component names and operationIds (<see cref="OpenApiTypeNames"/>).
/// </summary>
public sealed record OpenApiTable(
    string Database,
    string Route,
    string Name,
    bool IsView,
    EquatableArray<OpenApiColumn> Columns,
    EquatableArray<string> PrimaryKeys,
    EquatableArray<string> SortableColumns,
    EquatableArray<string>? FtsColumns,
    string? Description,
    string TypeName)
{
    public bool IsRowidTable => !IsView && PrimaryKeys.Count == 0;
}

/// <summary>A stored ("canned") query: its endpoint takes one query-string argument per named parameter.</summary>
public sealed record OpenApiQuery(
    string Database,
    string Route,
    string Name,
    string? Title,
    string? Description,
    EquatableArray<string> Parameters,
    bool IsWrite,
    string TypeName);

/// <summary>A database: its page, and (when the actor may execute SQL) its arbitrary-SQL endpoint.</summary>
public sealed record OpenApiDatabase(string Name, string Route, string? Description, string TypeName);

/// <summary>
/// What the whole document says outside the per-database parts: title and description (instance
/// metadata), base_url, the limits that shape parameters, the <c>_extra</c> names of each scope,
/// and whether the actor may see the instance endpoints (view-instance).
/// </summary>
public sealed record OpenApiInstance(
    string Title,
    string? Description,
    string Version,
    string BaseUrl,
    int MaxReturnedRows,
    int DefaultPageSize,
    bool AllowFacet,
    bool ViewInstance,
    EquatableArray<string> TableExtras,
    EquatableArray<string> RowExtras,
    EquatableArray<string> QueryExtras);

/// <summary>
/// One piece of the document: members of <c>paths</c> and of <c>components.schemas</c> as JSON
/// text (comma-separated, without the enclosing braces; either may be empty), and the
/// fingerprint of the input it was built from, so a compiled part is used only for the same input.
/// </summary>
public sealed record OpenApiPart(string Fingerprint, string Paths, string Schemas);
