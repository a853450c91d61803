using System;
using System.Diagnostics;
using System.Threading.Tasks;
using Datasette.Gen.Runtime.Data;
using Datasette.Gen.Runtime.Sql;
using Datasette.Gen.Tests.Infrastructure;

namespace Datasette.Gen.Tests.Data;

/// <summary>read-api.md §9.2 layers 2 and 3: read-only connections and the time limit.</summary>
public sealed class DatabaseReadOnlyTests
{
    private const string EndlessCount = "with recursive c(x) as (select 1 union all select x + 1 from c where x < 100000000000) select count(*) from c";

    private static long Count(Database database, string sql, int? timeLimitMs = null) =>
        QueryRunner.Run(database, sql, null, timeLimitMs, reader => reader.Read() ? reader.GetInt64(0) : -1);

    [Fact(Timeout = 30000)]
    public async Task A_slow_query_is_interrupted_by_the_time_limit()
    {
        TestSqlite.EnsureProvider();
        await using var database = new Database(DatabaseKind.PrivateMemory);
        var watch = Stopwatch.StartNew();
        var error = await Task.Run(() => Assert.Throws<QueryInterruptedException>(() => Count(database, EndlessCount, 50)));
        watch.Stop();
        Assert.True(watch.ElapsedMilliseconds < 5000, $"interrupted only after {watch.ElapsedMilliseconds} ms");
        Assert.Equal(EndlessCount, error.Sql);
        Assert.Equal("SQL query took too long. The time limit is controlled by the sql_time_limit_ms setting.", error.Message);
    }

    [Fact(Timeout = 30000)]
    public async Task A_limit_of_a_few_milliseconds_is_checked_every_step()
    {
        TestSqlite.EnsureProvider();
        await using var database = new Database(DatabaseKind.PrivateMemory);
        await Task.Run(() => Assert.Throws<QueryInterruptedException>(() => Count(database, EndlessCount, 1)));
    }

    [Fact(Timeout = 30000)]
    public async Task The_connection_is_usable_without_a_limit_after_an_interruption()
    {
        TestSqlite.EnsureProvider();
        await using var database = new Database(DatabaseKind.PrivateMemory);
        await Task.Run(() => Assert.Throws<QueryInterruptedException>(() => Count(database, EndlessCount, 20)));
        // The same pooled connection now runs a query far longer than 20 ms to completion.
        var counted = await Task.Run(() => Count(database, "with recursive c(x) as (select 1 union all select x + 1 from c where x < 3000000) select count(*) from c"));
        Assert.Equal(3000000, counted);
    }

    [Fact]
    public async Task User_sql_cannot_write_to_a_mutable_file_through_read_connections()
    {
        using var file = new TempDatabaseFile("create table t (id integer primary key, v text)");
        await using var database = new Database(DatabaseKind.MutableFile, file.Path);
        var insert = Assert.Throws<SqlErrorException>(() => Count(database, "insert into t (v) values ('x') returning 1"));
        Assert.Contains("readonly", insert.Message, StringComparison.OrdinalIgnoreCase);
        Assert.Throws<SqlErrorException>(() => Count(database, "create table u (x) "));
        Assert.Throws<SqlErrorException>(() => Count(database, "delete from t"));
        Assert.Equal(0L, file.Scalar("select count(*) from t"));
        Assert.Equal(0L, file.Scalar("select count(*) from sqlite_master where name = 'u'"));
    }

    [Fact]
    public async Task User_sql_cannot_write_to_a_named_memory_database_but_the_writer_can()
    {
        TestSqlite.EnsureProvider();
        await using var database = new Database(DatabaseKind.NamedMemory, memoryName: "readonly-test-" + Guid.NewGuid().ToString("N"));
        await database.WriteAsync(c =>
        {
            TestSqlite.Execute(c.Connection, "create table t (v); insert into t values (1)");
            return 0;
        });
        var error = Assert.Throws<SqlErrorException>(() => Count(database, "insert into t values (2) returning 1"));
        Assert.Contains("readonly", error.Message, StringComparison.OrdinalIgnoreCase);
        Assert.Equal(1L, Count(database, "select count(*) from t"));
    }

    [Fact]
    public async Task Immutable_files_reject_writes_from_sql_and_from_the_writer()
    {
        using var file = new TempDatabaseFile("create table t (v); insert into t values (1)");
        await using var database = new Database(DatabaseKind.ImmutableFile, file.Path);
        Assert.Throws<SqlErrorException>(() => Count(database, "insert into t values (2) returning 1"));
        Assert.Throws<InvalidOperationException>(() => { _ = database.WriteAsync(_ => 0); });
        Assert.Equal(1L, Count(database, "select count(*) from t"));
    }

    [Fact]
    public async Task Private_memory_databases_keep_nothing_between_connections()
    {
        TestSqlite.EnsureProvider();
        await using var database = new Database(DatabaseKind.PrivateMemory);
        Assert.Throws<InvalidOperationException>(() => { _ = database.WriteAsync(_ => 0); });
        Assert.Equal(0L, Count(database, "select count(*) from sqlite_master"));
    }

    [Fact]
    public async Task A_sql_error_carries_sqlites_own_message()
    {
        using var file = new TempDatabaseFile("create table t (v)");
        await using var database = new Database(DatabaseKind.MutableFile, file.Path);
        var error = Assert.Throws<SqlErrorException>(() => Count(database, "select * from nope"));
        Assert.Equal("no such table: nope", error.Message);
    }

    [Fact]
    public async Task A_missing_parameter_is_reported_by_name()
    {
        using var file = new TempDatabaseFile("create table t (v)");
        await using var database = new Database(DatabaseKind.MutableFile, file.Path);
        var error = Assert.Throws<SqlErrorException>(() => Count(database, "select count(*) from t where v = :missing"));
        Assert.Equal("You did not supply a value for binding parameter :missing.", error.Message);
    }

    [Fact]
    public async Task A_disposed_database_refuses_reads()
    {
        TestSqlite.EnsureProvider();
        var database = new Database(DatabaseKind.PrivateMemory) { Name = "gone" };
        Assert.Equal(1L, Count(database, "select 1"));
        await database.DisposeAsync();
        var closed = Assert.Throws<DatabaseClosedException>(() => Count(database, "select 1"));
        Assert.IsAssignableFrom<ObjectDisposedException>(closed);
        Assert.Equal("Database 'gone' has been closed", closed.Message);
    }
}
