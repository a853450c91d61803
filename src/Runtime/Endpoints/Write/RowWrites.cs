using System.Buffers;
using System.Text.Json;
using Datasette.Gen.Runtime.Data;
using Datasette.Gen.Runtime.Json;
using Datasette.Gen.Runtime.Sql;
using Microsoft.Data.Sqlite;

namespace Datasette.Gen.Runtime.Endpoints.Write;

/// <summary>
/// The SQL of the row endpoints, run on the writer inside the request's own savepoint (see
/// <see cref="Database.WriteInTransactionAsync{T}"/>): identifiers always quoted, values always bound.
/// </summary>
internal static class RowWrites
{
    /// <summary>Bound parameters per statement stay well under SQLite's limit (32766 since 3.32).</summary>
    private const int MaxParameters = 30000;

    /// <summary>
    /// sqlite-utils' insert_all without return: one multi-row INSERT per chunk over the union of the
    /// rows' keys, so a key a row leaves out is NULL there (not its column's default). All or nothing.
    /// </summary>
    public static void InsertAll(SqliteConnection connection, string table, IReadOnlyList<JsonMap> rows, string conflict)
    {
        var columns = new List<string>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var key in rows.SelectMany(r => r.Keys))
        {
            if (seen.Add(key))
            {
                columns.Add(key);
            }
        }
        if (columns.Count == 0)
        {
            foreach (var _ in rows)
            {
                Execute(connection, $"INSERT{conflict} INTO {SqlIdentifier.Quote(table)} DEFAULT VALUES", Array.Empty<object>());
            }
            return;
        }
        var perChunk = Math.Max(1, MaxParameters / columns.Count);
        for (var start = 0; start < rows.Count; start += perChunk)
        {
            var chunk = rows.Skip(start).Take(perChunk).ToList();
            var values = new List<object>(chunk.Count * columns.Count);
            var tuples = new List<string>(chunk.Count);
            foreach (var row in chunk)
            {
                var placeholders = new List<string>(columns.Count);
                foreach (var column in columns)
                {
                    placeholders.Add(":p" + values.Count);
                    values.Add(WriteValues.ToSqlite(row.GetValueOrDefault(column)));
                }
                tuples.Add("(" + string.Join(", ", placeholders) + ")");
            }
            Execute(connection, $"INSERT{conflict} INTO {SqlIdentifier.Quote(table)} ({ColumnList(columns)}) VALUES {string.Join(", ", tuples)}", values);
        }
    }

    /// <summary>
    /// Inserts one row (its own keys only: left-out columns get their defaults) and returns how to find
    /// it again: its rowid, or for an ignored duplicate the existing row's (by primary key or rowid),
    /// or null when neither identifies it.
    /// </summary>
    public static long? InsertOne(SqliteConnection connection, WriteTable target, JsonMap row, string conflict)
    {
        var changed = InsertRow(connection, target.Name, row, conflict);
        if (changed > 0)
        {
            return Scalar(connection, "select last_insert_rowid()", Array.Empty<object>()) as long?;
        }
        var keys = target.Keys;
        if (keys.All(row.ContainsKey))
        {
            var where = string.Join(" AND ", keys.Select((k, i) => $"{SqlIdentifier.Quote(k)} = :p{i}"));
            return Scalar(connection, $"select rowid from {SqlIdentifier.Quote(target.Name)} where {where}", keys.Select(k => WriteValues.ToSqlite(row[k])).ToList()) as long?;
        }
        return null;
    }

    /// <summary>
    /// One upsert row, per row as the documentation describes: the row with that key gets the given
    /// columns and keeps the others; without one, the row is inserted.
    /// </summary>
    public static void UpsertOne(SqliteConnection connection, WriteTable target, JsonMap row)
    {
        var keys = target.Keys;
        var keyValues = keys.Select(k => WriteValues.ToSqlite(row[k])).ToList();
        var others = row.Keys.Where(k => !keys.Contains(k, StringComparer.Ordinal)).ToList();
        var table = SqlIdentifier.Quote(target.Name);
        var where = string.Join(" AND ", keys.Select((k, i) => $"{SqlIdentifier.Quote(k)} = :k{i}"));
        bool exists;
        if (others.Count > 0)
        {
            var sets = string.Join(", ", others.Select((c, i) => $"{SqlIdentifier.Quote(c)} = :p{i}"));
            var values = others.Select(c => WriteValues.ToSqlite(row[c])).ToList();
            exists = Execute(connection, $"UPDATE {table} SET {sets} WHERE {where}", values, keyValues) > 0;
        }
        else
        {
            exists = Scalar(connection, $"select 1 from {table} where {where}", Array.Empty<object>(), keyValues) is not null;
        }
        if (!exists)
        {
            InsertRow(connection, target.Name, row, "");
        }
    }

    /// <summary>sqlite-utils' add_missing_columns: a column per new key (compared case-insensitively), typed from the rows' values.</summary>
    public static void AddMissingColumns(SqliteConnection connection, WriteTable target, IReadOnlyList<JsonMap> rows)
    {
        var existing = new HashSet<string>(ColumnNames(connection, target.Name), StringComparer.OrdinalIgnoreCase);
        if (target.Table.IsRowidTable)
        {
            existing.Add("rowid");
        }
        var added = new List<string>();
        foreach (var key in rows.SelectMany(r => r.Keys))
        {
            if (existing.Add(key))
            {
                added.Add(key);
            }
        }
        foreach (var column in added)
        {
            var type = WriteValues.ColumnType(rows.Where(r => r.ContainsKey(column)).Select(r => r[column]));
            Execute(connection, $"ALTER TABLE {SqlIdentifier.Quote(target.Name)} ADD COLUMN {SqlIdentifier.Quote(column)} {type}", Array.Empty<object>());
        }
    }

    /// <summary>The table's CREATE statement as sqlite_master holds it.</summary>
    public static string Schema(SqliteConnection connection, string table) =>
        Scalar(connection, "select sql from sqlite_master where name = :p0", new object[] { table }) as string ?? "";

    /// <summary>Runs a select and returns its rows as a JSON array of objects, blobs as <c>{"$base64": true, …}</c>.</summary>
    public static byte[] RowsJson(SqliteConnection connection, string sql, IReadOnlyList<object> values)
    {
        using var reader = Command(connection, sql, values).ExecuteReader();
        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer, JsonBody.WriterOptions))
        {
            RowJson.Write(writer, reader, new RowJsonOptions(RowJson.ColumnNames(reader), RowShape.Objects), int.MaxValue);
        }
        return buffer.WrittenSpan.ToArray();
    }

    /// <summary>Runs a statement with <c>:p0…</c> (and <c>:k0…</c>) bound; returns SQLite's change count.</summary>
    public static int Execute(SqliteConnection connection, string sql, IReadOnlyList<object> values, IReadOnlyList<object>? keys = null)
    {
        return Command(connection, sql, values, keys).ExecuteNonQuery();
    }

    public static string ColumnList(IEnumerable<string> columns) => string.Join(", ", columns.Select(SqlIdentifier.Quote));

    private static int InsertRow(SqliteConnection connection, string table, JsonMap row, string conflict)
    {
        if (row.Count == 0)
        {
            return Execute(connection, $"INSERT{conflict} INTO {SqlIdentifier.Quote(table)} DEFAULT VALUES", Array.Empty<object>());
        }
        var values = row.Values.Select(WriteValues.ToSqlite).ToList();
        var placeholders = string.Join(", ", values.Select((_, i) => ":p" + i));
        return Execute(connection, $"INSERT{conflict} INTO {SqlIdentifier.Quote(table)} ({ColumnList(row.Keys)}) VALUES ({placeholders})", values);
    }

    public static object? Scalar(SqliteConnection connection, string sql, IReadOnlyList<object>? values = null, IReadOnlyList<object>? keys = null)
    {
        var result = Command(connection, sql, values, keys).ExecuteScalar();
        return result is DBNull ? null : result;
    }

    private static IEnumerable<string> ColumnNames(SqliteConnection connection, string table)
    {
        using var reader = Command(connection, "select name from pragma_table_xinfo(:p0)", new object[] { table }).ExecuteReader();
        var names = new List<string>();
        while (reader.Read())
        {
            names.Add(reader.GetString(0));
        }
        return names;
    }

    /// <summary>
    /// The writer's prepared command for <paramref name="sql"/> (kept per connection: a batch of rows
    /// repeats the same statement), with the values bound. Not to be disposed by the caller.
    /// </summary>
    private static SqliteCommand Command(SqliteConnection connection, string sql, IReadOnlyList<object>? values, IReadOnlyList<object>? keys = null)
    {
        var command = StatementCache.Command(connection, sql);
        for (var i = 0; i < (values?.Count ?? 0); i++)
        {
            command.Parameters.AddWithValue(":p" + i, values![i]);
        }
        for (var i = 0; i < (keys?.Count ?? 0); i++)
        {
            command.Parameters.AddWithValue(":k" + i, keys![i]);
        }
        return command;
    }
}
