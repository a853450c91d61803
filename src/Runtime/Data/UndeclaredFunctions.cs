using Microsoft.Data.Sqlite;

namespace Datasette.Gen.Runtime.Data;

/// <summary>
/// Finds the SQL functions that a connection's set-up added (prepare_connection hooks, extensions
/// loaded with --load-extension) without declaring them deterministic: like random(), an answer
/// whose SQL calls one may differ on the next identical request, so it gets no ETag and is not
/// cached. SQLite lists each function with the flags it was created with (<c>pragma_function_list</c>);
/// what a bare connection already has (SQLite's own, FTS and R*Tree helpers, this server's) is
/// left out, so only functions someone else registered count.
/// </summary>
internal static class UndeclaredFunctions
{
    // 0x800 is SQLITE_DETERMINISTIC.
    private const string NotDeterministic = "select name, narg from pragma_function_list where builtin = 0 and (flags & 0x800) = 0";

    private static readonly Lazy<HashSet<(string Name, long Arguments)>> Baseline = new(() =>
    {
        using var connection = new SqliteConnection("Data Source=:memory:");
        connection.Open();
        SqlFunctions.Register(connection);
        BoundedPrintf.Register(connection, () => 0);
        return List(connection);
    });

    /// <summary>Names (compared without case, as SQLite does) of the non-deterministic functions this connection gained.</summary>
    public static HashSet<string> Find(SqliteConnection connection)
    {
        var baseline = Baseline.Value;
        var names = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var function in List(connection))
        {
            if (!baseline.Contains(function))
            {
                names.Add(function.Name);
            }
        }
        return names;
    }

    private static HashSet<(string Name, long Arguments)> List(SqliteConnection connection)
    {
        var functions = new HashSet<(string Name, long Arguments)>();
        using var command = connection.CreateCommand();
        command.CommandText = NotDeterministic;
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            functions.Add((reader.GetString(0).ToLowerInvariant(), reader.GetInt64(1)));
        }
        return functions;
    }
}
