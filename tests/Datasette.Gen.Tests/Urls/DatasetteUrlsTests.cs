using System.Collections.Generic;
using System.Text;
using System.Threading.Tasks;
using Datasette.Gen.Runtime;
using Datasette.Gen.Runtime.Data;
using Datasette.Gen.Tests.Infrastructure;

namespace Datasette.Gen.Tests.Urls;

/// <summary>The seed's <c>datasette.urls</c> (client-urls-events.md §2): base_url applied once, tilde-encoded names, format suffixes.</summary>
public sealed class DatasetteUrlsTests
{
    private static async Task<TestInstance> InstanceAsync(string baseUrl = "/")
    {
        var instance = await TestInstance.CreateAsync(TestInstance.Config($"settings:\n  base_url: {baseUrl}\n"));
        instance.Datasette.AddDatabase(new Database(DatabaseKind.PrivateMemory), "_memory");
        instance.Datasette.AddDatabase(new Database(DatabaseKind.PrivateMemory), "fixtures");
        instance.Datasette.AddDatabase(new Database(DatabaseKind.PrivateMemory), "my db", route: "my.route");
        return instance;
    }

    [Fact]
    [Trait("seed", "internals:internals-datasette-urls")]
    public async Task Internals_internals_datasette_urls()
    {
        await using var instance = await InstanceAsync();
        var urls = instance.Datasette.Urls;

        Assert.Equal("/", urls.Instance().Value);
        Assert.Equal("/.json", urls.Instance("json").Value);
        Assert.Equal("/foo", urls.Path("/foo").Value);
        Assert.Equal("/-/logout", urls.Path("-/logout").Value);
        Assert.Equal("/-/logout", urls.Logout().Value);
        Assert.Equal("/-/static/app.css", urls.Static("app.css").Value);
        Assert.Equal("/-/static-plugins/datasette_cluster_map/datasette-cluster-map.js", urls.StaticPlugins("datasette_cluster_map", "datasette-cluster-map.js").Value);
        Assert.Equal("/fixtures", urls.Database("fixtures").Value);
        Assert.Equal("/fixtures.json", urls.Database("fixtures", "json").Value);
        Assert.Equal("/fixtures/facetable", urls.Table("fixtures", "facetable").Value);
        Assert.Equal("/_memory/name~2Ejson.json", urls.Table("_memory", "name.json", "json").Value);
        Assert.Equal("/fixtures/pragma_cache_size", urls.Query("fixtures", "pragma_cache_size").Value);
        Assert.Equal("/fixtures/pragma_cache_size.csv", urls.Query("fixtures", "pragma_cache_size", "csv").Value);
        Assert.Equal("/_memory/facetable/1.json", urls.Row("_memory", "facetable", "1", "json").Value);
        Assert.Equal("/_memory/facetable/a~2Fb,2", urls.Row("_memory", "facetable", new[] { "a/b", "2" }).Value);
        Assert.Equal("/fixtures/t/1.blob?_blob_column=my+col", urls.RowBlob("fixtures", "t", "1", "my col").Value);
        Assert.Equal("/_memory/-/query?sql=select+1", urls.DatabaseQuery("_memory", "select 1").Value);
        Assert.Equal("/_memory/-/query.json?sql=select+1.5", urls.DatabaseQuery("_memory", "select 1.5", "json").Value);
    }

    [Fact]
    public async Task A_base_url_prefixes_every_url_once()
    {
        await using var instance = await InstanceAsync("/prefix/");
        var urls = instance.Datasette.Urls;

        Assert.Equal("/prefix/", urls.Instance().Value);
        Assert.Equal("/prefix/.json", urls.Instance("json").Value);
        Assert.Equal("/prefix/foo", urls.Path("foo").Value);
        Assert.Equal("/prefix/-/logout", urls.Logout().Value);
        Assert.Equal("/prefix/fixtures/facetable", urls.Table("fixtures", "facetable").Value);
        Assert.Equal("/prefix/_memory/-/query?sql=select+1", urls.DatabaseQuery("_memory", "select 1").Value);

        var prefixed = urls.Table("fixtures", "facetable");
        Assert.Equal(prefixed, urls.Path(prefixed)); // a PrefixedUrl is never prefixed again
        Assert.Equal("/prefix/fixtures/facetable.json", urls.Path(prefixed, "json").Value);
        PrefixedUrl appended = prefixed + "/1";
        Assert.Equal("/prefix/fixtures/facetable/1", urls.Path(appended).Value);
        string plain = "" + prefixed; // a plain string again, as in Datasette
        Assert.Equal("/prefix/prefix/fixtures/facetable", urls.Path(plain).Value);
    }

    [Fact]
    public async Task A_plain_path_that_repeats_base_url_is_prefixed_as_Datasette_does()
    {
        await using var instance = await InstanceAsync("/data/");

        Assert.Equal("/data/data", instance.Datasette.Urls.Path("/data").Value);
    }

    [Fact]
    public async Task A_dot_in_the_path_moves_the_format_into_the_query_string()
    {
        await using var instance = await InstanceAsync("/v1.0/");
        var urls = instance.Datasette.Urls;

        Assert.Equal("/v1.0/fixtures?_format=json", urls.Database("fixtures", "json").Value);
        Assert.Equal("/v1.0/fixtures/t/1?_format=json", urls.Row("fixtures", "t", "1", "json").Value);
        Assert.Equal("/v1.0/fixtures/-/query?_format=json&sql=select+1", urls.DatabaseQuery("fixtures", "select 1", "json").Value);
    }

    [Fact]
    public async Task Databases_are_found_by_name_and_addressed_by_route()
    {
        await using var instance = await InstanceAsync();
        var urls = instance.Datasette.Urls;

        Assert.Equal("/my~2Eroute", urls.Database("my db").Value);
        Assert.Equal("/my~2Eroute/t", urls.Table("my db", "t").Value);
        Assert.Throws<KeyNotFoundException>(() => urls.Database("nope"));
    }

    [Fact]
    public async Task Registered_static_assets_carry_their_hash()
    {
        await using var instance = await InstanceAsync();
        var urls = instance.Datasette.Urls;

        urls.RegisterStaticAsset("app.css", Encoding.UTF8.GetBytes("body { }"));

        Assert.Matches("^/-/static/app\\.css\\?_hash=[0-9a-f]{12}$", urls.Static("app.css").Value);
        Assert.Equal("/-/static/other.css", urls.Static("other.css").Value);
    }

    [Fact]
    public async Task The_views_shorthands_use_the_same_rules()
    {
        await using var instance = await InstanceAsync("/prefix/");
        var datasette = instance.Datasette;
        var database = datasette.GetDatabase("my db")!;

        Assert.Equal("/prefix/", Runtime.Urls.Instance(datasette));
        Assert.Equal("/prefix/my~2Eroute", Runtime.Urls.Database(datasette, database));
        Assert.Equal("/prefix/my~2Eroute/a~2Fb", Runtime.Urls.Table(datasette, database, "a/b"));
        Assert.Equal("/prefix/my~2Eroute/q", Runtime.Urls.Query(datasette, database, "q"));
    }
}
