using System;
using System.IO;
using System.Linq;
using System.Threading.Tasks;
using Datasette.Gen.Runtime.Data;
using Datasette.Gen.Runtime.Hosting;
using Datasette.Gen.Tests.Infrastructure;
using Microsoft.Data.Sqlite;

namespace Datasette.Gen.Tests.Data;

/// <summary>
/// A database embedded in the executable (<c>&lt;DatasetteDatabase Embed="true" /&gt;</c>): this test
/// assembly embeds the template's example.db as the build does, with inspect data of its own.
/// </summary>
public sealed class EmbeddedImageTests
{
    private static readonly string ExampleFile = Path.Combine(
        AppContext.BaseDirectory, "..", "..", "..", "..", "..", "src", "Templates", "content", "datasette", "data", "example.db");

    [Fact]
    public async Task An_embedded_database_is_served_from_the_image_with_the_builds_inspect_data()
    {
        TestSqlite.EnsureProvider();
        var (name, database) = Assert.Single(EmbeddedDatabases.Databases(typeof(EmbeddedImageTests).Assembly, cacheSizeKb: 0));
        await using var _ = database;
        Assert.Equal("example", name);
        Assert.Equal(DatabaseKind.EmbeddedImage, database.Kind);
        Assert.False(database.IsMutable);
        Assert.False(database.IsMemory);
        Assert.Equal(new FileInfo(ExampleFile).Length, database.Size);
        // The build's hash and counts, not the file's: nothing reads the whole image at start-up.
        Assert.Equal("0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef", database.Hash);
        Assert.Equal(5, database.InspectedCounts!["species"]);
        Assert.Equal(new[] { "sightings", "species" }, database.Schema.Tables.Select(t => t.Name).Order().ToArray());
        Assert.Equal(5L, database.Read(c =>
        {
            using var command = c.Connection.CreateCommand();
            command.CommandText = "select count(*) from species";
            return (long)command.ExecuteScalar()!;
        }));
    }

    [Fact]
    public async Task An_embedded_database_cannot_be_written()
    {
        TestSqlite.EnsureProvider();
        var (_, database) = Assert.Single(EmbeddedDatabases.Databases(typeof(EmbeddedImageTests).Assembly, cacheSizeKb: 0));
        await using var _ = database;
        await Assert.ThrowsAsync<InvalidOperationException>(() => database.WriteAsync(c => 0));
        // Below the runtime's guards SQLite itself refuses: the image is opened read-only.
        using var connection = new SqliteConnection("Data Source=:memory:");
        connection.Open();
        database.Image!.OpenIn(connection);
        var error = Assert.Throws<SqliteException>(() => connection.Execute("insert into species (name, family) values ('Dodo', 'Columbidae')"));
        Assert.Equal(8, error.SqliteErrorCode); // SQLITE_READONLY
    }
}
