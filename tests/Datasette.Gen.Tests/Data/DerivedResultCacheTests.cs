using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using Datasette.Gen.Runtime.Data;
using Datasette.Gen.Tests.Infrastructure;

namespace Datasette.Gen.Tests.Data;

/// <summary>
/// The cache of counts and suggestions kept per content version: keys that cannot collide, a
/// bound that holds whatever keys arrive, and nothing kept where no request can say whether it varies.
/// </summary>
public sealed class DerivedResultCacheTests
{
    [Fact]
    public void Keys_differ_by_value_type_and_by_where_parts_split()
    {
        Assert.NotEqual(
            DerivedResultCache.Key(new Dictionary<string, object?> { ["p0"] = 1L }, "count", "t", " where a = :p0"),
            DerivedResultCache.Key(new Dictionary<string, object?> { ["p0"] = "1" }, "count", "t", " where a = :p0"));
        Assert.NotEqual(DerivedResultCache.Key(null, "count", "a:b", "c"), DerivedResultCache.Key(null, "count", "a", "b:c"));
        Assert.NotEqual(
            DerivedResultCache.Key(null, "count", "t", " where x = 'p0'"),
            DerivedResultCache.Key(new Dictionary<string, object?> { ["p0"] = null }, "count", "t", " where x = "));
    }

    [Fact(Timeout = 60000)]
    public async Task It_keeps_one_result_per_key_within_its_bound_and_forgets_after_a_commit()
    {
        using var file = new TempDatabaseFile("create table t (n integer)");
        await using var database = new Database(DatabaseKind.MutableFile, file.Path);
        var cache = new DerivedResultCache();
        var computed = 0;
        int Compute() => Interlocked.Increment(ref computed);

        using (RequestScope.Enter(CancellationToken.None, 0))
        {
            Assert.Equal(1, cache.GetOrCompute(database, "k", Compute, static _ => true));
            Assert.Equal(1, cache.GetOrCompute(database, "k", Compute, static _ => true));
            // A failure is not kept.
            Assert.Equal(2, cache.GetOrCompute(database, "failed", Compute, static _ => false));
            Assert.Equal(3, cache.GetOrCompute(database, "failed", Compute, static _ => false));

            for (var i = 0; i < DerivedResultCache.MaxEntries * 2; i++)
            {
                cache.GetOrCompute(database, "key " + i, static () => 0, static _ => true);
                Assert.InRange(cache.Count, 0, DerivedResultCache.MaxEntries);
            }

            cache.GetOrCompute(database, "k", Compute, static _ => true);
        }
        file.Execute("insert into t values (1)");
        // The next request sees the commit.
        using (RequestScope.Enter(CancellationToken.None, 0))
        {
            var afterWrite = computed + 1;
            Assert.Equal(afterWrite, cache.GetOrCompute(database, "k", Compute, static _ => true));
        }
    }

    [Fact(Timeout = 60000)]
    public async Task A_request_reads_the_content_version_once_and_the_next_request_sees_a_commit()
    {
        using var file = new TempDatabaseFile("create table t (n integer)");
        await using var database = new Database(DatabaseKind.MutableFile, file.Path);
        var cache = new DerivedResultCache();
        var computed = 0;
        int Compute() => Interlocked.Increment(ref computed);

        using (RequestScope.Enter(CancellationToken.None, 0))
        {
            var version = RequestScope.Now!.ContentVersionOf(database);
            Assert.NotNull(version);
            Assert.Equal(1, cache.GetOrCompute(database, "k", Compute, static _ => true));
            // A commit mid-request: the request keeps naming its results by the version it read
            // first (read before its queries, so never newer than what they saw) and reads no other.
            file.Execute("insert into t values (1)");
            Assert.Equal(version, RequestScope.Now!.ContentVersionOf(database));
            Assert.Equal(1, cache.GetOrCompute(database, "k", Compute, static _ => true));
        }
        using (RequestScope.Enter(CancellationToken.None, 0))
        {
            Assert.Equal(2, cache.GetOrCompute(database, "k", Compute, static _ => true));
        }
    }

    [Fact(Timeout = 60000)]
    public async Task Nothing_is_kept_outside_a_request()
    {
        using var file = new TempDatabaseFile("create table t (n integer)");
        await using var database = new Database(DatabaseKind.MutableFile, file.Path);
        var cache = new DerivedResultCache();
        cache.GetOrCompute(database, "k", static () => 1, static _ => true);
        Assert.Equal(0, cache.Count);
    }
}
