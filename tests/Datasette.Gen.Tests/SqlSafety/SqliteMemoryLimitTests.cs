using System;
using System.Linq;
using System.Threading.Tasks;
using Datasette.Gen.Tests.Infrastructure;
using SQLitePCL;

namespace Datasette.Gen.Tests.SqlSafety;

/// <summary>The hard heap limit is process-wide, so its test runs alone, after the parallel ones.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class ProcessWideSqliteHeap
{
    public const string Name = "Process-wide SQLite heap limit";
}

/// <summary>max_sqlite_memory_mb: many values that are each within max_value_mb still cannot take the process's memory.</summary>
[Collection(ProcessWideSqliteHeap.Name)]
public sealed class SqliteMemoryLimitTests
{
    [Fact(Timeout = 60000)]
    public async Task Running_out_of_sqlite_memory_answers_400_and_the_server_keeps_answering()
    {
        TestSqlite.EnsureProvider();
        var previous = raw.sqlite3_hard_heap_limit64(-1);
        try
        {
            var limitMb = (raw.sqlite3_memory_used() / (1024 * 1024)) + 48;
            await using var safety = await SqlSafetyServer.StartAsync(("max_sqlite_memory_mb", limitMb.ToString(System.Globalization.CultureInfo.InvariantCulture)));
            var client = safety.Server.Client;
            // Eight 8 MB values in one row: each is allowed, together they pass the heap limit.
            var sql = "select " + string.Join(", ", Enumerable.Range(1, 8).Select(i => $"randomblob(8000000) as v{i}"));
            var response = await client.GetJsonAsync("/safety/-/query.json?sql=" + Uri.EscapeDataString(sql));
            Assert.Equal(400, response.Status);
            Assert.Equal("out of memory: the query needed more memory than the server allows (the max_sqlite_memory_mb setting)",
                response.Json.GetProperty("error").GetString());
            var after = await client.GetJsonAsync("/safety/-/query.json?sql=" + Uri.EscapeDataString("select body from docs3 where docs3 match 'hello'"));
            Assert.Equal(200, after.Status);
        }
        finally
        {
            raw.sqlite3_hard_heap_limit64(previous);
        }
    }
}
