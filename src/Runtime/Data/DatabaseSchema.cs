namespace Datasette.Gen.Runtime.Data;

/// <summary>A column as PRAGMA table_xinfo reports it.</summary>
public sealed record ColumnInfo(int Cid, string Name, string Type, bool NotNull, string? DefaultValue, int PrimaryKeyPosition, int Hidden);

/// <summary>A single-column foreign key; compound keys are ignored, as Datasette ignores them.</summary>
public sealed record ForeignKey(string Column, string OtherTable, string OtherColumn);

/// <summary>An index as PRAGMA index_list reports it.</summary>
public sealed record IndexInfo(int Seq, string Name, bool Unique, string Origin, bool Partial, IReadOnlyList<string> Columns);

/// <summary>A table or view with everything the views need about it, read once per schema version.</summary>
public sealed class TableInfo
{
    public required string Name { get; init; }
    public required bool IsView { get; init; }
    public required string? Sql { get; init; }
    public required int RootPage { get; init; }
    public required IReadOnlyList<ColumnInfo> Columns { get; init; }
    /// <summary>Declared primary key columns in key order; empty for rowid tables and views.</summary>
    public required IReadOnlyList<string> PrimaryKeys { get; init; }
    public required IReadOnlyList<ForeignKey> Outgoing { get; init; }
    public IReadOnlyList<ForeignKey> Incoming { get; internal set; } = Array.Empty<ForeignKey>();
    public required IReadOnlyList<IndexInfo> Indexes { get; init; }
    public required IReadOnlyList<(int Id, int Seq, string Table, string From, string? To, string OnUpdate, string OnDelete, string Match)> RawForeignKeys { get; init; }
    public string? FtsTable { get; internal set; }
    public bool IsHidden { get; internal set; }

    public bool IsRowidTable => !IsView && PrimaryKeys.Count == 0;

    /// <summary>The key columns used for row URLs and pagination: the primary keys or rowid.</summary>
    public IReadOnlyList<string> KeyColumns => IsRowidTable ? RowidKey : PrimaryKeys;

    public bool HasColumn(string name)
    {
        foreach (var column in Columns)
        {
            if (column.Name == name)
            {
                return true;
            }
        }
        return false;
    }

    private static readonly string[] RowidKey = { "rowid" };
}

/// <summary>Every table and view of one database at one schema_version.</summary>
public sealed class DatabaseSchema
{
    public DatabaseSchema(long version, IReadOnlyList<TableInfo> objects)
    {
        Version = version;
        Objects = objects;
        var byName = new Dictionary<string, TableInfo>(StringComparer.Ordinal);
        var tables = new List<TableInfo>();
        var views = new List<TableInfo>();
        foreach (var item in objects)
        {
            byName.TryAdd(item.Name, item);
            (item.IsView ? views : tables).Add(item);
        }
        _byName = byName;
        Tables = tables;
        Views = views;
    }

    private readonly Dictionary<string, TableInfo> _byName;

    public long Version { get; }

    /// <summary>Tables then views, each sorted by name.</summary>
    public IReadOnlyList<TableInfo> Objects { get; }

    public IReadOnlyList<TableInfo> Tables { get; }

    public IReadOnlyList<TableInfo> Views { get; }

    /// <summary>The table or view with exactly this name (tables win over views).</summary>
    public TableInfo? Find(string name) => _byName.TryGetValue(name, out var found) ? found : null;
}
