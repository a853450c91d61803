using System.Threading.Tasks;
using Datasette.Gen.Tests.Infrastructure;
using Datasette.Gen.Tests.PluginApi;

namespace Datasette.Gen.Tests.Internal;

/// <summary>internal-database.md §5: the column_types rows, and the version that tells caches they changed.</summary>
public sealed class ColumnTypeStoreTests
{
    [Fact]
    public async Task Rows_come_back_in_assignment_order_and_every_write_bumps_the_version()
    {
        await using var instance = await TestInstance.CreateAsync();
        var store = instance.Datasette.Internal.ColumnTypes;
        var start = store.Version;

        await store.SetAsync("db", "t", "b", "url", null);
        await store.SetAsync("db", "t", "a", "email", "{\"x\": 1}");
        await store.SetAsync("db", "other", "a", "json", null);
        Assert.Equal(new[] { ("b", "url", (string?)null), ("a", "email", "{\"x\": 1}") }, store.Rows("db", "t"));
        Assert.Equal(new[] { ("a", "email", (string?)"{\"x\": 1}") }, store.Rows("db", "t", "a"));
        Assert.Equal(start + 3, store.Version);

        await store.RemoveAsync("db", "t", "b");
        Assert.Equal(new[] { ("a", "email", (string?)"{\"x\": 1}") }, store.Rows("db", "t"));
        Assert.Equal(start + 4, store.Version);
        Assert.Empty(store.Rows("db", "missing"));
        Assert.Equal(start + 4, store.Version);
    }

    [Fact]
    public async Task A_write_straight_to_the_store_reaches_the_cached_value_transforms_of_table_pages()
    {
        await using var instance = await PluginApiInstance.CreateAsync();
        var datasette = instance.Datasette;
        var people = datasette.GetDatabase("data");
        var columns = new[] { "id", "email" };
        Assert.Null(datasette.ValueTransforms(people, "people", columns));

        await datasette.Internal.ColumnTypes.SetAsync("data", "people", "email", "email", null);

        var transforms = datasette.ValueTransforms(people, "people", columns);
        Assert.NotNull(transforms);
        Assert.Equal(new[] { 1 }, transforms.Keys);
    }
}
