using System;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Datasette.Gen.Runtime.Data;
using Datasette.Gen.Runtime.Sql;
using Datasette.Gen.Tests.Infrastructure;
using Microsoft.Data.Sqlite;

namespace Datasette.Gen.Tests.Data;

/// <summary>
/// Database.WriteInTransactionAsync: writes queued together share one transaction (group commit),
/// each in its own savepoint; a write is acknowledged only once committed.
/// </summary>
public sealed class GroupCommitWriterTests
{
    private static Func<SqliteConnector, int> Insert(string sql) => c =>
    {
        TestSqlite.Execute(c.Connection, sql);
        return 0;
    };

    private static long Count(Database database, string sql = "select count(*) from t") =>
        QueryRunner.Run(database, sql, null, 5000, r => r.Read() ? r.GetInt64(0) : -1);

    /// <summary>Holds the writer in an exclusive write until released, so what is queued meanwhile forms one group.</summary>
    private static (Task Held, ManualResetEventSlim Release) HoldWriter(Database database)
    {
        var release = new ManualResetEventSlim();
        var started = new ManualResetEventSlim();
        var held = database.WriteAsync(_ =>
        {
            started.Set();
            release.Wait(TimeSpan.FromSeconds(30));
            return 0;
        });
        Assert.True(started.Wait(TimeSpan.FromSeconds(30)));
        return (held, release);
    }

    [Fact(Timeout = 60000)]
    public async Task A_failing_write_in_a_group_rolls_back_only_its_own_changes()
    {
        using var file = new TempDatabaseFile("create table t (id integer primary key, v text)");
        await using var database = new Database(DatabaseKind.MutableFile, file.Path);
        var (held, release) = HoldWriter(database);
        var first = database.WriteInTransactionAsync(Insert("insert into t values (1, 'a')"));
        // Its first statement succeeds, its second violates the primary key: both must be undone.
        var failing = database.WriteInTransactionAsync(Insert("insert into t values (2, 'b'); insert into t values (1, 'dup')"));
        var thrown = database.WriteInTransactionAsync<int>(c =>
        {
            TestSqlite.Execute(c.Connection, "insert into t values (4, 'd')");
            throw new InvalidOperationException("boom");
        });
        var last = database.WriteInTransactionAsync(Insert("insert into t values (3, 'c')"));
        var commitsBefore = database.GroupCommits;
        release.Set();
        await held;

        await first;
        await last;
        Assert.Contains("UNIQUE", (await Assert.ThrowsAsync<SqliteException>(() => failing)).Message, StringComparison.Ordinal);
        Assert.Equal("boom", (await Assert.ThrowsAsync<InvalidOperationException>(() => thrown)).Message);
        Assert.Equal(1, database.GroupCommits - commitsBefore);
        Assert.Equal("1,3", (string)file.Scalar("select group_concat(id) from (select id from t order by id)")!);
    }

    [Fact(Timeout = 60000)]
    public async Task Concurrent_writes_are_coalesced_into_fewer_commits_and_none_is_lost()
    {
        const int writes = 200;
        using var file = new TempDatabaseFile("create table t (id integer primary key, v text)");
        await using var database = new Database(DatabaseKind.MutableFile, file.Path);
        using var start = new ManualResetEventSlim();
        var tasks = Enumerable.Range(1, writes).Select(i => Task.Run(() =>
        {
            start.Wait();
            return database.WriteInTransactionAsync(Insert($"insert into t values ({i}, 'v{i}')"));
        })).ToList();
        start.Set();
        await Task.WhenAll(tasks);

        Assert.Equal(writes, Count(database));
        Assert.True(database.GroupCommits < writes, $"{database.GroupCommits} commits for {writes} writes: nothing was grouped");
        Assert.Equal("wal", (string)file.Scalar("pragma journal_mode")!);
    }

    [Fact(Timeout = 60000)]
    public async Task A_read_after_an_acknowledged_write_sees_it_and_no_read_sees_half_a_write()
    {
        using var file = new TempDatabaseFile("create table t (id integer primary key, v text)");
        await using var database = new Database(DatabaseKind.MutableFile, file.Path);
        using var stop = new CancellationTokenSource();
        var oddCounts = 0;
        // Every write inserts two rows: a reader that ever counts an odd number saw half of one.
        var reader = Task.Run(() =>
        {
            while (!stop.IsCancellationRequested)
            {
                if (Count(database) % 2 != 0)
                {
                    Interlocked.Increment(ref oddCounts);
                }
            }
        });
        var writers = Enumerable.Range(0, 8).Select(w => Task.Run(async () =>
        {
            for (var i = 0; i < 25; i++)
            {
                var id = (w * 1000) + (i * 2);
                await database.WriteInTransactionAsync(Insert($"insert into t values ({id}, 'a'); insert into t values ({id + 1}, 'b')"));
                Assert.Equal(2, Count(database, $"select count(*) from t where id in ({id}, {id + 1})"));
            }
        })).ToList();
        await Task.WhenAll(writers);
        await stop.CancelAsync();
        await reader;

        Assert.Equal(0, oddCounts);
        Assert.Equal(8 * 25 * 2, Count(database));
    }

    [Fact(Timeout = 60000)]
    public async Task Exclusive_writes_run_between_groups_outside_their_transaction()
    {
        using var file = new TempDatabaseFile("create table t (id integer primary key, v text)");
        await using var database = new Database(DatabaseKind.MutableFile, file.Path);
        var (held, release) = HoldWriter(database);
        var grouped = database.WriteInTransactionAsync(Insert("insert into t values (1, 'a')"));
        // An exclusive write may begin its own transaction: it must not find the group's open.
        var exclusive = database.WriteAsync(c =>
        {
            using var transaction = c.Connection.BeginTransaction();
            TestSqlite.Execute(c.Connection, "insert into t values (2, 'b')");
            transaction.Commit();
            return 0;
        });
        var after = database.WriteInTransactionAsync(Insert("insert into t values (3, 'c')"));
        release.Set();
        await Task.WhenAll(held, grouped, exclusive, after);
        Assert.Equal(3, Count(database));
    }
}
