using System;
using System.Security.Cryptography;
using System.Text;
using System.Threading.Tasks;
using Datasette.Gen.Runtime.Data;
using Datasette.Gen.Runtime.Hosting;
using Datasette.Gen.Tests.Infrastructure;
using Microsoft.Data.Sqlite;

namespace Datasette.Gen.Tests.Data;

/// <summary>Memory given back when the server is quiet, and the OpenSSL-free name digest.</summary>
public sealed class IdleMemoryTests
{
    // About 2 MB of rows: scanning them fills a read connection's page cache (SQLite's default is 2 MB).
    private const string Rows =
        "create table t (id integer primary key, v text);" +
        "with recursive n(x) as (select 1 union all select x + 1 from n where x < 4000) insert into t select x, printf('%.500c', 'x') from n;";

    private static int PageCacheBytes(SqliteConnection connection)
    {
        SQLitePCL.raw.sqlite3_db_status(connection.Handle, SQLitePCL.raw.SQLITE_DBSTATUS_CACHE_USED, out var current, out _, 0);
        return current;
    }

    private static long ScanAll(Database database) =>
        database.Read(c =>
        {
            using var command = c.Connection.CreateCommand();
            command.CommandText = "select sum(length(v)) from t";
            return (long)command.ExecuteScalar()!;
        });

    [Fact]
    public async Task Releasing_idle_memory_empties_the_read_page_caches_and_the_connection_still_answers()
    {
        using var file = new TempDatabaseFile(Rows);
        await using var database = new Database(DatabaseKind.MutableFile, file.Path);
        Assert.Equal(2_000_000L, ScanAll(database));
        var before = database.Read(c => PageCacheBytes(c.Connection));

        database.ReleaseIdleMemory();

        var after = database.Read(c => PageCacheBytes(c.Connection));
        Assert.True(before > 1_000_000, $"cache before: {before}");
        Assert.True(after < before / 10, $"cache {before} -> {after}");
        Assert.Equal(2_000_000L, ScanAll(database));
    }

    [Fact]
    public async Task The_trimmer_trims_once_after_a_busy_spell_and_a_quiet_tick_never_while_busy()
    {
        using var file = new TempDatabaseFile(Rows);
        await using var database = new Database(DatabaseKind.MutableFile, file.Path);
        using var trimmer = new IdleMemoryTrimmer(() => [database], period: null);

        Assert.False(trimmer.Tick()); // never busy: nothing to give back
        ScanAll(database);
        trimmer.NoteActivity();
        Assert.False(trimmer.Tick()); // busy during this tick
        trimmer.NoteActivity();
        Assert.False(trimmer.Tick()); // and this one
        Assert.True(database.Read(c => PageCacheBytes(c.Connection)) > 1_000_000);

        Assert.True(trimmer.Tick()); // quiet for a whole tick after being busy
        Assert.False(trimmer.Tick()); // trimmed once, not every quiet tick

        Assert.Equal(1, trimmer.Trims);
        Assert.True(database.Read(c => PageCacheBytes(c.Connection)) < 200_000);
    }

    [Fact]
    public async Task A_closed_database_is_skipped()
    {
        using var file = new TempDatabaseFile(Rows);
        var database = new Database(DatabaseKind.MutableFile, file.Path);
        ScanAll(database);
        await database.DisposeAsync();
        using var trimmer = new IdleMemoryTrimmer(() => [database], period: null);
        trimmer.NoteActivity();
        trimmer.Tick();

        Assert.True(trimmer.Tick());
        database.ReleaseIdleMemory(); // and releasing directly after closing is harmless
    }

    [Theory]
    [InlineData("")]
    [InlineData("fixtures")]
    [InlineData("extra database")]
    [InlineData("café ☕ 🗺")]
    public void The_name_digest_is_md5(string name)
    {
        Assert.Equal(Convert.ToHexStringLower(MD5.HashData(Encoding.UTF8.GetBytes(name))), NameDigest.Md5Hex(name));
    }

    [Fact]
    public void The_name_digest_is_md5_across_block_boundaries()
    {
        // Lengths around 55/56/64 bytes exercise padding into one or two extra blocks.
        for (var length = 0; length < 300; length++)
        {
            var bytes = new byte[length];
            for (var i = 0; i < length; i++)
            {
                bytes[i] = (byte)((i * 31) + length);
            }
            Assert.Equal(MD5.HashData(bytes), NameDigest.Md5(bytes));
        }
    }

    [Fact]
    public void Database_colours_match_datasette()
    {
        TestSqlite.EnsureProvider();
        // Recorded from Datasette 1.0a37 (/.json of the conformance corpus).
        Assert.Equal("9403e5", new Database(DatabaseKind.PrivateMemory) { Name = "fixtures" }.Color);
        Assert.Equal("a23600", new Database(DatabaseKind.PrivateMemory) { Name = "extra database" }.Color);
        // The digest is kept per name: a database renamed after its colour was asked for gets the new one.
        var renamed = new Database(DatabaseKind.PrivateMemory) { Name = "fixtures" };
        Assert.Equal("9403e5", renamed.Color);
        renamed.Name = "extra database";
        Assert.Equal("a23600", renamed.Color);
    }
}
