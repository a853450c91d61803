using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.Json.Nodes;
using System.Threading.Tasks;
using Datasette.Gen.Runtime.Hosting;
using Datasette.Gen.Tests.Infrastructure;

namespace Datasette.Gen.Tests.Hosting;

/// <summary>
/// cli-and-config.md base_url: every URL the server writes (JSON links, facet toggles, pagination,
/// OpenAPI servers, Link and Location headers) carries the prefix. Walks the main pages of the
/// fixtures instance served under <c>/prefix/</c> and checks each URL-valued field.
/// </summary>
public sealed class BaseUrlTests
{
    private const string Prefix = "/prefix/";

    private int _checked;

    public static TheoryData<string> Pages => new()
    {
        ".json",
        "fixtures.json",
        "fixtures/facetable.json?_facet=state&_facet_array=tags&_facet_date=created&_size=2",
        "fixtures/facetable.json?_facet=state&state=CA&_size=2&_extra=facet_results,suggested_facets,renderers,columns",
        "fixtures/sortable.json?_sort=sortable&_size=2",
        "fixtures/compound_three_primary_keys.json?_size=2&_shape=array",
        "fixtures/simple_primary_key/1.json?_extra=foreign_key_tables",
        "-/openapi.json",
        "fixtures.json?sql=select+1",
        "fixtures/facetable.json/",
        // Redirects: /- to /-/, :memory: to _memory, a percent-encoded path that is not found to its tilde form.
        "-",
        ":memory:.json",
        "fixtures/no%20such.json",
    };

    [Theory]
    [MemberData(nameof(Pages))]
    public async Task Every_url_the_server_writes_starts_with_base_url(string page)
    {
        await using var server = await StartAsync();
        using var response = await server.Client.GetAsync(Prefix + page);
        var root = server.BaseUrl + Prefix;
        var bad = new List<string>();
        if (response.Headers.Location is { } location)
        {
            Check("Location", location.OriginalString, root, bad);
        }
        foreach (var link in response.Headers.TryGetValues("Link", out var links) ? links : [])
        {
            Check("Link", link.TrimStart('<').Split('>')[0], root, bad);
        }
        var text = await response.Content.ReadAsStringAsync();
        if (response.Content.Headers.ContentType?.MediaType == "application/json" && text.Length > 0)
        {
            Walk("$", JsonNode.Parse(text), root, bad);
        }
        Assert.True((int)response.StatusCode < 400, $"{page}: {(int)response.StatusCode} {text}");
        Assert.True(bad.Count == 0, $"{page}:\n" + string.Join("\n", bad));
        Assert.True(_checked > 0, $"{page}: no URL found to check");
    }

    private static Task<TestServer> StartAsync()
    {
        var data = Paths.ConformanceData;
        return TestServer.StartAsync(new ServeOptions
        {
            Files = new List<string> { Path.Combine(data, "fixtures.db") },
            MetadataFile = Path.Combine(data, "metadata.json"),
            ConfigFile = Path.Combine(data, "config.json"),
            Settings = new() { new("base_url", Prefix) },
        });
    }

    /// <summary>Fields named like URLs (<c>next_url</c>, <c>toggle_url</c>, <c>url</c>, <c>path</c>, <c>href</c>…).</summary>
    private void Walk(string where, JsonNode? node, string root, List<string> bad)
    {
        switch (node)
        {
            case JsonObject obj:
                foreach (var (key, value) in obj)
                {
                    if (value is JsonValue v && v.TryGetValue<string>(out var s) && IsUrlKey(key))
                    {
                        Check($"{where}.{key}", s, root, bad);
                    }
                    Walk($"{where}.{key}", value, root, bad);
                }
                break;
            case JsonArray array:
                for (var i = 0; i < array.Count; i++)
                {
                    Walk($"{where}[{i}]", array[i], root, bad);
                }
                break;
        }
    }

    private static bool IsUrlKey(string key) =>
        key.EndsWith("url", StringComparison.OrdinalIgnoreCase) || key is "href" or "path" or "link";

    private void Check(string where, string url, string root, List<string> bad)
    {
        _checked++;
        var isAbsolute = url.StartsWith("http://", StringComparison.Ordinal) || url.StartsWith("https://", StringComparison.Ordinal);
        var ok = isAbsolute ? url.StartsWith(root, StringComparison.Ordinal) || !url.StartsWith(root[..root.IndexOf('/', 8)], StringComparison.Ordinal)
            : !url.StartsWith('/') || url.StartsWith(Prefix, StringComparison.Ordinal) || url == Prefix.TrimEnd('/');
        if (!ok)
        {
            bad.Add($"{where}: {url}");
        }
    }
}
