using System;
using System.Linq;
using System.Reflection;
using System.Threading.Tasks;
using Datasette.Gen.Runtime.Plugins;
using Microsoft.CodeAnalysis;
using Xunit;

namespace Datasette.Gen.Generator.Tests.Infrastructure;

/// <summary>
/// The steps the plugin wiring tests share: run the generator over plugin source with the runtime
/// referenced, load the generated deployment and call its plugin registry, or wrap one declaration
/// and take the single diagnostic it gets.
/// </summary>
internal static class PluginHarness
{
    /// <summary>Runs the generator with the runtime: no generator diagnostic and no compiler warning.</summary>
    public static GeneratorRun RunClean(string plugins)
    {
        var run = GeneratorHarness.RunWithRuntime(plugins);
        Assert.Empty(run.Diagnostics);
        Assert.Empty(DiagnosticText.Format(run.Output.GetDiagnostics().Where(d => d.Severity >= DiagnosticSeverity.Warning)));
        return run;
    }

    /// <summary>Loads the compiled deployment, gives <paramref name="call"/> its registry and assembly, then unloads it.</summary>
    public static T CallRegistry<T>(GeneratorRun run, Func<PluginRegistry, Assembly, Task<T>> call) =>
        GeneratedAssembly.Load(run.Output, assembly => call(Registry(assembly), assembly).GetAwaiter().GetResult());

    /// <summary>The generated <c>Deployment.Plugins</c>.</summary>
    public static PluginRegistry Registry(Assembly assembly) =>
        (PluginRegistry)assembly.GetType("Datasette.Gen.Generated.Deployment")!.GetProperty("Plugins")!.GetValue(null)!;

    /// <summary>
    /// <paramref name="declarations"/> in namespace App, with the plugin, HTTP and JSON namespaces
    /// imported: they start on line 8 of Source1.cs, where the diagnostics' positions point.
    /// </summary>
    public static string InApp(string declarations) =>
        "using Datasette.Gen.Runtime.Plugins;\nusing Microsoft.AspNetCore.Http;\nusing System.Text.Json.Nodes;\n\nnamespace App\n{\nusing Datasette.Gen.Runtime;\n"
        + declarations + "\n}\n";

    /// <summary>The run's one generator diagnostic, which must be <paramref name="id"/>, as text with its position.</summary>
    public static string SingleDiagnostic(GeneratorRun run, string id)
    {
        var diagnostic = Assert.Single(run.Diagnostics);
        Assert.Equal(id, diagnostic.Id);
        return DiagnosticText.Format(diagnostic);
    }
}
