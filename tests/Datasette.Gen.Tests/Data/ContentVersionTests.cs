using System.Collections.Generic;
using System.Linq;
using System.Threading.Tasks;
using Datasette.Gen.Runtime.Data;
using Datasette.Gen.Tests.Infrastructure;

namespace Datasette.Gen.Tests.Data;

/// <summary>
/// The content version that ETags are made from (docs/caching.md): read without a lock by
/// concurrent requests, it must still never name two different states of the data.
/// </summary>
public sealed class ContentVersionTests
{
    private static async Task<HashSet<string?>> ReadConcurrentlyAsync(Database database)
    {
        var versions = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => Task.Run(() =>
            Enumerable.Range(0, 50).Select(_ => database.ContentVersion()).ToList())));
        return versions.SelectMany(v => v).ToHashSet();
    }

    [Fact(Timeout = 60000)]
    public async Task No_version_read_after_another_process_commits_equals_one_read_before()
    {
        using var file = new TempDatabaseFile("create table t (n integer)");
        await using var database = new Database(DatabaseKind.MutableFile, file.Path);
        // Several probe connections, each with its own idea of data_version.
        var before = await ReadConcurrentlyAsync(database);
        Assert.DoesNotContain(null, before);

        file.Execute("insert into t values (1)");

        var after = await ReadConcurrentlyAsync(database);
        Assert.DoesNotContain(null, after);
        Assert.Empty(before.Intersect(after));
        // Settled: with nothing written, one caller sees one version.
        var settled = database.ContentVersion();
        Assert.Equal(settled, database.ContentVersion());
    }

    [Fact(Timeout = 60000)]
    public async Task A_memory_database_has_no_version_while_a_write_runs_and_a_new_one_after()
    {
        await using var database = new Database(DatabaseKind.NamedMemory, memoryName: "content-version-" + System.Guid.NewGuid().ToString("N"));
        await database.WriteAsync(c =>
        {
            TestSqlite.Execute(c.Connection, "create table t (n integer)");
            return 0;
        });
        var before = database.ContentVersion();
        Assert.NotNull(before);

        // Mid-write, an answer may read the data before or after the commit: neither may be named.
        var duringGrouped = await database.WriteInTransactionAsync(c =>
        {
            TestSqlite.Execute(c.Connection, "insert into t values (1)");
            return database.ContentVersion();
        });
        var duringExclusive = await database.WriteAsync(c =>
        {
            TestSqlite.Execute(c.Connection, "insert into t values (2)");
            return database.ContentVersion();
        });
        Assert.Null(duringGrouped);
        Assert.Null(duringExclusive);

        // The writer marks its end just after acknowledging the write: the version comes back at once.
        Assert.True(System.Threading.SpinWait.SpinUntil(() => database.ContentVersion() is not null, 5000));
        var after = database.ContentVersion();
        Assert.NotEqual(before, after);
    }
}
