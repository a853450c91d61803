using System.Runtime.CompilerServices;
using Microsoft.Data.Sqlite;

namespace Datasette.Gen.Runtime.Data;

/// <summary>
/// Prepared commands kept per connection, keyed by their text. The
/// permission SQL, stored queries and table pages of a given shape repeat across requests (only the
/// parameters change), so preparing it once per connection saves most of its cost. A pooled
/// connection is used by one thread at a time, and so is its cache.
/// </summary>
internal sealed class StatementCache
{
    private const int Capacity = 256;

    private static readonly ConditionalWeakTable<SqliteConnection, StatementCache> Caches = new();

    private readonly Dictionary<string, SqliteCommand> _commands = new(StringComparer.Ordinal);

    /// <summary>The connection's command for <paramref name="sql"/>, with its parameters cleared.</summary>
    public static SqliteCommand Command(SqliteConnection connection, string sql)
    {
        var cache = Caches.GetValue(connection, static _ => new StatementCache());
        if (!cache._commands.TryGetValue(sql, out var command))
        {
            if (cache._commands.Count >= Capacity)
            {
                foreach (var old in cache._commands.Values)
                {
                    old.Dispose();
                }
                cache._commands.Clear();
            }
            command = connection.CreateCommand(sql);
            cache._commands[sql] = command;
        }
        command.Parameters.Clear();
        return command;
    }
}
