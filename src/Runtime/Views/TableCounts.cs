using Datasette.Gen.Runtime.Data;
using Datasette.Gen.Runtime.Sql;

namespace Datasette.Gen.Runtime.Views;

/// <summary>Row counts the way Datasette takes them: at most 10,001 rows, under a time limit.</summary>
public static class TableCounts
{
    public const int Cap = 10001;

    /// <summary>The count, or null when it failed or ran out of time.</summary>
    public static long? Count(Database database, string table, int timeLimitMs)
    {
        if (database.InspectedCounts is { } inspected && inspected.TryGetValue(table, out var known))
        {
            return known;
        }
        try
        {
            return QueryRunner.Run(database, $"select count(*) from (select * from {SqlIdentifier.Quote(table)} limit {Cap})", null, timeLimitMs,
                reader => reader.Read() ? reader.GetInt64(0) : 0);
        }
        catch (System.Exception ex) when (ex is SqlErrorException or QueryInterruptedException)
        {
            return null;
        }
    }
}
