using Microsoft.Data.Sqlite;

namespace Datasette.Gen.Runtime.Data;

internal static class SqliteConnectionExtensions
{
    /// <summary>The message Python's sqlite3 gives, and so Datasette's 400, for SQL text with a NUL in it.</summary>
    internal const string NulCharacterMessage = "the query contains a null character";

    /// <summary>
    /// A command for <paramref name="sql"/>. Every command whose text may come from outside the code
    /// (user SQL, stored queries, table page clauses) is made here: SQLite stops reading at a NUL,
    /// and Microsoft.Data.Sqlite then prepares the same remaining text forever (one thread spinning
    /// and allocating per request), so such text is refused before it becomes a command.
    /// </summary>
    public static SqliteCommand CreateCommand(this SqliteConnection connection, string sql)
    {
        RefuseNul(sql);
        var command = connection.CreateCommand();
        command.CommandText = sql;
        return command;
    }

    /// <summary>Python's sqlite3 checks for a NUL before anything else looks at the text; so do we.</summary>
    public static void RefuseNul(string sql)
    {
        if (sql.Contains('\0'))
        {
            throw new SqlErrorException(NulCharacterMessage);
        }
    }

    /// <summary>Runs SQL that returns no rows (pragmas, DDL scripts) on the connection.</summary>
    public static void Execute(this SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand(sql);
        command.ExecuteNonQuery();
    }
}
