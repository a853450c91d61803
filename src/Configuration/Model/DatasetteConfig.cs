using Datasette.Gen.Configuration.Tree;

namespace Datasette.Gen.Configuration.Model;

/// <summary>
/// A deployment's validated configuration. <see cref="Effective"/> is the merged tree
/// (configuration plus keys migrated from metadata) that /-/config.json shows.
/// </summary>
public sealed record DatasetteConfig(
    Settings Settings,
    EquatableArray<DatabaseConfig> Databases,
    ConfigNode? Allow,
    ConfigNode? AllowSql,
    EquatableArray<PermissionConfig> Permissions,
    EquatableArray<ExtraUrl> ExtraCssUrls,
    EquatableArray<ExtraUrl> ExtraJsUrls,
    ConfigMapping Effective)
{
    public static readonly DatasetteConfig Empty = new(
        Settings.Default,
        EquatableArray<DatabaseConfig>.Empty,
        null,
        null,
        EquatableArray<PermissionConfig>.Empty,
        EquatableArray<ExtraUrl>.Empty,
        EquatableArray<ExtraUrl>.Empty,
        new ConfigMapping(EquatableArray<ConfigEntry>.Empty, SourceSpan.None("")));

    public DatabaseConfig? Database(string name)
    {
        foreach (var database in Databases)
        {
            if (database.Name == name)
            {
                return database;
            }
        }
        return null;
    }

    public TableConfig? Table(string database, string table) => Database(database)?.Table(table);
}

/// <summary>An action granted or denied by an allow block: <c>permissions: {action: block}</c>.</summary>
public sealed record PermissionConfig(string Action, ConfigNode Allow);

/// <summary>An entry of extra_css_urls / extra_js_urls.</summary>
public sealed record ExtraUrl(string Url, string? Sri, bool Module);

public sealed record DatabaseConfig(
    string Name,
    EquatableArray<TableConfig> Tables,
    EquatableArray<QueryConfig> Queries,
    ConfigNode? Allow,
    ConfigNode? AllowSql,
    EquatableArray<PermissionConfig> Permissions,
    SourceSpan Span)
{
    public TableConfig? Table(string name)
    {
        foreach (var table in Tables)
        {
            if (table.Name == name)
            {
                return table;
            }
        }
        return null;
    }
}

/// <summary>A page size: a number of rows or "max" (max_returned_rows).</summary>
public readonly record struct PageSize(int Rows, bool IsMax)
{
    public static PageSize Max => new(0, true);

    public int Resolve(int maxReturnedRows) => IsMax ? maxReturnedRows : Rows;
}

public enum FacetType
{
    Column,
    Date,
    Array,
}

public sealed record FacetConfig(FacetType Type, string Column);

public sealed record ColumnTypeConfig(string Column, string Type, ConfigNode? Config);

public sealed record TableConfig(
    string Name,
    SourceSpan Span)
{
    public bool Hidden { get; init; }
    public string? Sort { get; init; }
    public string? SortDesc { get; init; }
    public PageSize? Size { get; init; }
    /// <summary>Null when not configured (every column sorts); empty disables sorting.</summary>
    public EquatableArray<string>? SortableColumns { get; init; }
    public string? LabelColumn { get; init; }
    public EquatableArray<FacetConfig> Facets { get; init; } = EquatableArray<FacetConfig>.Empty;
    public PageSize? FacetSize { get; init; }
    public string? FtsTable { get; init; }
    public string? FtsPk { get; init; }
    public string? SearchMode { get; init; }
    public EquatableArray<ColumnTypeConfig> ColumnTypes { get; init; } = EquatableArray<ColumnTypeConfig>.Empty;
    public ConfigNode? Allow { get; init; }
    public EquatableArray<PermissionConfig> Permissions { get; init; } = EquatableArray<PermissionConfig>.Empty;
}

/// <summary>A stored ("canned") query declared in configuration.</summary>
public sealed record QueryConfig(
    string Name,
    string Sql,
    SourceSpan Span)
{
    public string? Title { get; init; }
    public string? Description { get; init; }
    public string? DescriptionHtml { get; init; }
    public bool HideSql { get; init; }
    public string? Fragment { get; init; }
    /// <summary>Explicit parameter names; null means "derive them from the SQL".</summary>
    public EquatableArray<string>? Params { get; init; }
    public bool IsWrite { get; init; }
    public bool IsTrusted { get; init; } = true;
    public string? OnSuccessMessage { get; init; }
    public string? OnSuccessMessageSql { get; init; }
    public string? OnSuccessRedirect { get; init; }
    public string? OnErrorMessage { get; init; }
    public string? OnErrorRedirect { get; init; }
    public ConfigNode? Allow { get; init; }
    public EquatableArray<PermissionConfig> Permissions { get; init; } = EquatableArray<PermissionConfig>.Empty;
}

/// <summary>One metadata value at instance, database, resource or column level.</summary>
public sealed record MetadataItem(string? Database, string? Resource, string? Column, string Key, string Value);
