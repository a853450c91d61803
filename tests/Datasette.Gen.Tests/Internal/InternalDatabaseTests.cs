using System.Linq;
using System.Threading.Tasks;
using Datasette.Gen.Runtime.Internal;
using Datasette.Gen.Tests.Infrastructure;

namespace Datasette.Gen.Tests.Internal;

/// <summary>internal-database.md §1: where the internal database lives, its migration ledger and its lifetime.</summary>
public sealed class InternalDatabaseTests
{
    [Fact]
    public async Task The_internal_database_records_its_migration_and_is_deleted_when_closed()
    {
        TestSqlite.EnsureProvider();
        var internalDatabase = await InternalDatabase.OpenAsync(null);
        var path = internalDatabase.Database.Path!;
        Assert.Equal("__INTERNAL__", internalDatabase.Database.Name);
        Assert.Equal(new[] { "datasette_internal|0001_initial" }, TestSqlite.Column(internalDatabase.Database, "select migration_set || '|' || name from _sqlite_migrations"));
        Assert.Equal(new[] { "wal" }, TestSqlite.Column(internalDatabase.Database, "pragma journal_mode"));
        Assert.True(System.IO.File.Exists(path));
        await internalDatabase.DisposeAsync();
        Assert.False(System.IO.File.Exists(path));
    }

    [Fact]
    public async Task A_persistent_internal_database_keeps_its_data_across_reopening()
    {
        using var file = new TempDatabaseFile();
        var path = System.IO.Path.Combine(file.Directory, "internal.db");
        TestSqlite.EnsureProvider();
        var first = await InternalDatabase.OpenAsync(path);
        await first.Metadata.WriteAsync(new[] { new Datasette.Gen.Configuration.Model.MetadataItem(null, null, null, "title", "Kept") });
        await first.DisposeAsync();
        Assert.True(System.IO.File.Exists(path));

        await using var second = await InternalDatabase.OpenAsync(path);
        Assert.Equal("Kept", second.Metadata.Instance().Single(p => p.Key == "title").Value);
        Assert.Single(TestSqlite.Column(second.Database, "select name from _sqlite_migrations"));
    }
}
