using System;
using System.IO;
using System.Security.Cryptography;
using System.Text;
using System.Threading.Tasks;
using Datasette.Gen.Runtime.Data;
using Datasette.Gen.Tests.Infrastructure;

namespace Datasette.Gen.Tests.Data;

/// <summary>Names, routes, hashes and colours of attached databases (read-api.md §2, routes.md §2).</summary>
public sealed class DatabaseIdentityTests
{
    [Fact]
    public async Task Immutable_databases_are_hashed_with_sha256_and_coloured_from_the_hash()
    {
        using var file = new TempDatabaseFile("create table t (v); insert into t values ('content')");
        var expected = Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(file.Path)));
        await using var database = new Database(DatabaseKind.ImmutableFile, file.Path);
        Assert.Equal(expected, database.Hash);
        Assert.Equal(expected[..6], database.Color);
        Assert.False(database.IsMutable);
        Assert.False(database.IsMemory);
        Assert.Equal(new FileInfo(file.Path).Length, database.Size);
    }

    [Fact]
    public async Task Mutable_databases_have_no_hash_and_are_coloured_from_md5_of_their_name()
    {
        using var file = new TempDatabaseFile("create table t (v)", stem: "fixtures");
        await using var instance = await TestInstance.CreateAsync();
        var database = instance.Datasette.AddDatabase(new Database(DatabaseKind.MutableFile, file.Path));
        Assert.Equal("fixtures", database.Name);
        Assert.Null(database.Hash);
        Assert.Equal("9403e5", database.Color); // the colour the reference shows for "fixtures"
        Assert.Equal(Convert.ToHexStringLower(MD5.HashData(Encoding.UTF8.GetBytes("fixtures")))[..6], database.Color);
        Assert.True(database.IsMutable);
    }

    [Fact]
    public async Task Memory_databases_report_no_size_and_no_hash()
    {
        TestSqlite.EnsureProvider();
        await using var database = new Database(DatabaseKind.PrivateMemory);
        Assert.True(database.IsMemory);
        Assert.False(database.IsMutable);
        Assert.Equal(0, database.Size);
        Assert.Null(database.Hash);
    }

    [Theory]
    [InlineData("my.data.db", "my.data")]
    [InlineData("/var/data/fixtures.db", "fixtures")]
    [InlineData("relative/dir/extra database.db", "extra database")]
    [InlineData("noextension", "noextension")]
    [InlineData(".hidden", ".hidden")]
    [InlineData("archive.tar.sqlite3", "archive.tar")]
    public void SuggestName_is_the_file_name_without_its_last_extension(string path, string name)
    {
        Assert.Equal(name, Database.SuggestName(path));
    }

    [Fact]
    public async Task AddDatabase_suffixes_repeated_stems_with_2_and_3()
    {
        await using var instance = await TestInstance.CreateAsync();
        var datasette = instance.Datasette;
        var first = datasette.AddDatabase(new Database(DatabaseKind.MutableFile, "/one/x.db"));
        var second = datasette.AddDatabase(new Database(DatabaseKind.MutableFile, "/two/x.db"));
        var third = datasette.AddDatabase(new Database(DatabaseKind.MutableFile, "/three/x.sqlite"));
        Assert.Equal(new[] { "x", "x_2", "x_3" }, new[] { first.Name, second.Name, third.Name });
        Assert.Equal("x_2", second.Route);
        Assert.Same(third, datasette.GetDatabase("x_3"));
        Assert.Same(second, datasette.DatabaseByRoute("x_2"));
        Assert.Null(datasette.TryGetDatabase("x_4"));
    }

    [Fact]
    public async Task AddDatabase_puts_memory_first_and_takes_explicit_names_and_routes()
    {
        TestSqlite.EnsureProvider();
        await using var instance = await TestInstance.CreateAsync();
        var datasette = instance.Datasette;
        datasette.AddDatabase(new Database(DatabaseKind.MutableFile, "/a/data.db"));
        var named = datasette.AddDatabase(new Database(DatabaseKind.MutableFile, "/b/other.db"), name: "custom", route: "custom-route");
        datasette.AddDatabase(new Database(DatabaseKind.PrivateMemory), "_memory");
        Assert.Equal(new[] { "_memory", "data", "custom" }, System.Linq.Enumerable.Select(datasette.Databases, d => d.Name));
        Assert.Equal("custom-route", named.Route);
        Assert.Same(named, datasette.DatabaseByRoute("custom-route"));
        Assert.Null(datasette.DatabaseByRoute("custom"));
    }
}
