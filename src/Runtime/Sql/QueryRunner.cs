using Datasette.Gen.Runtime.Data;
using Microsoft.Data.Sqlite;
using SQLitePCL;

namespace Datasette.Gen.Runtime.Sql;

/// <summary>Runs one statement on a read connection under a time limit, mapping SQLite failures to exceptions Datasette's views expect.</summary>
internal static class QueryRunner
{
    private const int SqliteInterrupt = 9;

    // Cached commands whose statement calls a varying function: the authorizer only speaks when a
    // statement prepares, and a cached command prepares once per connection.
    private static readonly System.Runtime.CompilerServices.ConditionalWeakTable<SqliteCommand, object> Varying = new();

    /// <param name="clockFree">
    /// The caller wrote this SQL and its date/time functions only read column values, never the
    /// clock: they do not make the answer vary. The user's own SQL inside it is also run as the
    /// page's main query, which still reports a varying function of its own.
    /// </param>
    public static T Run<T>(Database database, string sql, IReadOnlyDictionary<string, object?>? parameters, int? timeLimitMs, Func<SqliteDataReader, T> read, bool clockFree = false)
    {
        return database.Read(connector =>
        {
            var command = StatementCache.Command(connector.Connection, sql);
            if (parameters is not null)
            {
                foreach (var (name, value) in parameters)
                {
                    command.Parameters.AddWithValue(":" + name, value ?? DBNull.Value);
                }
            }
            connector.StartTimeLimit(timeLimitMs);
            try
            {
                connector.PreparedVaryingFunction = false;
                using var reader = command.ExecuteReader();
                if (connector.PreparedVaryingFunction)
                {
                    Varying.AddOrUpdate(command, Varying);
                }
                if (!clockFree && Varying.TryGetValue(command, out _))
                {
                    RequestScope.NoteAnswerVaries();
                }
                return read(reader);
            }
            catch (SqliteException ex) when (ex.SqliteErrorCode == SqliteInterrupt)
            {
                // Cut short by a time limit: what the page makes of that (a missing facet or count) depends on the load.
                RequestScope.NoteAnswerVaries();
                throw new QueryInterruptedException(sql);
            }
            catch (SqliteException ex)
            {
                throw new SqlErrorException(connector.Explain(ex.SqliteErrorCode, SqliteMessage(ex)));
            }
            catch (InvalidOperationException) when (BindingProblem(connector, sql, parameters) is { } problem)
            {
                throw new SqlErrorException(problem);
            }
            finally
            {
                connector.ClearTimeLimit();
            }
        });
    }

    /// <summary>
    /// Fails as Python's sqlite3 does for Datasette: with SQLite's message when the first statement
    /// does not prepare, and with "You can only execute one statement at a time." when anything but
    /// whitespace and comments follows it (a second statement, a stray <c>;</c> or a fragment).
    /// </summary>
    public static void EnsureSingleStatement(Database database, string sql)
    {
        SqliteConnectionExtensions.RefuseNul(sql);
        database.Read(connector =>
        {
            var db = connector.Connection.Handle;
            connector.LastDenial = null;
            var rc = raw.sqlite3_prepare_v2(db, sql, out var statement, out string tail);
            using (statement)
            {
                if (rc != raw.SQLITE_OK)
                {
                    throw new SqlErrorException(connector.Explain(rc, raw.sqlite3_errmsg(db).utf8_to_string()));
                }
            }
            if (HasMoreSql(tail))
            {
                throw new SqlErrorException("You can only execute one statement at a time.");
            }
            return 0;
        });
    }

    /// <summary>Python's <c>check_remaining_sql</c>: true when the text after a statement holds more than spaces, tabs, line breaks and comments.</summary>
    internal static bool HasMoreSql(string? tail)
    {
        if (tail is null)
        {
            return false;
        }
        var i = 0;
        while (i < tail.Length)
        {
            var c = tail[i];
            if (c is ' ' or '\t' or '\n' or '\r')
            {
                i++;
            }
            else if (c == '-' && i + 1 < tail.Length && tail[i + 1] == '-')
            {
                var end = tail.IndexOf('\n', i + 2);
                i = end < 0 ? tail.Length : end + 1;
            }
            else if (c == '/' && i + 1 < tail.Length && tail[i + 1] == '*')
            {
                var end = tail.IndexOf("*/", i + 2, StringComparison.Ordinal);
                i = end < 0 ? tail.Length : end + 2;
            }
            else
            {
                return true;
            }
        }
        return false;
    }

    /// <summary>Microsoft.Data.Sqlite wraps messages as "SQLite Error 1: 'text'."; Datasette shows the text.</summary>
    private static string SqliteMessage(SqliteException ex)
    {
        var message = ex.Message;
        var start = message.IndexOf('\'');
        var end = message.LastIndexOf('\'');
        return start >= 0 && end > start ? message[(start + 1)..end] : message;
    }

    /// <summary>
    /// Why the statement cannot be bound from named values, in the words of Python's sqlite3 (which
    /// Datasette passes a dict of names): in SQLite's binding order, a nameless parameter (<c>?</c>)
    /// or the first name without a value. Null when binding was not the problem.
    /// </summary>
    private static string? BindingProblem(SqliteConnector connector, string sql, IReadOnlyDictionary<string, object?>? parameters)
    {
        var db = connector.Connection.Handle;
        var rc = raw.sqlite3_prepare_v2(db, sql, out var statement, out string _);
        using (statement)
        {
            if (rc != raw.SQLITE_OK)
            {
                return null;
            }
            var count = raw.sqlite3_bind_parameter_count(statement);
            for (var i = 1; i <= count; i++)
            {
                var name = raw.sqlite3_bind_parameter_name(statement, i).utf8_to_string();
                if (string.IsNullOrEmpty(name))
                {
                    return $"Binding {i} has no name, but you supplied a dictionary (which has only names).";
                }
                if (parameters is null || !parameters.ContainsKey(name[1..]))
                {
                    return $"You did not supply a value for binding parameter :{name[1..]}.";
                }
            }
        }
        return null;
    }
}
