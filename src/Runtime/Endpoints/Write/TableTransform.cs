using Datasette.Gen.Runtime.Sql;
using Microsoft.Data.Sqlite;

namespace Datasette.Gen.Runtime.Endpoints.Write;

/// <summary>
/// What an alter request changes through a table rebuild (sqlite-utils' transform): new types,
/// renamed, dropped and reordered columns, NOT NULL and defaults, the primary key, foreign keys.
/// </summary>
internal sealed class TableChanges
{
    public Dictionary<string, string> Types { get; } = new(StringComparer.Ordinal);
    public Dictionary<string, string> Rename { get; } = new(StringComparer.Ordinal);
    public HashSet<string> Drop { get; } = new(StringComparer.Ordinal);
    public Dictionary<string, bool> NotNull { get; } = new(StringComparer.Ordinal);

    /// <summary>Column → default SQL, or null to remove the default.</summary>
    public Dictionary<string, string?> Defaults { get; } = new(StringComparer.Ordinal);
    public List<string>? ColumnOrder { get; set; }
    public List<string>? PrimaryKey { get; set; }
    public List<(string Column, string Table, string? OtherColumn)> AddForeignKeys { get; } = new();
    public List<string> DropForeignKeys { get; } = new();
    public List<(string Column, string Table, string? OtherColumn)>? ForeignKeys { get; set; }

    public bool Any => Types.Count > 0 || Rename.Count > 0 || Drop.Count > 0 || NotNull.Count > 0 || Defaults.Count > 0
        || ColumnOrder is not null || PrimaryKey is not null || AddForeignKeys.Count > 0 || DropForeignKeys.Count > 0 || ForeignKeys is not null;
}

/// <summary>
/// Rebuilds a table with changes, as sqlite-utils' transform does: a new table created in its
/// layout (types upper-cased, defaults re-quoted), the rows copied, the old table dropped, the new
/// one renamed into place, indexes on untouched columns recreated. Where sqlite-utils silently
/// loses data or invents columns (renaming a missing column or onto an existing one, a primary key
/// or a foreign key on a missing column) this refuses with a 400 instead.
/// </summary>
internal static class TableTransform
{
    private static readonly Dictionary<string, string> TypeNames = new(StringComparer.OrdinalIgnoreCase)
    {
        ["text"] = "TEXT", ["str"] = "TEXT", ["integer"] = "INTEGER", ["int"] = "INTEGER", ["float"] = "REAL", ["real"] = "REAL",
        ["blob"] = "BLOB", ["bytes"] = "BLOB", ["any"] = "ANY",
    };

    public static void Apply(SqliteConnection connection, string table, TableChanges changes)
    {
        var existing = TableSql.Columns(connection, table);
        var names = existing.Select(c => c.Name).ToList();
        foreach (var (from, to) in changes.Rename)
        {
            if (!names.Contains(from))
            {
                throw WriteApiException.BadRequest($"Cannot rename column {from}: no such column");
            }
            if (to != from && names.Contains(to) && !changes.Drop.Contains(to) && !changes.Rename.ContainsKey(to))
            {
                throw WriteApiException.BadRequest($"Cannot rename column {from} to {to}: a column of that name exists");
            }
        }
        string Renamed(string name) => changes.Rename.GetValueOrDefault(name, name);
        var kept = existing.Where(c => !changes.Drop.Contains(c.Name)).ToList();
        var newNames = kept.Select(c => Renamed(c.Name)).ToList();
        foreach (var column in changes.PrimaryKey ?? new List<string>())
        {
            if (!newNames.Contains(column))
            {
                throw WriteApiException.BadRequest($"Cannot set primary key: no such column {column}");
            }
        }

        var primaryKey = changes.PrimaryKey
            ?? kept.Where(c => c.Pk > 0).OrderBy(c => c.Pk).Select(c => Renamed(c.Name)).ToList();
        var foreignKeys = ForeignKeys(connection, table, changes, Renamed);
        // Keys name the rebuilt table's columns (new names); sqlite-utils drops one naming no column without a word.
        foreach (var key in foreignKeys)
        {
            if (!newNames.Contains(key.Column))
            {
                throw WriteApiException.BadRequest($"Cannot set foreign key: no such column {key.Column}");
            }
        }
        var definitions = kept.Select(c =>
        {
            var name = Renamed(c.Name);
            var type = changes.Types.TryGetValue(c.Name, out var changed) ? changed : TypeNames.GetValueOrDefault(c.Type, c.Type);
            var notNull = changes.NotNull.TryGetValue(c.Name, out var flag) ? flag : c.NotNull;
            var defaultSql = changes.Defaults.TryGetValue(c.Name, out var newDefault) ? newDefault : c.Default is { } old ? ExistingDefault(connection, old) : null;
            var fk = foreignKeys.FirstOrDefault(f => f.Column == name);
            return new ColumnDefinition(name, type, notNull, defaultSql, fk.Table, fk.Table is null ? null : TableSql.ForeignColumn(connection, fk.Table, fk.OtherColumn));
        }).ToList();
        if (changes.ColumnOrder is { } order)
        {
            definitions = definitions.OrderBy(d => order.IndexOf(d.Name) is var at && at >= 0 ? at : int.MaxValue).ToList();
        }

        var indexes = Indexes(connection, table, changes);
        var temporary = table + "_new_" + Guid.NewGuid().ToString("N")[..12];
        connection.ExecuteSql(TableSql.CreateTable(temporary, definitions, primaryKey));
        var copied = kept.Select(c => c.Name).ToList();
        RowWrites.Execute(connection,
            $"INSERT INTO {SqlIdentifier.Quote(temporary)} ({RowWrites.ColumnList(copied.Select(Renamed))}) SELECT {RowWrites.ColumnList(copied)} FROM {SqlIdentifier.Quote(table)}",
            Array.Empty<object>());
        connection.ExecuteSql($"DROP TABLE {SqlIdentifier.Quote(table)}");
        // Legacy renaming, as sqlite-utils does: a view or trigger naming the table would otherwise
        // fail the rename while the table is briefly missing, and must keep pointing at its name.
        var legacy = Convert.ToInt64(RowWrites.Scalar(connection, "PRAGMA legacy_alter_table"), System.Globalization.CultureInfo.InvariantCulture) != 0;
        connection.ExecuteSql("PRAGMA legacy_alter_table=ON");
        try
        {
            connection.ExecuteSql($"ALTER TABLE {SqlIdentifier.Quote(temporary)} RENAME TO {SqlIdentifier.Quote(table)}");
        }
        finally
        {
            connection.ExecuteSql(legacy ? "PRAGMA legacy_alter_table=ON" : "PRAGMA legacy_alter_table=OFF");
        }
        foreach (var sql in indexes)
        {
            connection.ExecuteSql(sql);
        }
    }

    /// <summary>A default as pragma table_info reports it, written back as sqlite-utils' quote_default_value writes it.</summary>
    private static string ExistingDefault(SqliteConnection connection, string dflt) =>
        (dflt.StartsWith('\'') && dflt.EndsWith('\'')) || (dflt.StartsWith('"') && dflt.EndsWith('"'))
        || dflt.ToUpperInvariant() is "CURRENT_TIME" or "CURRENT_DATE" or "CURRENT_TIMESTAMP" or "TRUE" or "FALSE" or "NULL"
            ? dflt
            : dflt.EndsWith(')') ? "(" + dflt + ")" : TableSql.DefaultSql(connection, dflt);

    private static List<(string Column, string? Table, string? OtherColumn)> ForeignKeys(SqliteConnection connection, string table, TableChanges changes, Func<string, string> renamed)
    {
        if (changes.ForeignKeys is { } replacement)
        {
            return replacement.Select(f => (f.Column, (string?)f.Table, f.OtherColumn)).ToList();
        }
        var keys = new List<(string Column, string? Table, string? OtherColumn)>();
        using (var command = connection.CreateCommand())
        {
            command.CommandText = "select \"from\", \"table\", \"to\" from pragma_foreign_key_list(:t) order by id, seq";
            command.Parameters.AddWithValue(":t", table);
            using var reader = command.ExecuteReader();
            while (reader.Read())
            {
                var column = reader.GetString(0);
                if (!changes.Drop.Contains(column) && !changes.DropForeignKeys.Contains(column))
                {
                    keys.Add((renamed(column), reader.GetString(1), reader.IsDBNull(2) ? null : reader.GetString(2)));
                }
            }
        }
        foreach (var (column, other, otherColumn) in changes.AddForeignKeys)
        {
            keys.RemoveAll(k => k.Column == column);
            keys.Add((column, other, otherColumn));
        }
        return keys;
    }

    /// <summary>The CREATE INDEX statements to run again after the rebuild: those on columns neither dropped nor renamed.</summary>
    private static List<string> Indexes(SqliteConnection connection, string table, TableChanges changes)
    {
        var statements = new List<(string Name, string Sql)>();
        using (var command = connection.CreateCommand())
        {
            command.CommandText = "select name, sql from sqlite_master where type = 'index' and tbl_name = :t and sql is not null";
            command.Parameters.AddWithValue(":t", table);
            using var reader = command.ExecuteReader();
            while (reader.Read())
            {
                statements.Add((reader.GetString(0), reader.GetString(1)));
            }
        }
        var kept = new List<string>();
        foreach (var (name, sql) in statements)
        {
            using var command = connection.CreateCommand();
            command.CommandText = "select name from pragma_index_info(:i)";
            command.Parameters.AddWithValue(":i", name);
            using var reader = command.ExecuteReader();
            var touched = false;
            while (reader.Read())
            {
                var column = reader.IsDBNull(0) ? null : reader.GetString(0);
                touched |= column is null || changes.Drop.Contains(column) || changes.Rename.ContainsKey(column);
            }
            if (!touched)
            {
                kept.Add(sql);
            }
        }
        return kept;
    }
}
