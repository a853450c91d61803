using System.Text.RegularExpressions;
using Microsoft.Data.Sqlite;

namespace Datasette.Gen.Runtime.Data;

/// <summary>Reads a database's tables, views, columns, keys, indexes and FTS links from its PRAGMAs.</summary>
internal static partial class SchemaReader
{
    private static readonly Dictionary<string, string[]> ShadowSuffixes = new(StringComparer.OrdinalIgnoreCase)
    {
        ["fts3"] = new[] { "_content", "_segdir", "_segments", "_stat", "_docsize" },
        ["fts4"] = new[] { "_content", "_segdir", "_segments", "_stat", "_docsize" },
        ["fts5"] = new[] { "_data", "_idx", "_docsize", "_content", "_config" },
        ["rtree"] = new[] { "_node", "_parent", "_rowid" },
    };

    public static long SchemaVersion(SqliteConnection connection)
    {
        using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA schema_version";
        return (long)command.ExecuteScalar()!;
    }

    public static DatabaseSchema Load(SqliteConnection connection, long version)
    {
        var master = new List<(string Type, string Name, string TblName, string? Sql, int RootPage)>();
        using (var command = connection.CreateCommand())
        {
            command.CommandText = "select type, name, tbl_name, sql, rootpage from sqlite_master where type in ('table', 'view') order by name";
            using var reader = command.ExecuteReader();
            while (reader.Read())
            {
                master.Add((reader.GetString(0), reader.GetString(1), reader.GetString(2), reader.IsDBNull(3) ? null : reader.GetString(3), reader.IsDBNull(4) ? 0 : reader.GetInt32(4)));
            }
        }

        var objects = new List<TableInfo>();
        foreach (var row in master.Where(m => m.Type == "table").Concat(master.Where(m => m.Type == "view")))
        {
            var isView = row.Type == "view";
            var columns = isView ? ViewColumns(connection, row.Name) : Columns(connection, row.Name);
            var rawForeignKeys = isView ? new() : RawForeignKeys(connection, row.Name);
            objects.Add(new TableInfo
            {
                Name = row.Name,
                IsView = isView,
                Sql = row.Sql,
                RootPage = row.RootPage,
                Columns = columns,
                PrimaryKeys = columns.Where(c => c.PrimaryKeyPosition > 0).OrderBy(c => c.PrimaryKeyPosition).Select(c => c.Name).ToArray(),
                RawForeignKeys = rawForeignKeys,
                Outgoing = SingleColumnForeignKeys(connection, rawForeignKeys),
                Indexes = isView ? Array.Empty<IndexInfo>() : Indexes(connection, row.Name),
            });
        }

        var byName = objects.ToDictionary(o => o.Name, StringComparer.Ordinal);
        var incoming = new Dictionary<string, List<ForeignKey>>(StringComparer.Ordinal);
        foreach (var table in objects)
        {
            foreach (var fk in table.Outgoing)
            {
                if (!incoming.TryGetValue(fk.OtherTable, out var list))
                {
                    incoming[fk.OtherTable] = list = new List<ForeignKey>();
                }
                list.Add(new ForeignKey(fk.OtherColumn, table.Name, fk.Column));
            }
        }
        foreach (var table in objects)
        {
            if (incoming.TryGetValue(table.Name, out var list))
            {
                table.Incoming = list.OrderBy(f => f.OtherTable, StringComparer.Ordinal).ThenBy(f => f.Column, StringComparer.Ordinal).ThenBy(f => f.OtherColumn, StringComparer.Ordinal).ToArray();
            }
        }

        MarkFtsTables(objects);
        MarkHiddenTables(objects, byName);
        return new DatabaseSchema(version, objects);
    }

    private static List<ColumnInfo> Columns(SqliteConnection connection, string table)
    {
        var columns = new List<ColumnInfo>();
        using var command = connection.CreateCommand();
        command.CommandText = "select cid, name, type, \"notnull\", dflt_value, pk, hidden from pragma_table_xinfo(@table)";
        command.Parameters.AddWithValue("@table", table);
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            columns.Add(new ColumnInfo(
                reader.GetInt32(0),
                reader.GetString(1),
                reader.IsDBNull(2) ? "" : reader.GetString(2),
                reader.GetInt64(3) != 0,
                reader.IsDBNull(4) ? null : reader.GetString(4),
                reader.GetInt32(5),
                reader.GetInt32(6)));
        }
        return columns;
    }

    private static List<ColumnInfo> ViewColumns(SqliteConnection connection, string view)
    {
        try
        {
            return Columns(connection, view);
        }
        catch (SqliteException)
        {
            return new List<ColumnInfo>(); // a broken view (missing table) still lists
        }
    }

    private static List<(int, int, string, string, string?, string, string, string)> RawForeignKeys(SqliteConnection connection, string table)
    {
        var keys = new List<(int, int, string, string, string?, string, string, string)>();
        using var command = connection.CreateCommand();
        command.CommandText = "select id, seq, \"table\", \"from\", \"to\", on_update, on_delete, match from pragma_foreign_key_list(@table)";
        command.Parameters.AddWithValue("@table", table);
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            keys.Add((reader.GetInt32(0), reader.GetInt32(1), reader.GetString(2), reader.GetString(3), reader.IsDBNull(4) ? null : reader.GetString(4), reader.GetString(5), reader.GetString(6), reader.GetString(7)));
        }
        return keys;
    }

    private static ForeignKey[] SingleColumnForeignKeys(SqliteConnection connection, List<(int Id, int Seq, string Table, string From, string? To, string, string, string)> raw)
    {
        var result = new List<ForeignKey>();
        foreach (var group in raw.GroupBy(k => k.Id))
        {
            if (group.Count() != 1)
            {
                continue;
            }
            var key = group.First();
            var target = key.To ?? SinglePrimaryKey(connection, key.Table);
            if (target is not null)
            {
                result.Add(new ForeignKey(key.From, key.Table, target));
            }
        }
        return result.OrderBy(f => f.OtherTable, StringComparer.Ordinal).ThenBy(f => f.Column, StringComparer.Ordinal).ThenBy(f => f.OtherColumn, StringComparer.Ordinal).ToArray();
    }

    private static string? SinglePrimaryKey(SqliteConnection connection, string table)
    {
        var keys = Columns(connection, table).Where(c => c.PrimaryKeyPosition > 0).ToList();
        return keys.Count == 1 ? keys[0].Name : null;
    }

    private static IndexInfo[] Indexes(SqliteConnection connection, string table)
    {
        var indexes = new List<IndexInfo>();
        using var command = connection.CreateCommand();
        command.CommandText = "select seq, name, \"unique\", origin, partial from pragma_index_list(@table)";
        command.Parameters.AddWithValue("@table", table);
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            var name = reader.GetString(1);
            indexes.Add(new IndexInfo(reader.GetInt32(0), name, reader.GetInt64(2) != 0, reader.GetString(3), reader.GetInt64(4) != 0, IndexColumns(connection, name)));
        }
        return indexes.ToArray();
    }

    private static string[] IndexColumns(SqliteConnection connection, string index)
    {
        var columns = new List<string>();
        using var command = connection.CreateCommand();
        command.CommandText = "select name from pragma_index_info(@index) order by seqno";
        command.Parameters.AddWithValue("@index", index);
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            columns.Add(reader.IsDBNull(0) ? "" : reader.GetString(0));
        }
        return columns.ToArray();
    }

    /// <summary>An FTS table for T is a virtual FTS table declared with content="T" (or [T]), or T itself.</summary>
    private static void MarkFtsTables(List<TableInfo> objects)
    {
        var ftsTables = objects.Where(o => !o.IsView && o.RootPage == 0 && o.Sql is not null && FtsDeclaration().IsMatch(o.Sql)).ToList();
        foreach (var table in objects.Where(o => !o.IsView))
        {
            foreach (var fts in ftsTables)
            {
                var sql = fts.Sql!;
                if (fts.Name == table.Name
                    || sql.Contains($"content=\"{table.Name}\"", StringComparison.OrdinalIgnoreCase)
                    || sql.Contains($"content=[{table.Name}]", StringComparison.OrdinalIgnoreCase))
                {
                    table.FtsTable = fts.Name;
                    break;
                }
            }
        }
    }

    private static void MarkHiddenTables(List<TableInfo> objects, Dictionary<string, TableInfo> byName)
    {
        foreach (var table in objects.Where(o => !o.IsView))
        {
            if (table.Name.StartsWith('_') || StatTable().IsMatch(table.Name))
            {
                table.IsHidden = true;
            }
            if (table.RootPage != 0 || table.Sql is null)
            {
                continue;
            }
            var module = VirtualModule().Match(table.Sql);
            if (!module.Success)
            {
                continue;
            }
            if (module.Groups[1].Value.StartsWith("fts", StringComparison.OrdinalIgnoreCase) && ContentOption().IsMatch(table.Sql))
            {
                table.IsHidden = true;
            }
            if (ShadowSuffixes.TryGetValue(module.Groups[1].Value, out var suffixes))
            {
                foreach (var suffix in suffixes)
                {
                    if (byName.TryGetValue(table.Name + suffix, out var shadow))
                    {
                        shadow.IsHidden = true;
                    }
                }
            }
        }
    }

    [GeneratedRegex(@"VIRTUAL\s+TABLE.*USING\s+FTS", RegexOptions.IgnoreCase | RegexOptions.Singleline)]
    private static partial Regex FtsDeclaration();

    [GeneratedRegex(@"VIRTUAL\s+TABLE.*?USING\s+(\w+)", RegexOptions.IgnoreCase | RegexOptions.Singleline)]
    private static partial Regex VirtualModule();

    [GeneratedRegex(@"content\s*=", RegexOptions.IgnoreCase)]
    private static partial Regex ContentOption();

    [GeneratedRegex(@"^sqlite_stat[1-4]$")]
    private static partial Regex StatTable();
}
