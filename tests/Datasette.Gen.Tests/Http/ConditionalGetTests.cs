using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.Json.Nodes;
using System.Threading;
using System.Threading.Tasks;
using Datasette.Gen.Runtime.Client;
using Datasette.Gen.Runtime.Data;
using Datasette.Gen.Tests.Infrastructure;
using DatasetteInstance = Datasette.Gen.Runtime.Datasette;

namespace Datasette.Gen.Tests.Http;

/// <summary>
/// ETags, 304s and the response cache of the data pages (issue 17): the tag names the data, the
/// URL and the actor; a matching If-None-Match runs no SQL; cached answers equal uncached ones and
/// never cross actors.
/// </summary>
public sealed class ConditionalGetTests : IAsyncLifetime
{
    private const string Schema = """
        create table things (id integer primary key, name text, size integer);
        insert into things (name, size) values ('a', 1), ('b', 2), ('c', 3), ('a', 4);
        create table secret (id integer primary key, code text);
        insert into secret (code) values ('hunter2');
        create view counting as with recursive c(x) as (select 1 union all select x + 1 from c limit 2000000) select x from c;
        """;

    private static readonly JsonObject Root = new() { ["id"] = "root" };

    private readonly string _directory = Directory.CreateTempSubdirectory("etag-tests-").FullName;
    private int _sqlCalls;

    public Task InitializeAsync() => Task.CompletedTask;

    public Task DisposeAsync()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_directory, recursive: true);
        return Task.CompletedTask;
    }

    private async Task<(TestInstance Instance, Database Database)> StartAsync(DatabaseKind kind, int cacheMb = 4, int facetTimeLimitMs = 200)
    {
        var path = Path.Combine(_directory, Guid.NewGuid().ToString("N") + ".db");
        using (var connection = TestSqlite.Open(path))
        {
            TestSqlite.Execute(connection, Schema);
        }
        var config = TestInstance.Config($"""
            settings:
              response_cache_mb: {cacheMb}
              facet_time_limit_ms: {facetTimeLimitMs}
            databases:
              data:
                tables:
                  secret:
                    allow:
                      id: root
                queries:
                  now:
                    sql: select :_now_epoch as now
            """);
        var instance = await TestInstance.CreateAsync(config);
        var database = instance.Datasette.AddDatabase(new Database(kind, path), "data");
        // Every query that calls sql_calls() counts: a page answered without SQL leaves the count alone.
        // Declared deterministic (its value never reaches an answer): an undeclared function withholds the tag.
        database.Preparer = (connection, _) => connection.CreateFunction("sql_calls", () => Interlocked.Increment(ref _sqlCalls), isDeterministic: true);
        // An immutable file is tagged once its background hash is known: wait for it, as a warm server would have.
        _ = database.Hash;
        return (instance, database);
    }

    private static KeyValuePair<string, string>[] IfNoneMatch(string value) => [new("If-None-Match", value)];

    private static async Task<string> ETagAsync(DatasetteInstance datasette, string path, JsonObject? actor = null)
    {
        var response = await datasette.Client.GetAsync(path, actor: actor);
        Assert.Equal(200, response.Status);
        return response.Header("ETag") ?? throw new Xunit.Sdk.XunitException($"{path} has no ETag");
    }

    [Fact]
    public async Task The_etag_of_a_mutable_database_changes_after_each_write_and_not_otherwise()
    {
        var (instance, database) = await StartAsync(DatabaseKind.MutableFile);
        await using var _ = instance;
        var datasette = instance.Datasette;
        const string Page = "/data/things.json?_sort=size";

        var first = await ETagAsync(datasette, Page);
        Assert.Equal(first, await ETagAsync(datasette, Page));
        Assert.NotEqual(first, await ETagAsync(datasette, "/data/things.json?_sort=name"));

        await database.WriteAsync(c =>
        {
            TestSqlite.Execute(c.Connection, "insert into things (name, size) values ('d', 5)");
            return 0;
        });
        var afterOurWrite = await ETagAsync(datasette, Page);
        Assert.NotEqual(first, afterOurWrite);
        Assert.Equal(afterOurWrite, await ETagAsync(datasette, Page));

        // Another process writing the file: only SQLite's data_version can tell.
        using (var other = TestSqlite.Open(database.Path!))
        {
            TestSqlite.Execute(other, "update things set size = 6 where name = 'd'");
        }
        var afterTheirWrite = await ETagAsync(datasette, Page);
        Assert.NotEqual(afterOurWrite, afterTheirWrite);

        // A 304 for the old tag would keep a stale page: it now gets the new answer.
        var stale = await datasette.Client.GetAsync(Page, headers: IfNoneMatch(first));
        Assert.Equal(200, stale.Status);
        Assert.Contains("\"size\": 6", stale.Text.Replace("\"size\":6", "\"size\": 6"));
    }

    [Theory]
    [InlineData("{0}")]
    [InlineData("W/{0}")]
    [InlineData("\"other\", {0}")]
    public async Task A_matching_if_none_match_answers_304_without_running_sql(string header)
    {
        var (instance, _) = await StartAsync(DatabaseKind.MutableFile);
        await using var __ = instance;
        var datasette = instance.Datasette;
        const string Page = "/data/-/query.json?sql=select+count(*)+as+n+from+things+where+sql_calls()+>+0";

        var tag = await ETagAsync(datasette, Page);
        var calls = _sqlCalls;
        Assert.True(calls > 0);

        var response = await datasette.Client.GetAsync(Page, headers: IfNoneMatch(string.Format(header, tag)));
        Assert.Equal(304, response.Status);
        Assert.Empty(response.Body);
        Assert.Equal(tag, response.Header("ETag"));
        Assert.Equal(calls, _sqlCalls);

        var other = await datasette.Client.GetAsync(Page, headers: IfNoneMatch("\"not-this-one\""));
        Assert.Equal(200, other.Status);
        Assert.True(_sqlCalls > calls);
    }

    [Fact]
    public async Task If_none_match_star_answers_304_only_for_a_page_the_actor_may_see()
    {
        var (instance, _) = await StartAsync(DatabaseKind.ImmutableFile);
        await using var __ = instance;
        var datasette = instance.Datasette;
        var star = IfNoneMatch("*");

        var fresh = await datasette.Client.GetAsync("/data/things.json", headers: star);
        Assert.Equal(304, fresh.Status);
        Assert.Empty(fresh.Body);
        Assert.Equal(403, (await datasette.Client.GetAsync("/data/secret.json", headers: star)).Status);
        Assert.Equal(404, (await datasette.Client.GetAsync("/data/nothing.json", headers: star)).Status);
        Assert.Equal(304, (await datasette.Client.GetAsync("/data/secret.json", actor: Root, headers: star)).Status);

        // Once the page is cached, the cache entry is the proof: no SQL runs.
        Assert.Equal(200, (await datasette.Client.GetAsync("/data/things.json?_where=sql_calls()+>+0")).Status);
        var calls = _sqlCalls;
        var cached = await datasette.Client.GetAsync("/data/things.json?_where=sql_calls()+>+0", headers: star);
        Assert.Equal(304, cached.Status);
        Assert.Equal(calls, _sqlCalls);
    }

    [Fact]
    public async Task A_304_repeats_the_cache_control_of_table_pages()
    {
        var (instance, _) = await StartAsync(DatabaseKind.MutableFile);
        await using var __ = instance;
        var tag = await ETagAsync(instance.Datasette, "/data/things.json?_ttl=60");
        var response = await instance.Datasette.Client.GetAsync("/data/things.json?_ttl=60", headers: IfNoneMatch(tag));
        Assert.Equal(304, response.Status);
        Assert.Equal("max-age=60", response.Header("Cache-Control"));
        Assert.Equal("Authorization, Cookie", response.Header("Vary"));
    }

    [Fact]
    public async Task A_private_page_cached_for_root_is_never_served_to_anonymous()
    {
        var (instance, _) = await StartAsync(DatabaseKind.ImmutableFile);
        await using var __ = instance;
        var datasette = instance.Datasette;

        var forRoot = await datasette.Client.GetAsync("/data/secret.json", actor: Root);
        Assert.Equal(200, forRoot.Status);
        Assert.Contains("hunter2", forRoot.Text);
        Assert.Equal("private, max-age=5", forRoot.Header("Cache-Control"));
        Assert.Equal("Authorization, Cookie", forRoot.Header("Vary"));
        Assert.Equal(1, datasette.Conditional.Cache!.Count);

        var anonymous = await datasette.Client.GetAsync("/data/secret.json");
        Assert.Equal(403, anonymous.Status);
        Assert.DoesNotContain("hunter2", anonymous.Text);
        Assert.Null(anonymous.Header("ETag"));

        // Root's tag names root's answer: presented by anyone else it validates nothing.
        var replayed = await datasette.Client.GetAsync("/data/secret.json", headers: IfNoneMatch(forRoot.Header("ETag")!));
        Assert.Equal(403, replayed.Status);
        Assert.DoesNotContain("hunter2", replayed.Text);

        var someoneElse = await datasette.Client.GetAsync("/data/secret.json", actor: new JsonObject { ["id"] = "mallory" });
        Assert.Equal(403, someoneElse.Status);

        // An anonymous public page stays shareable; the same page for an actor does not.
        var shared = await datasette.Client.GetAsync("/data/things.json");
        Assert.Equal("max-age=5", shared.Header("Cache-Control"));
        var forActor = await datasette.Client.GetAsync("/data/things.json", actor: Root);
        Assert.Equal("private, max-age=5", forActor.Header("Cache-Control"));
        Assert.NotEqual(shared.Header("ETag"), forActor.Header("ETag"));
    }

    [Theory]
    [InlineData("/data/things.json?_facet=name&_sort_desc=size", true)]
    [InlineData("/data/things.csv?name=a", true)]
    [InlineData("/data/things", true)]
    [InlineData("/data/things/2.json", false)] // it reports its query_ms, which no two runs share
    [InlineData("/data.json", true)]
    [InlineData("/data/-/query.json?sql=select+name,+count(*)+as+n+from+things+where+sql_calls()+>+0+group+by+name", true)]
    public async Task A_cached_answer_has_the_same_bytes_and_headers_as_the_uncached_one(string path, bool sameOnEveryRun)
    {
        var (instance, _) = await StartAsync(DatabaseKind.ImmutableFile);
        await using var __ = instance;
        var datasette = instance.Datasette;

        var uncached = await datasette.Client.GetAsync(path);
        Assert.Equal(200, uncached.Status);
        Assert.Equal(1, datasette.Conditional.Cache!.Count);
        var calls = _sqlCalls;

        var cached = await datasette.Client.GetAsync(path);
        Assert.Equal(calls, _sqlCalls);
        Assert.Equal(uncached.Body, cached.Body);
        Assert.Equal(Comparable(uncached.Headers), Comparable(cached.Headers));

        if (!sameOnEveryRun)
        {
            return;
        }
        // The answer of an instance without a cache is the same page too: capturing it changed nothing.
        var (plain, _) = await StartAsync(DatabaseKind.ImmutableFile, cacheMb: 0);
        await using var ___ = plain;
        Assert.Null(plain.Datasette.Conditional.Cache);
        var fromPlain = await plain.Datasette.Client.GetAsync(path);
        Assert.Equal(uncached.Body, fromPlain.Body);
    }

    // The header names and values a client sees, Date and framing aside (a replay knows its length, a
    // streamed first answer did not; the bodies are compared byte for byte); ETag is kept (a cached answer keeps its tag).
    private static List<string> Comparable(IReadOnlyList<KeyValuePair<string, string>> headers) =>
        headers.Where(h => !h.Key.Equals("Date", StringComparison.OrdinalIgnoreCase) && !h.Key.Equals("Content-Length", StringComparison.OrdinalIgnoreCase))
            .Select(h => h.Key.ToLowerInvariant() + ": " + h.Value)
            .Order(StringComparer.Ordinal)
            .ToList();

    [Fact]
    public async Task The_response_cache_stays_within_its_bound_however_many_pages_are_asked_for()
    {
        var (instance, _) = await StartAsync(DatabaseKind.ImmutableFile, cacheMb: 1);
        await using var __ = instance;
        var datasette = instance.Datasette;
        var cache = datasette.Conditional.Cache!;
        for (var i = 0; i < 40; i++)
        {
            // About 60 KB a page: forty of them cannot all fit in 1 MB.
            var response = await datasette.Client.GetAsync($"/data/-/query.json?sql=select+{i}+as+n,+hex(zeroblob(30000))+as+padding");
            Assert.Equal(200, response.Status);
            Assert.InRange(cache.Bytes, 1, cache.MaxBytes);
        }
        Assert.InRange(cache.Count, 2, 39);
    }

    [Fact]
    public async Task A_stored_query_that_reads_the_clock_gets_no_etag_and_is_not_cached()
    {
        var (instance, _) = await StartAsync(DatabaseKind.ImmutableFile);
        await using var __ = instance;
        var datasette = instance.Datasette;
        await datasette.Internal.Queries.SaveConfigQueriesAsync(datasette.Config);
        var response = await datasette.Client.GetAsync("/data/now.json");
        Assert.Equal(200, response.Status);
        Assert.Null(response.Header("ETag"));
        Assert.Equal(0, datasette.Conditional.Cache!.Count);
    }

    [Theory]
    [InlineData("/data/-/query.json?sql=select+random()+as+r")]
    [InlineData("/data/-/query.json?sql=select+datetime(%27now%27)+as+t")]
    [InlineData("/data/-/query.json?sql=select+current_timestamp+as+t")]
    public async Task An_answer_from_sql_that_reads_randomness_or_the_clock_gets_no_etag_and_is_not_cached(string path)
    {
        var (instance, _) = await StartAsync(DatabaseKind.ImmutableFile);
        await using var __ = instance;
        var datasette = instance.Datasette;
        for (var i = 0; i < 2; i++)
        {
            // The second run reuses the connection's prepared statement, which SQLite does not authorize again.
            var response = await datasette.Client.GetAsync(path);
            Assert.Equal(200, response.Status);
            Assert.Null(response.Header("ETag"));
            Assert.Equal(0, datasette.Conditional.Cache!.Count);
        }
    }

    [Fact]
    public async Task A_page_whose_facet_ran_out_of_time_gets_no_etag_and_is_not_cached()
    {
        var (instance, _) = await StartAsync(DatabaseKind.ImmutableFile, facetTimeLimitMs: 1);
        await using var __ = instance;
        var datasette = instance.Datasette;
        var response = await datasette.Client.GetAsync("/data/counting.json?_facet=x&_size=1&_extra=facets_timed_out");
        Assert.Equal(200, response.Status);
        Assert.Contains("\"x\"", response.Json()!["facets_timed_out"]!.ToJsonString());
        Assert.Null(response.Header("ETag"));
        Assert.Equal(0, datasette.Conditional.Cache!.Count);
    }

    [Fact]
    public async Task An_immutable_file_is_answered_in_full_until_its_hash_is_known()
    {
        var path = Path.Combine(_directory, "unhashed.db");
        using (var connection = TestSqlite.Open(path))
        {
            TestSqlite.Execute(connection, Schema);
        }
        // Attached without AddDatabase's background hashing, and nobody asked for the hash yet.
        var database = new Database(DatabaseKind.ImmutableFile, path) { Name = "plain", Route = "plain" };
        Assert.Null(database.ContentVersion());
        Assert.NotNull(database.Hash);
        Assert.Equal("sha256:" + database.Hash, database.ContentVersion());
        await database.DisposeAsync();
    }

    [Fact]
    public async Task The_private_memory_database_is_never_tagged()
    {
        var (instance, _) = await StartAsync(DatabaseKind.ImmutableFile);
        await using var __ = instance;
        instance.Datasette.AddDatabase(new Database(DatabaseKind.PrivateMemory), "_memory");
        var response = await instance.Datasette.Client.GetAsync("/_memory/-/query.json?sql=select+random()");
        Assert.Equal(200, response.Status);
        Assert.Null(response.Header("ETag"));
    }
}
