using System.Linq;
using Datasette.Gen.Generator.Tests.Infrastructure;
using Datasette.Gen.Runtime.Plugins;
using Xunit;

namespace Datasette.Gen.Generator.Tests;

/// <summary>The API group of hooks wired by the generator: interfaces and [DatasetteHook] methods taking a subset of the parameters.</summary>
public sealed class ApiHookWiringTests
{
    private const string Plugins = """
        using System.Collections.Generic;
        using System.Text.Json.Nodes;
        using System.Threading.Tasks;
        using Datasette.Gen.Runtime.Http;
        using Datasette.Gen.Runtime.Plugins;
        using Datasette.Gen.Runtime.Plugins.Hooks;
        using Datasette.Gen.Runtime.Querying;

        namespace App
        {
            using Datasette.Gen.Runtime;

            [DatasettePlugin("api")]
            public sealed class Api : IRegisterOutputRenderer, IJumpItemsSql
            {
                public IEnumerable<OutputRenderer> RegisterOutputRenderer(Datasette datasette) =>
                    new[] { new OutputRenderer("txt", _ => new ValueTask<DatasetteResponse?>(DatasetteResponse.Text("hi"))) };

                public IEnumerable<JumpSql> JumpItemsSql(Datasette datasette, JsonObject? actor, DatasetteRequest request) =>
                    new[] { JumpSql.MenuItem("x", "/x") };

                [DatasetteHook]
                public static async Task<FilterArguments?> FiltersFromRequestAsync(string table)
                {
                    await Task.Yield();
                    return table == "t" ? new FilterArguments(new[] { "1 = 0" }) : null;
                }

                [DatasetteHook]
                public static MagicParameter RegisterMagicParameters() =>
                    new("upper", (key, _) => new ValueTask<object?>(key.ToUpperInvariant()));

                [DatasetteHook]
                public static IEnumerable<FacetClass> RegisterFacetClasses() => new FacetClass[0];
            }
        }
        """;

    [Fact]
    public void The_api_hooks_are_wired_with_direct_calls_and_listed_for_plugins_json()
    {
        var run = PluginHarness.RunClean(Plugins);

        Golden.Verify(run.PluginsSource, "ApiPlugins.g.cs.txt");
        var (hooks, renderers, filtered, passed, magic, jump, facets) = PluginHarness.CallRegistry(run, async (registry, _) => (
            registry.Plugins.Single().Hooks.ToList(),
            registry.RegisterOutputRenderer.Single().Invoke(null!)!.Select(r => r.Extension).ToList(),
            await registry.FiltersFromRequest.Single().Invoke(null!, "db", "t", null!),
            await registry.FiltersFromRequest.Single().Invoke(null!, "db", "other", null!),
            registry.RegisterMagicParameters.Single().Invoke(null!)!.Single().Prefix,
            registry.JumpItemsSql.Single().Invoke(null!, null, null!)!.Single().Params!["label"],
            registry.RegisterFacetClasses.Single().Invoke()!.Count()));

        Assert.Equal(new[] { "filters_from_request", "jump_items_sql", "register_facet_classes", "register_magic_parameters", "register_output_renderer" }, hooks);
        Assert.Equal(new[] { "txt" }, renderers);
        Assert.Equal(new[] { "1 = 0" }, filtered!.WhereClauses);
        Assert.Null(passed);
        Assert.Equal("upper", magic);
        Assert.Equal("x", jump);
        Assert.Equal(0, facets);
    }
}
