using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json.Nodes;
using System.Threading.Tasks;
using Datasette.Gen.Generator.Tests.Infrastructure;
using Datasette.Gen.Runtime.Plugins;
using Microsoft.CodeAnalysis;
using Xunit;

namespace Datasette.Gen.Generator.Tests;

/// <summary>
/// [DatasettePlugin] classes: Deployment.Plugins.g.cs creates each once and wires its hooks (interfaces
/// and [DatasetteHook] methods) with direct calls; DSG1006–DSG1011 point at the class or method.
/// </summary>
public sealed class PluginTests
{
    private const string Plugins = """
        using System.Collections.Generic;
        using System.Text.Json.Nodes;
        using System.Threading.Tasks;
        using Datasette.Gen.Configuration.Model;
        using Datasette.Gen.Runtime.Permissions;
        using Datasette.Gen.Runtime.Plugins;
        using Datasette.Gen.Runtime.Plugins.Hooks;

        namespace App
        {
            using Datasette.Gen.Runtime;

            [DatasettePlugin("hello")]
            [DatasetteAction("view-hello", "vh", "View the hello page")]
            public sealed class Hello : IStartup, IRegisterRoutes
            {
                public static List<string> Calls { get; } = new();

                public ValueTask StartupAsync(Datasette datasette)
                {
                    Calls.Add("startup");
                    return default;
                }

                public IEnumerable<PluginRoute> RegisterRoutes(Datasette datasette) => new PluginRoute[0];

                [DatasetteHook]
                public IEnumerable<PermissionSql>? PermissionResourcesSql(string action, JsonObject? actor) =>
                    action == "view-hello" ? new[] { PermissionSql.Allow("hello") } : null;

                [DatasetteHook]
                public Task TrackEventAsync(global::Datasette.Gen.Runtime.Events.DatasetteEvent datasetteEvent)
                {
                    Calls.Add("event " + datasetteEvent.Name);
                    return Task.CompletedTask;
                }
            }

            [DatasettePlugin]
            public static class Auditor
            {
                [DatasetteHook]
                public static JsonObject? ActorFromRequest() => null;

                [DatasetteHook]
                public static async Task<Dictionary<ActorId, JsonObject>> ActorsFromIds(IReadOnlyList<ActorId> actorIds)
                {
                    await Task.Yield();
                    var actors = new Dictionary<ActorId, JsonObject>();
                    foreach (var id in actorIds)
                    {
                        actors[id] = new JsonObject { ["id"] = id.ToJson(), ["name"] = "User " + id };
                    }
                    return actors;
                }

                [DatasetteHook]
                public static global::Datasette.Gen.Runtime.Tokens.ITokenHandler? RegisterTokenHandler() => null;

                [DatasetteHook]
                internal static void Startup() => Hello.Calls.Add("auditor startup");
            }
        }
        """;

    [Fact]
    public void Plugins_are_created_once_and_wired_to_their_hooks()
    {
        var run = PluginHarness.RunClean(Plugins);

        Golden.Verify(run.PluginsSource, "Plugins.g.cs.txt");
    }

    [Fact]
    public void The_generated_wiring_calls_the_plugins()
    {
        var run = GeneratorHarness.RunWithRuntime(Plugins);

        var (infos, calls, actors) = PluginHarness.CallRegistry(run, CallHooksAsync);

        Assert.Equal(new[] { "Auditor", "hello" }, infos.Select(p => p.Name));
        Assert.Equal(new[] { "actor_from_request", "actors_from_ids", "register_token_handler", "startup" }, infos[0].Hooks);
        Assert.Equal(new[] { "permission_resources_sql", "register_actions", "register_routes", "startup", "track_event" }, infos[1].Hooks);
        Assert.All(infos, p => Assert.Null(p.Version));
        Assert.Equal(new[] { "auditor startup", "startup" }, calls);
        Assert.Equal("User 7", actors[7]["name"]!.GetValue<string>());
        Assert.Equal(7, actors[7]["id"]!.GetValue<long>());
    }

    [Fact]
    public void Editing_a_hook_body_leaves_the_plugin_wiring_unchanged()
    {
        var compilation = GeneratorHarness.CreateRuntimeCompilation(GeneratorHarness.ConsumerSource, Plugins);
        var driver = GeneratorHarness.CreateDriver(Array.Empty<AdditionalText>(), trackSteps: true).RunGenerators(compilation);
        var tree = compilation.SyntaxTrees.Last();

        var body = driver.RunGenerators(compilation.ReplaceSyntaxTree(tree, tree.WithChangedText(
            Microsoft.CodeAnalysis.Text.SourceText.From(Plugins.Replace("\"auditor startup\"", "\"auditor started\"", StringComparison.Ordinal)))))
            .GetRunResult().Results.Single();
        var signature = driver.RunGenerators(compilation.ReplaceSyntaxTree(tree, tree.WithChangedText(
            Microsoft.CodeAnalysis.Text.SourceText.From(Plugins.Replace("internal static void Startup()", "internal static void Startup(Datasette datasette)", StringComparison.Ordinal)))))
            .GetRunResult().Results.Single();

        Assert.All(body.TrackedSteps[TrackingNames.PluginClasses], step => Assert.All(step.Outputs, output =>
            Assert.True(output.Reason is IncrementalStepRunReason.Cached or IncrementalStepRunReason.Unchanged, output.Reason.ToString())));
        Assert.Equal(IncrementalStepRunReason.Cached, Assert.Single(body.TrackedSteps[TrackingNames.PluginsModel]).Outputs.Single().Reason);
        Assert.Equal(IncrementalStepRunReason.Modified, Assert.Single(signature.TrackedSteps[TrackingNames.PluginsModel]).Outputs.Single().Reason);
        Assert.Contains("registry.AddStartup(\"Auditor\", datasette => { global::App.Auditor.Startup(datasette); return default; });",
            signature.GeneratedSources.Single(s => s.HintName == "Deployment.Plugins.g.cs").SourceText.ToString());
    }

    private static async Task<(List<PluginInfo>, List<string>, IReadOnlyDictionary<Runtime.ActorId, JsonObject>)> CallHooksAsync(PluginRegistry registry, System.Reflection.Assembly assembly)
    {
        Assert.Same(registry, PluginHarness.Registry(assembly));
        foreach (var startup in registry.Startup)
        {
            await startup.Invoke(null!);
        }
        var rules = registry.PermissionResourcesSql.Single().Invoke(null!, null, "view-hello");
        Assert.Equal("hello", Assert.Single(rules!).Params["reason"]);
        Assert.Null(registry.PermissionResourcesSql.Single().Invoke(null!, null, "view-table"));
        Assert.Null(await registry.ActorFromRequest.Single().Invoke(null!, null!));
        Assert.Null(registry.RegisterTokenHandler.Single().Invoke(null!));
        var actors = await registry.ActorsFromIds.Single().Invoke(null!, new Runtime.ActorId[] { "alice", 7 });
        var calls = (List<string>)assembly.GetType("App.Hello")!.GetProperty("Calls")!.GetValue(null)!;
        return (registry.Plugins.ToList(), calls.ToList(), actors!);
    }

    [Fact]
    public void Without_the_runtime_there_is_no_plugin_wiring()
    {
        var run = GeneratorHarness.Run(config: null, sources: PluginSources.Attributes.Append("namespace App { [Datasette.Gen.Runtime.Plugins.DatasettePlugin] public sealed class P { } }").ToArray());

        Assert.Empty(run.Diagnostics);
        Assert.False(run.HasSource("Deployment.Plugins.g.cs"));
    }

    [Fact]
    public void Without_plugins_the_registry_is_empty()
    {
        var run = GeneratorHarness.RunWithRuntime();

        Assert.Empty(run.Diagnostics);
        Assert.DoesNotContain("AddPlugin", run.PluginsSource, StringComparison.Ordinal);
        Assert.Contains("return registry;", run.PluginsSource, StringComparison.Ordinal);
        Assert.Empty(run.Output.GetDiagnostics().Where(d => d.Severity >= DiagnosticSeverity.Warning));
    }

    [Fact]
    public void Plugins_of_referenced_libraries_are_wired_with_their_version()
    {
        const string library = """
            [assembly: System.Reflection.AssemblyVersion("1.2.3.0")]
            namespace Library
            {
                [Datasette.Gen.Runtime.Plugins.DatasettePlugin("library-plugin")]
                public sealed class LibraryPlugin
                {
                    [Datasette.Gen.Runtime.Plugins.DatasetteHook]
                    public void Startup() { }

                    [Datasette.Gen.Runtime.Plugins.DatasetteHook]
                    public void PrepareConnection(Microsoft.Data.Sqlite.SqliteConnection connection) { }
                }
            }
            """;
        var libraryCompilation = GeneratorHarness.CreateCompilation(References.WithRuntime, new[] { library }, "Library");
        using var image = new System.IO.MemoryStream();
        Assert.True(libraryCompilation.Emit(image).Success);
        var app = GeneratorHarness.CreateCompilation(
            References.WithRuntime.Append(MetadataReference.CreateFromImage(image.ToArray())), new[] { GeneratorHarness.ConsumerSource });

        var run = GeneratorHarness.Run(Array.Empty<AdditionalText>(), app);

        Assert.Empty(run.Diagnostics);
        Assert.Contains("registry.AddPlugin(new global::Datasette.Gen.Runtime.Plugins.PluginInfo(\"library-plugin\", \"1.2.3\", new string[] { \"prepare_connection\", \"startup\" }));", run.PluginsSource);
        Assert.Contains("var plugin0 = new global::Library.LibraryPlugin();", run.PluginsSource);
        Assert.Contains("registry.AddPrepareConnection(\"library-plugin\", (connection, database, datasette) => plugin0.PrepareConnection(connection));", run.PluginsSource);
    }

    public static TheoryData<string, string, string> Errors => new()
    {
        {
            "DSG1006",
            "[DatasettePlugin] public sealed class Plugin { public Plugin(int x) { } }",
            "Source1.cs(8,39): error DSG1006: Plugin global::App.Plugin cannot be created by the deployment: it needs a public parameterless constructor (one instance of each plugin is created at start-up)"
        },
        {
            "DSG1006",
            "[DatasettePlugin] public abstract class Plugin { }",
            "Source1.cs(8,41): error DSG1006: Plugin global::App.Plugin cannot be created by the deployment: it is abstract"
        },
        {
            "DSG1007",
            "[DatasettePlugin] public sealed class Plugin {\n[DatasetteHook] public void StartUp() { } }",
            // Every hook of the catalog, in its order (each hook group adds its own).
            "Source1.cs(9,29): error DSG1007: 'StartUp' is not a plugin hook (did you mean 'Startup'?); a [DatasetteHook] method is named after one of: "
                + string.Join(", ", Parsing.HookCatalog.All.Select(h => h.MethodName))
        },
        {
            "DSG1008",
            "[DatasettePlugin] public sealed class Plugin {\n[DatasetteHook] public void PrepareConnection(int connection) { } }",
            "Source1.cs(9,29): error DSG1008: global::App.Plugin.PrepareConnection cannot implement hook 'prepare_connection': parameter 'connection' (int) is not one of the hook's parameters. "
                + "Expected PrepareConnection(SqliteConnection connection, Database database, Datasette datasette) returning void; any of the parameters may be left out, in any order"
        },
        {
            "DSG1008",
            "[DatasettePlugin] public sealed class Plugin {\n[DatasetteHook] public string ActorFromRequest(Datasette datasette) => \"\"; }",
            "Source1.cs(9,31): error DSG1008: global::App.Plugin.ActorFromRequest cannot implement hook 'actor_from_request': it returns string. "
                + "Expected ActorFromRequest(Datasette datasette, DatasetteRequest request) returning JsonObject? (or a Task/ValueTask of it); any of the parameters may be left out, in any order"
        },
        {
            "DSG1008",
            "[DatasettePlugin] public sealed class Plugin {\n[DatasetteHook] private void Startup() { } }",
            "Source1.cs(9,30): error DSG1008: global::App.Plugin.Startup cannot implement hook 'startup': it must be public or internal. "
                + "Expected Startup(Datasette datasette) returning void, Task or ValueTask; any of the parameters may be left out, in any order"
        },
        {
            "DSG1009",
            "public sealed class Plugin {\n[DatasetteHook] public void Startup() { } }",
            "Source1.cs(9,29): error DSG1009: Hook method 'Startup' is declared on global::App.Plugin, which is not marked [DatasettePlugin]"
        },
        {
            "DSG1010",
            "[DatasettePlugin(\"same\")] public sealed class Plugin { }\n[DatasettePlugin(\"same\")] public sealed class Other { }",
            "Source1.cs(9,47): error DSG1010: Duplicate plugin name: same (already used by global::App.Plugin)"
        },
        {
            "DSG1011",
            "[DatasettePlugin] public sealed class Plugin : global::Datasette.Gen.Runtime.Plugins.Hooks.IStartup {\n"
                + "public System.Threading.Tasks.ValueTask StartupAsync(Datasette datasette) => default;\n[DatasetteHook] public void Startup() { } }",
            "Source1.cs(10,29): error DSG1011: global::App.Plugin implements hook 'startup' more than once"
        },
    };

    [Theory]
    [MemberData(nameof(Errors))]
    public void Plugin_errors_point_at_the_class_or_method(string id, string declarations, string expected)
    {
        var run = Run(PluginHarness.InApp(declarations));

        Assert.Equal(expected, PluginHarness.SingleDiagnostic(run, id));
        Assert.Empty(run.Output.GetDiagnostics().Where(d => d.Severity >= DiagnosticSeverity.Warning));
    }

    [Fact]
    public void Every_generator_plugin_id_has_a_case()
    {
        var ids = new HashSet<string> { "DSG1006", "DSG1007", "DSG1008", "DSG1009", "DSG1010", "DSG1011" };

        Assert.Equal(ids, Errors.Select(row => (string)row[0]).ToHashSet());
    }

    [Fact]
    public void A_method_that_implements_the_hook_interface_may_also_carry_the_attribute()
    {
        const string source = """
            namespace App
            {
                using Datasette.Gen.Runtime;

                [global::Datasette.Gen.Runtime.Plugins.DatasettePlugin]
                public sealed class Plugin : global::Datasette.Gen.Runtime.Plugins.Hooks.IStartup
                {
                    [global::Datasette.Gen.Runtime.Plugins.DatasetteHook]
                    public System.Threading.Tasks.ValueTask StartupAsync(Datasette datasette) => default;
                }
            }
            """;

        var run = Run(source);

        Assert.Empty(run.Diagnostics);
        Assert.Single(run.PluginsSource.Split('\n'), line => line.Contains("registry.AddStartup", StringComparison.Ordinal));
    }

    private static GeneratorRun Run(string source) => GeneratorHarness.RunWithRuntime(source);
}
