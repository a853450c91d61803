using System.Collections.Concurrent;
using Datasette.Gen.Runtime.Data;

namespace Datasette.Gen.Runtime.Sql;

/// <summary>
/// Arbitrary SQL that passed the read-only checks, with its named parameters. Clients repeat
/// the same queries, so the validator's regexes and the single-statement prepare run once per
/// text and database; only successes are remembered.
/// </summary>
internal static class ValidatedSql
{
    private const int Capacity = 1024;

    private static readonly ConcurrentDictionary<(Database Database, string Sql), IReadOnlyList<string>> Known = new();

    /// <summary>The parameter names of <paramref name="sql"/>, after checking it is one read-only statement.</summary>
    public static IReadOnlyList<string> Parameters(Database database, string sql)
    {
        if (Known.TryGetValue((database, sql), out var names))
        {
            return names;
        }
        ReadOnlySql.Validate(sql);
        QueryRunner.EnsureSingleStatement(database, sql);
        names = NamedParameters.Extract(sql);
        if (Known.Count >= Capacity)
        {
            Known.Clear();
        }
        Known[(database, sql)] = names;
        return names;
    }
}
