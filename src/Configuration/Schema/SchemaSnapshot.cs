namespace Datasette.Gen.Configuration.Schema;

/// <summary>
/// What the databases of a deployment looked like when <c>datasette-gen schema-snapshot</c>
/// last ran: tables, views, columns and keys per database, plus whether SQLite could prepare
/// each stored query. The generator checks datasette.yaml against it at build time.
/// </summary>
public sealed record SchemaSnapshot(EquatableArray<DatabaseSnapshot> Databases)
{
    /// <summary>Bumped when the file's shape changes; an older file is reported as invalid.</summary>
    public const int FormatVersion = 1;

    public const string FileName = "datasette.schema.json";

    public DatabaseSnapshot? Database(string name)
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

    /// <summary>The key of a stored query's prepare result: 16 hex digits of SHA-256 over the SQL's UTF-8.</summary>
    public static string HashSql(string sql) => Hashing.Sha256Text.Hex(sql).Substring(0, 16);
}

/// <summary>One attached database: its schema hash (SHA-256 of sqlite_master), tables and views by name, query checks by SQL hash.</summary>
public sealed record DatabaseSnapshot(
    string Name,
    string SchemaHash,
    EquatableArray<TableSnapshot> Tables,
    EquatableArray<QueryCheck> Queries)
{
    public TableSnapshot? Table(string name)
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

    public QueryCheck? Query(string sqlHash)
    {
        foreach (var query in Queries)
        {
            if (query.SqlHash == sqlHash)
            {
                return query;
            }
        }
        return null;
    }
}

/// <summary>
/// A table or view. <see cref="FtsTable"/> is the FTS table that indexes it (Datasette's
/// detection); <see cref="FtsModule"/> is set on virtual FTS tables themselves, with the
/// table whose content they index in <see cref="FtsContent"/> (null when they hold their own).
/// </summary>
public sealed record TableSnapshot(
    string Name,
    bool IsView,
    bool Hidden,
    EquatableArray<ColumnSnapshot> Columns,
    EquatableArray<string> PrimaryKeys,
    EquatableArray<ForeignKeySnapshot> ForeignKeys,
    string? FtsTable,
    string? FtsModule,
    string? FtsContent)
{
    public bool IsFts => FtsModule is not null;

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
}

/// <summary>A column as PRAGMA table_xinfo reports it: declared type, NOT NULL, position in the primary key (0: none), hidden flag.</summary>
public sealed record ColumnSnapshot(string Name, string Type, bool NotNull, int PrimaryKey, int Hidden);

/// <summary>A single-column foreign key, as Datasette uses them.</summary>
public sealed record ForeignKeySnapshot(string Column, string OtherTable, string OtherColumn);

/// <summary>Whether SQLite could prepare a stored query's SQL; <see cref="Error"/> is SQLite's message when not.</summary>
public sealed record QueryCheck(string SqlHash, string? Error)
{
    public bool Ok => Error is null;
}
