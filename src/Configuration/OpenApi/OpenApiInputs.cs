using Datasette.Gen.Configuration.Model;

namespace Datasette.Gen.Configuration.OpenApi;

/// <summary>
/// The rules that turn a table, its configuration and metadata into the builder's input, shared
/// by the generator (over the schema snapshot) and the runtime (over the live schema) so that the
/// same database gives the same input, and so the same fingerprint, on both sides.
/// </summary>
public static class OpenApiInputs
{
    /// <summary>A column as PRAGMA table_xinfo reports it, whichever side read it.</summary>
    public readonly record struct SourceColumn(string Name, string Type, bool NotNull, int PrimaryKey, int Hidden);

    /// <summary>
    /// The input for one table or view. Rows carry every column but virtual-table hidden ones
    /// (hidden = 1); <c>_sort</c> accepts the configured sortable_columns, else every column (and
    /// rowid on rowid tables); search needs an FTS table (configured, else detected), whose
    /// visible columns <c>_search_COLUMN</c> names.
    /// </summary>
    public static OpenApiTable Table(
        string database,
        string route,
        string name,
        bool isView,
        IReadOnlyList<SourceColumn> columns,
        IReadOnlyList<string> primaryKeys,
        IEnumerable<string> foreignKeyColumns,
        string? detectedFtsTable,
        Func<string, IReadOnlyList<SourceColumn>?> columnsOf,
        TableConfig? config,
        string? description,
        IReadOnlyDictionary<string, string> columnDescriptions,
        string typeName)
    {
        var foreignKeys = new HashSet<string>(foreignKeyColumns, StringComparer.Ordinal);
        var isRowid = !isView && primaryKeys.Count == 0;
        var sortable = config?.SortableColumns is { } configured
            ? configured.ToList()
            : (isRowid ? new[] { "rowid" } : Array.Empty<string>()).Concat(columns.Select(c => c.Name)).ToList();
        EquatableArray<string>? fts = null;
        if ((config?.FtsTable ?? detectedFtsTable) is { } ftsTable)
        {
            fts = (columnsOf(ftsTable) ?? Array.Empty<SourceColumn>()).Where(c => c.Hidden == 0).Select(c => c.Name).ToEquatableArray();
        }
        return new OpenApiTable(
            database,
            route,
            name,
            isView,
            columns.Where(c => c.Hidden != 1)
                .Select(c => new OpenApiColumn(c.Name, c.Type, c.NotNull, c.PrimaryKey, foreignKeys.Contains(c.Name),
                    columnDescriptions.TryGetValue(c.Name, out var text) ? text : null))
                .ToEquatableArray(),
            primaryKeys.ToEquatableArray(),
            sortable.Distinct(StringComparer.Ordinal).ToEquatableArray(),
            fts,
            description,
            typeName);
    }

    /// <summary>A stored query's input; magic (underscore) parameters stay in the list and are skipped when written.</summary>
    public static OpenApiQuery Query(string database, string route, string name, string? title, string? description, IEnumerable<string> parameters, bool isWrite, string typeName) =>
        new(database, route, name, string.IsNullOrEmpty(title) ? null : title, string.IsNullOrEmpty(description) ? null : description, parameters.ToEquatableArray(), isWrite, typeName);

    /// <summary>The "description" among metadata pairs, or null.</summary>
    public static string? Description(IEnumerable<KeyValuePair<string, string>> metadata)
    {
        foreach (var pair in metadata)
        {
            if (pair.Key == "description" && pair.Value.Length > 0)
            {
                return pair.Value;
            }
        }
        return null;
    }
}
