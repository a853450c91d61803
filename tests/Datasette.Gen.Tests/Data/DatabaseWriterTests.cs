using System;
using System.Linq;
using System.Threading.Tasks;
using Datasette.Gen.Runtime.Data;
using Datasette.Gen.Runtime.Sql;
using Datasette.Gen.Tests.Infrastructure;

namespace Datasette.Gen.Tests.Data;

/// <summary>Writes go through exactly one writer connection, one at a time, in queue order.</summary>
public sealed class DatabaseWriterTests
{
    [Fact(Timeout = 60000)]
    public async Task Concurrent_writes_from_many_tasks_all_succeed_without_losing_an_update()
    {
        const int writes = 60;
        using var file = new TempDatabaseFile("create table counter (n integer); insert into counter values (0)");
        await using var database = new Database(DatabaseKind.MutableFile, file.Path);
        // Read-modify-write in two statements: only serialised execution keeps every increment.
        var threads = await Task.WhenAll(Enumerable.Range(0, writes).Select(_ => Task.Run(() => database.WriteAsync(c =>
        {
            var n = (long)TestSqlite.Scalar(c.Connection, "select n from counter")!;
            TestSqlite.Execute(c.Connection, $"update counter set n = {n + 1}");
            return Environment.CurrentManagedThreadId;
        }))));
        Assert.Equal((long)writes, file.Scalar("select n from counter"));
        Assert.Single(threads.Distinct());
    }

    [Fact(Timeout = 60000)]
    public async Task Writes_run_in_the_order_they_were_queued()
    {
        using var file = new TempDatabaseFile("create table log (i integer)");
        await using var database = new Database(DatabaseKind.MutableFile, file.Path);
        var pending = Enumerable.Range(0, 100).Select(i => database.WriteAsync(c =>
        {
            TestSqlite.Execute(c.Connection, $"insert into log values ({i})");
            return i;
        })).ToList();
        Assert.Equal(Enumerable.Range(0, 100), await Task.WhenAll(pending));
        var order = (string)file.Scalar("select group_concat(i, ',') from (select i from log order by rowid)")!;
        Assert.Equal(string.Join(",", Enumerable.Range(0, 100)), order);
    }

    [Fact(Timeout = 60000)]
    public async Task A_failing_write_fails_its_own_task_and_the_writer_carries_on()
    {
        using var file = new TempDatabaseFile("create table t (v)");
        await using var database = new Database(DatabaseKind.MutableFile, file.Path);
        var failing = database.WriteAsync<int>(_ => throw new InvalidOperationException("boom"));
        var next = database.WriteAsync(c =>
        {
            TestSqlite.Execute(c.Connection, "insert into t values (1)");
            return 1;
        });
        Assert.Equal("boom", (await Assert.ThrowsAsync<InvalidOperationException>(() => failing)).Message);
        Assert.Equal(1, await next);
        Assert.Equal(1L, file.Scalar("select count(*) from t"));
    }

    [Fact(Timeout = 60000)]
    public async Task Reads_see_a_write_once_it_has_completed()
    {
        using var file = new TempDatabaseFile("create table t (v)");
        await using var database = new Database(DatabaseKind.MutableFile, file.Path);
        long Count() => QueryRunner.Run(database, "select count(*) from t", null, 1000, r => r.Read() ? r.GetInt64(0) : -1);
        Assert.Equal(0, Count());
        await database.WriteAsync(c =>
        {
            TestSqlite.Execute(c.Connection, "insert into t values (1), (2)");
            return 0;
        });
        Assert.Equal(2, Count());
    }
}
