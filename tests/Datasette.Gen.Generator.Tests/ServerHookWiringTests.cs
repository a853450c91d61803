using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Threading.Tasks;
using Datasette.Gen.Generator.Tests.Infrastructure;
using Datasette.Gen.Runtime.Plugins;
using Microsoft.AspNetCore.Http;
using Xunit;

namespace Datasette.Gen.Generator.Tests;

/// <summary>
/// The Server group (forbidden, handle_exception, register_events, write_wrapper, asgi_wrapper,
/// register_commands): the generator wires [DatasetteHook] methods taking any subset of the
/// parameters and the interfaces, lists the hooks for /-/plugins.json, and rejects a wrong shape.
/// </summary>
public sealed class ServerHookWiringTests
{
    private const string Plugins = """
        using System;
        using System.Collections.Generic;
        using System.Threading.Tasks;
        using Datasette.Gen.Runtime.Http;
        using Datasette.Gen.Runtime.Plugins;
        using Datasette.Gen.Runtime.Plugins.Hooks;
        using Microsoft.AspNetCore.Http;

        namespace App
        {
            using Datasette.Gen.Runtime;

            public sealed record BanEvent() : global::Datasette.Gen.Runtime.Events.DatasetteEvent((System.Text.Json.Nodes.JsonObject?)null)
            {
                public override string Name => "ban";

                public override System.Text.Json.Nodes.JsonObject Properties() => new();
            }

            [DatasettePlugin("server-methods")]
            public sealed class ServerMethods
            {
                public static List<string> Calls { get; } = new();

                [DatasetteHook]
                public DatasetteResponse Forbidden(string message) => DatasetteResponse.Redirect("/-/login?message=" + message);

                [DatasetteHook]
                public async Task<DatasetteResponse?> HandleExceptionAsync(Exception exception)
                {
                    await Task.Yield();
                    return exception is InvalidOperationException ? DatasetteResponse.Text("handled: " + exception.Message, 500) : null;
                }

                [DatasetteHook]
                public static DatasetteEventType RegisterEvents() => DatasetteEventType.Of<BanEvent>();

                [DatasetteHook]
                public WriteWrapper? WriteWrapper(bool transaction, string database) =>
                    write => Calls.Add("write " + database + " " + transaction);

                [DatasetteHook]
                public Func<RequestDelegate, RequestDelegate> AsgiWrapper() => next => context => next(context);

                [DatasetteHook]
                public IEnumerable<PluginCommand> RegisterCommands() =>
                    new[] { new PluginCommand("hello", "Says hello", context => Task.FromResult(7)) };
            }

            [DatasettePlugin("server-interfaces")]
            public sealed class ServerInterfaces : IForbidden, IHandleException, IRegisterEvents, IWriteWrapper, IAsgiWrapper, IRegisterCommands
            {
                public ValueTask<DatasetteResponse?> ForbiddenAsync(Datasette datasette, DatasetteRequest request, string message) => default;

                public ValueTask<DatasetteResponse?> HandleExceptionAsync(Datasette datasette, DatasetteRequest request, Exception exception) => default;

                public IEnumerable<DatasetteEventType>? RegisterEvents(Datasette datasette) => null;

                public WriteWrapper? WriteWrapper(Datasette datasette, string database, DatasetteRequest? request, bool transaction) => null;

                public Func<RequestDelegate, RequestDelegate>? AsgiWrapper(Datasette datasette) => null;

                public IEnumerable<PluginCommand>? RegisterCommands() => null;
            }
        }
        """;

    private static readonly string[] ServerHooks = ["asgi_wrapper", "forbidden", "handle_exception", "register_commands", "register_events", "write_wrapper"];

    [Fact]
    public void Server_hooks_are_wired_from_methods_and_interfaces()
    {
        var run = PluginHarness.RunClean(Plugins);

        Golden.Verify(run.PluginsSource, "ServerPlugins.g.cs.txt");
    }

    [Fact]
    public void The_generated_server_wiring_calls_the_plugins_and_lists_their_hooks()
    {
        var run = GeneratorHarness.RunWithRuntime(Plugins);

        var (infos, calls) = PluginHarness.CallRegistry(run, CallHooksAsync);

        // /-/plugins.json's hooks: every Server hook, sorted as Datasette sorts them.
        Assert.Equal(new[] { "server-interfaces", "server-methods" }, infos.Select(p => p.Name));
        Assert.All(infos, p => Assert.Equal(ServerHooks, p.Hooks));
        Assert.Equal(new[] { "redirect /-/login?message=nope", "handled: boom", "unhandled", "events BanEvent", "write data True", "asgi", "command hello 7" }, calls);
    }

    private static async Task<(List<PluginInfo>, List<string>)> CallHooksAsync(PluginRegistry registry, System.Reflection.Assembly assembly)
    {
        var calls = new List<string>();
        // The methods plugin sorts after the interfaces one: its implementation is the second of each list.
        var forbidden = await registry.Forbidden[1].Invoke(null!, null!, "nope");
        calls.Add("redirect " + forbidden!.Headers.Single(h => h.Key == "Location").Value);
        Assert.Null(await registry.Forbidden[0].Invoke(null!, null!, "nope"));
        var handled = await registry.HandleException[1].Invoke(null!, null!, new InvalidOperationException("boom"));
        calls.Add(System.Text.Encoding.UTF8.GetString(handled!.Body.Span));
        calls.Add(await registry.HandleException[1].Invoke(null!, null!, new FormatException()) is null ? "unhandled" : "handled");
        calls.Add("events " + string.Join(",", registry.RegisterEvents[1].Invoke(null!)!.Select(t => t.Type.Name)));
        Assert.Null(registry.RegisterEvents[0].Invoke(null!));
        var wrapper = Assert.Single(registry.WriteWrapper[1].Invoke(null!, "data", null, true)!);
        wrapper(null!);
        calls.AddRange((List<string>)assembly.GetType("App.ServerMethods")!.GetProperty("Calls")!.GetValue(null)!);
        Assert.Null(registry.WriteWrapper[0].Invoke(null!, "data", null, true));
        var middleware = Assert.Single(registry.AsgiWrapper[1].Invoke(null!)!);
        var reached = false;
        await middleware(context => { reached = true; return Task.CompletedTask; })(new DefaultHttpContext());
        calls.Add(reached ? "asgi" : "asgi skipped");
        var command = Assert.Single(registry.RegisterCommands[1].Invoke()!);
        calls.Add("command " + command.Name + " " + await command.Run(new PluginCommandContext(Array.Empty<string>(), TextWriter.Null, TextWriter.Null)));
        Assert.Null(registry.RegisterCommands[0].Invoke());
        return (registry.Plugins.ToList(), calls);
    }

    public static TheoryData<string, string> WrongShapes => new()
    {
        {
            "[DatasetteHook] public string Forbidden(string message) => message;",
            "cannot implement hook 'forbidden': it returns string. Expected Forbidden(Datasette datasette, DatasetteRequest request, string message) returning DatasetteResponse? (or a Task/ValueTask of it)"
        },
        {
            "[DatasetteHook] public System.Action<WriteCall>? WriteWrapper() => null;",
            "cannot implement hook 'write_wrapper': it returns System.Action<Datasette.Gen.Runtime.Plugins.WriteCall>?. Expected WriteWrapper(Datasette datasette, string database, DatasetteRequest? request, bool transaction) returning WriteWrapper? or IEnumerable<WriteWrapper>"
        },
        {
            "[DatasetteHook] public System.Func<RequestDelegate, RequestDelegate>? AsgiWrapper(HttpContext context) => null;",
            "cannot implement hook 'asgi_wrapper': parameter 'context' (Microsoft.AspNetCore.Http.HttpContext) is not one of the hook's parameters"
        },
        {
            "[DatasetteHook] public PluginCommand? RegisterCommands(Datasette datasette) => null;",
            "cannot implement hook 'register_commands': parameter 'datasette' (Datasette.Gen.Runtime.Datasette) is not one of the hook's parameters"
        },
        {
            "[DatasetteHook] public System.Type RegisterEvents() => typeof(string);",
            "cannot implement hook 'register_events': it returns System.Type"
        },
    };

    [Theory]
    [MemberData(nameof(WrongShapes))]
    public void A_server_hook_with_the_wrong_shape_is_a_compile_error_at_the_method(string method, string expected)
    {
        var run = GeneratorHarness.RunWithRuntime(PluginHarness.InApp("[DatasettePlugin] public sealed class Plugin { " + method + " }"));

        var diagnostic = PluginHarness.SingleDiagnostic(run, "DSG1008");
        Assert.Contains(expected, diagnostic, StringComparison.Ordinal);
        Assert.StartsWith("Source1.cs(8,", diagnostic, StringComparison.Ordinal);
    }
}
