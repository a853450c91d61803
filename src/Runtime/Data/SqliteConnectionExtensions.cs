using Microsoft.Data.Sqlite;

namespace Datasette.Gen.Runtime.Data;

internal static class SqliteConnectionExtensions
{
    /// <summary>Runs SQL that returns no rows (pragmas, DDL scripts) on the connection.</summary>
    public static void Execute(this SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }
}
