using System.Collections.Generic;
using System.Threading.Tasks;

namespace Datasette.Gen.Tests.PluginApi;

/// <summary>The seed's metadata API: stored in the internal database's metadata tables and shown by the JSON views.</summary>
public sealed class MetadataApiTests
{
    [Fact]
    [Trait("seed", "internals:datasette-get-set-metadata")]
    public async Task Datasette_get_set_metadata_levels_are_independent_upserts_without_fallback()
    {
        await using var instance = await PluginApiInstance.CreateAsync();
        var datasette = instance.Datasette;

        await datasette.SetInstanceMetadataAsync("title", "Instance");
        await datasette.SetDatabaseMetadataAsync("data", "title", "Data");
        await datasette.SetResourceMetadataAsync("data", "people", "title", "People");
        await datasette.SetColumnMetadataAsync("data", "people", "name", "title", "Name");
        await datasette.SetInstanceMetadataAsync("title", "Instance again");

        Assert.Equal(new Dictionary<string, string?> { ["title"] = "Instance again" }, await datasette.GetInstanceMetadataAsync());
        Assert.Equal("Data", (await datasette.GetDatabaseMetadataAsync("data"))["title"]);
        Assert.Equal("People", (await datasette.GetResourceMetadataAsync("data", "people"))["title"]);
        Assert.Equal("Name", (await datasette.GetColumnMetadataAsync("data", "people", "name"))["title"]);
        // No merging across levels and nothing checks that the names exist.
        Assert.Empty(await datasette.GetDatabaseMetadataAsync("nowhere"));
        Assert.Empty(await datasette.GetResourceMetadataAsync("data", "pairs"));
        Assert.Empty(await datasette.GetColumnMetadataAsync("data", "people", "email"));
    }

    [Fact]
    [Trait("seed", "internals:datasette-get-instance-metadata")]
    [Trait("seed", "internals:datasette-set-instance-metadata")]
    public async Task Datasette_get_and_set_instance_metadata_show_in_the_index_json()
    {
        await using var instance = await PluginApiInstance.CreateAsync();
        var datasette = instance.Datasette;

        await datasette.SetInstanceMetadataAsync("title", "My instance");
        await datasette.SetInstanceMetadataAsync("license", "CC0");
        await datasette.SetInstanceMetadataAsync("about", null);

        Assert.Equal(new Dictionary<string, string?> { ["title"] = "My instance", ["license"] = "CC0", ["about"] = null }, await datasette.GetInstanceMetadataAsync());
        var index = (await datasette.Client.GetAsync("/.json")).Json()!;
        Assert.Equal("My instance", index["metadata"]!["title"]!.GetValue<string>());
        Assert.Equal("CC0", index["metadata"]!["license"]!.GetValue<string>());
    }

    [Fact]
    [Trait("seed", "internals:datasette-get-database-metadata")]
    [Trait("seed", "internals:datasette-set-database-metadata")]
    public async Task Datasette_get_and_set_database_metadata_show_in_the_database_json()
    {
        await using var instance = await PluginApiInstance.CreateAsync();
        var datasette = instance.Datasette;

        await datasette.SetDatabaseMetadataAsync("data", "description", "First");
        await datasette.SetDatabaseMetadataAsync("data", "description", "Replaced");
        await datasette.SetDatabaseMetadataAsync("data", "source", "Tests");

        Assert.Equal(new Dictionary<string, string?> { ["description"] = "Replaced", ["source"] = "Tests" }, await datasette.GetDatabaseMetadataAsync("data"));
        var page = (await datasette.Client.GetAsync("/data.json")).Json()!;
        Assert.Equal("Replaced", page["metadata"]!["description"]!.GetValue<string>());
        Assert.Equal("Tests", page["metadata"]!["source"]!.GetValue<string>());
    }

    [Fact]
    [Trait("seed", "internals:datasette-get-resource-metadata")]
    [Trait("seed", "internals:datasette-set-resource-metadata")]
    public async Task Datasette_get_and_set_resource_metadata_show_in_the_table_metadata_extra()
    {
        await using var instance = await PluginApiInstance.CreateAsync();
        var datasette = instance.Datasette;

        await datasette.SetResourceMetadataAsync("data", "people", "title", "People we know");
        await datasette.SetResourceMetadataAsync("data", "adults", "description", "A view");
        await datasette.SetResourceMetadataAsync("data", "some_query", "title", "Not checked");

        Assert.Equal("People we know", (await datasette.GetResourceMetadataAsync("data", "people"))["title"]);
        Assert.Equal("A view", (await datasette.GetResourceMetadataAsync("data", "adults"))["description"]);
        Assert.Equal("Not checked", (await datasette.GetResourceMetadataAsync("data", "some_query"))["title"]);
        var table = (await datasette.Client.GetAsync("/data/people.json?_extra=metadata&_size=0")).Json()!;
        Assert.Equal("People we know", table["metadata"]!["title"]!.GetValue<string>());
    }

    [Fact]
    [Trait("seed", "internals:datasette-get-column-metadata")]
    [Trait("seed", "internals:datasette-set-column-metadata")]
    public async Task Datasette_get_and_set_column_metadata_descriptions_show_in_the_table_metadata_extra()
    {
        await using var instance = await PluginApiInstance.CreateAsync();
        var datasette = instance.Datasette;

        await datasette.SetColumnMetadataAsync("data", "people", "age", "description", "Age in years");
        await datasette.SetColumnMetadataAsync("data", "people", "age", "units", "years");

        Assert.Equal(new Dictionary<string, string?> { ["description"] = "Age in years", ["units"] = "years" }, await datasette.GetColumnMetadataAsync("data", "people", "age"));
        var table = (await datasette.Client.GetAsync("/data/people.json?_extra=metadata&_size=0")).Json()!;
        Assert.Equal("Age in years", table["metadata"]!["columns"]!["age"]!.GetValue<string>());
    }
}
