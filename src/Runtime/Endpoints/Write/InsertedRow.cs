using System.Globalization;
using Datasette.Gen.Configuration.UrlEncoding;
using Datasette.Gen.Runtime.Data;
using Datasette.Gen.Runtime.Sql;

namespace Datasette.Gen.Runtime.Endpoints.Write;

/// <summary>
/// The row a single direct INSERT made, for the execute-write page's "View row" link: only when the
/// statement inserted one row into exactly one table of this database (not through a trigger or view).
/// </summary>
internal static class InsertedRow
{
    /// <summary>The row path (tilde-encoded primary keys, or the rowid), read on the writer that inserted it; null otherwise.</summary>
    public static string? PathOf(SqliteConnector connector, Database database, IReadOnlyList<SqlOperation> analysis)
    {
        var direct = analysis.Where(op => op.Operation == "insert" && op.TargetType == "table" && !op.Internal && op.Source is null && op.Database == database.Name).ToList();
        if (direct.Count != 1 || direct[0].Table is not { } table)
        {
            return null;
        }
        var rowid = SQLitePCL.raw.sqlite3_last_insert_rowid(connector.Connection.Handle);
        try
        {
            var keys = PrimaryKeys(connector, table);
            using var command = connector.Connection.CreateCommand();
            command.CommandText = $"select {(keys.Count == 0 ? "rowid" : string.Join(", ", keys.Select(SqlIdentifier.Escape)))} from {SqlIdentifier.Escape(table)} where rowid = :rowid";
            command.Parameters.AddWithValue(":rowid", rowid);
            using var reader = command.ExecuteReader();
            if (!reader.Read())
            {
                return null;
            }
            var values = new List<string>();
            for (var i = 0; i < reader.FieldCount; i++)
            {
                values.Add(TildeEncoding.Encode(Convert.ToString(reader.GetValue(i), CultureInfo.InvariantCulture) ?? ""));
            }
            return string.Join(",", values);
        }
        catch (Microsoft.Data.Sqlite.SqliteException)
        {
            // A WITHOUT ROWID table has no rowid to find the row by: no link, as in Datasette.
            return null;
        }
    }

    private static List<string> PrimaryKeys(SqliteConnector connector, string table)
    {
        using var command = connector.Connection.CreateCommand();
        command.CommandText = "select name from pragma_table_info(:table) where pk > 0 order by pk";
        command.Parameters.AddWithValue(":table", table);
        using var reader = command.ExecuteReader();
        var keys = new List<string>();
        while (reader.Read())
        {
            keys.Add(reader.GetString(0));
        }
        return keys;
    }
}
