using Datasette.Gen.Runtime.Data;
using Datasette.Gen.Runtime.Sql;

namespace Datasette.Gen.Runtime.Querying;

/// <summary>Row counts the way Datasette takes them: at most 10,001 rows, under a time limit.</summary>
internal static class TableCounts
{
    public const int Cap = 10001;

    /// <summary>A count that reached <see cref="Cap"/> stopped there: the table has at least that many rows.</summary>
    public static bool Truncated(long? count) => count == Cap;

    /// <summary>
    /// The count of rows matching <paramref name="where"/> (a " where …" clause or empty), or null
    /// when it failed or ran out of time. An unfiltered count of an inspected database comes from
    /// its inspect data, exact and uncapped; a count of unchanged data is taken once (<see cref="DerivedResultCache"/>).
    /// </summary>
    public static long? Count(Database database, string table, int timeLimitMs, string where = "", IReadOnlyDictionary<string, object?>? parameters = null)
    {
        if (where.Length == 0 && database.InspectedCounts is { } inspected && inspected.TryGetValue(table, out var known))
        {
            return known;
        }
        return database.Derived.GetOrCompute(database, DerivedResultCache.Key(parameters, "count", table, where),
            () => Take(database, table, timeLimitMs, where, parameters), static count => count is not null);
    }

    private static long? Take(Database database, string table, int timeLimitMs, string where, IReadOnlyDictionary<string, object?>? parameters)
    {
        try
        {
            return QueryRunner.Run(database, $"select count(*) from (select * from {SqlIdentifier.Quote(table)}{where} limit {Cap})", parameters, timeLimitMs,
                reader => reader.Read() ? reader.GetInt64(0) : 0);
        }
        catch (System.Exception ex) when (ex is SqlErrorException or QueryInterruptedException)
        {
            return null;
        }
    }
}
