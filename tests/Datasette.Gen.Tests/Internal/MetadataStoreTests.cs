using System.Collections.Generic;
using System.Linq;
using System.Threading.Tasks;
using Datasette.Gen.Configuration.Model;
using Datasette.Gen.Tests.Infrastructure;

namespace Datasette.Gen.Tests.Internal;

/// <summary>internal-database.md §4: metadata rows at instance, database, resource and column level.</summary>
public sealed class MetadataStoreTests
{
    [Fact]
    public async Task Metadata_written_at_each_level_reads_back_from_that_level_only()
    {
        await using var instance = await TestInstance.CreateAsync();
        var store = instance.Datasette.Internal.Metadata;
        await store.WriteAsync(new[]
        {
            new MetadataItem(null, null, null, "title", "Instance title"),
            new MetadataItem(null, null, null, "license", "CC0"),
            new MetadataItem("db", null, null, "description", "Database text"),
            new MetadataItem("db", "t", null, "title", "Table title"),
            new MetadataItem("db", "t", "col", "description", "Column text"),
            new MetadataItem("other", "t", null, "title", "Other table"),
        });

        Assert.Equal(new[] { ("title", "Instance title"), ("license", "CC0") }, store.Instance().Select(p => (p.Key, p.Value)));
        Assert.Equal(new[] { ("description", "Database text") }, store.ForDatabase("db").Select(p => (p.Key, p.Value)));
        Assert.Equal(new[] { ("title", "Table title") }, store.ForResource("db", "t").Select(p => (p.Key, p.Value)));
        Assert.Equal(new[] { ("title", "Other table") }, store.ForResource("other", "t").Select(p => (p.Key, p.Value)));
        Assert.Empty(store.ForDatabase("missing"));
        Assert.Empty(store.ForResource("db", "missing"));

        var column = instance.Datasette.Internal.Database.Read(c =>
        {
            using var command = c.Connection.CreateCommand();
            command.CommandText = "select database_name, resource_name, column_name, key, value from metadata_columns";
            using var reader = command.ExecuteReader();
            Assert.True(reader.Read());
            return (reader.GetString(0), reader.GetString(1), reader.GetString(2), reader.GetString(3), reader.GetString(4));
        });
        Assert.Equal(("db", "t", "col", "description", "Column text"), column);
    }

    [Fact]
    public async Task Kept_reads_follow_every_write_to_the_internal_database()
    {
        await using var instance = await TestInstance.CreateAsync();
        var store = instance.Datasette.Internal.Metadata;
        await store.SetAsync("db", "t", null, "title", "First");
        Assert.Equal("First", store.ForResource("db", "t").Single().Value);
        Assert.Same(store.ForResource("db", "t"), store.ForResource("db", "t"));
        Assert.Empty(store.ColumnDescriptions("db", "t"));

        // Through the store, and straight through the database (as a plugin's get_internal_database() writes).
        await store.SetAsync("db", "t", null, "title", "Second");
        Assert.Equal("Second", store.ForResource("db", "t").Single().Value);
        await instance.Datasette.Internal.Database.WriteAsync(c =>
        {
            TestSqlite.Execute(c.Connection, "insert into metadata_columns (database_name, resource_name, column_name, key, value) values ('db', 't', 'c', 'description', 'Column')");
            return 0;
        });
        Assert.Equal(("c", "Column"), store.ColumnDescriptions("db", "t").Select(p => (p.Key, p.Value)).Single());
        Assert.Equal("Second", store.ForResource("db", "t").Single().Value);
    }

    [Fact]
    public async Task Writing_a_key_again_replaces_its_value()
    {
        await using var instance = await TestInstance.CreateAsync();
        var store = instance.Datasette.Internal.Metadata;
        await store.WriteAsync(new[] { new MetadataItem("db", null, null, "source", "first") });
        await store.WriteAsync(new[] { new MetadataItem("db", null, null, "source", "second"), new MetadataItem("db", null, null, "about", "a") });
        var pairs = store.ForDatabase("db").ToDictionary(p => p.Key, p => p.Value);
        Assert.Equal(new Dictionary<string, string> { ["source"] = "second", ["about"] = "a" }, pairs);
    }

    [Fact]
    public async Task Metadata_from_a_metadata_file_is_stored_as_strings()
    {
        var result = Datasette.Gen.Configuration.Binding.ConfigBinder.Bind(null, Datasette.Gen.Configuration.Tree.ConfigReader.Read("metadata.yaml", """
            title: My instance
            databases:
              db:
                source: Somewhere
                tables:
                  t:
                    description: About t
                    columns:
                      c: The c column
            """));
        Assert.False(result.HasErrors);
        await using var instance = await TestInstance.CreateAsync();
        var store = instance.Datasette.Internal.Metadata;
        await store.WriteAsync(result.Metadata);
        Assert.Equal("My instance", store.Instance().Single(p => p.Key == "title").Value);
        Assert.Equal("Somewhere", store.ForDatabase("db").Single(p => p.Key == "source").Value);
        Assert.Equal("About t", store.ForResource("db", "t").Single(p => p.Key == "description").Value);
    }
}
