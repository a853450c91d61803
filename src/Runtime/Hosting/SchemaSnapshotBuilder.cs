using System.Text;
using System.Text.RegularExpressions;
using Datasette.Gen.Configuration;
using Datasette.Gen.Configuration.Hashing;
using Datasette.Gen.Configuration.Schema;
using Datasette.Gen.Runtime.Data;
using SQLitePCL;

namespace Datasette.Gen.Runtime.Hosting;

/// <summary>
/// Reads the attached databases into a <see cref="SchemaSnapshot"/> (via <see cref="SchemaReader"/>,
/// as the views see them) and asks SQLite to prepare every configured stored query.
/// </summary>
internal static partial class SchemaSnapshotBuilder
{
    public static SchemaSnapshot Build(Datasette datasette)
    {
        var databases = new List<DatabaseSnapshot>();
        foreach (var database in datasette.Databases.OrderBy(d => d.Name, StringComparer.Ordinal))
        {
            var schema = database.Schema;
            var queries = (datasette.Config.Database(database.Name)?.Queries.Select(q => q.Sql) ?? Enumerable.Empty<string>())
                .Select(sql => (Hash: SchemaSnapshot.HashSql(sql), Sql: sql))
                .GroupBy(q => q.Hash, StringComparer.Ordinal)
                .OrderBy(g => g.Key, StringComparer.Ordinal)
                .Select(g => new QueryCheck(g.Key, database.Read(c => Prepare(c, g.First().Sql))));
            databases.Add(new DatabaseSnapshot(
                database.Name,
                database.Read(c => SchemaHash(c)),
                schema.Objects.OrderBy(t => t.Name, StringComparer.Ordinal).Select(t => Table(t, schema)).ToEquatableArray(),
                queries.ToEquatableArray()));
        }
        return new SchemaSnapshot(databases.ToEquatableArray());
    }

    private static TableSnapshot Table(TableInfo table, DatabaseSchema schema)
    {
        var module = table.IsView || table.Sql is null ? null : FtsModule().Match(table.Sql) is { Success: true } match ? match.Groups[1].Value.ToLowerInvariant() : null;
        // SchemaReader links each table to the FTS table indexing it; the FTS table is told the reverse.
        var content = module is null
            ? null
            : schema.Tables.Where(t => t.Name != table.Name && t.FtsTable == table.Name).Select(t => t.Name).OrderBy(n => n, StringComparer.Ordinal).FirstOrDefault();
        return new TableSnapshot(
            table.Name,
            table.IsView,
            table.IsHidden,
            table.Columns.Select(c => new ColumnSnapshot(c.Name, c.Type, c.NotNull, c.PrimaryKeyPosition, c.Hidden)).ToEquatableArray(),
            table.PrimaryKeys.ToEquatableArray(),
            table.Outgoing.Select(f => new ForeignKeySnapshot(f.Column, f.OtherTable, f.OtherColumn)).ToEquatableArray(),
            table.FtsTable,
            module,
            content);
    }

    /// <summary>SHA-256 over every row of sqlite_master, so any schema change (indexes and triggers too) changes it.</summary>
    private static string SchemaHash(SqliteConnector connector)
    {
        using var command = connector.Connection.CreateCommand();
        command.CommandText = "select type, name, tbl_name, coalesce(sql, '') from sqlite_master order by type, name";
        using var reader = command.ExecuteReader();
        var text = new StringBuilder();
        while (reader.Read())
        {
            text.Append(reader.GetString(0)).Append('\0').Append(reader.GetString(1)).Append('\0')
                .Append(reader.GetString(2)).Append('\0').Append(reader.GetString(3)).Append('\n');
        }
        return Sha256Text.Hex(text.ToString());
    }

    /// <summary>Null when SQLite prepares the SQL as one statement, else SQLite's message (as QueryRunner words it).</summary>
    private static string? Prepare(SqliteConnector connector, string sql)
    {
        var db = connector.Connection.Handle;
        var rc = raw.sqlite3_prepare_v2(db, sql, out var statement, out string tail);
        using (statement)
        {
            if (rc != raw.SQLITE_OK)
            {
                return raw.sqlite3_errmsg(db).utf8_to_string();
            }
        }
        if (!string.IsNullOrWhiteSpace(tail))
        {
            var rest = raw.sqlite3_prepare_v2(db, tail, out var next, out string _);
            using (next)
            {
                if (rest != raw.SQLITE_OK)
                {
                    return raw.sqlite3_errmsg(db).utf8_to_string();
                }
                if (next is not null && !next.IsInvalid)
                {
                    return "You can only execute one statement at a time.";
                }
            }
        }
        return null;
    }

    [GeneratedRegex(@"VIRTUAL\s+TABLE.*?USING\s+(fts[345])\b", RegexOptions.IgnoreCase | RegexOptions.Singleline)]
    private static partial Regex FtsModule();
}
