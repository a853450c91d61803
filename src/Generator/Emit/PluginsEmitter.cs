using Datasette.Gen.Generator.Model;
using Datasette.Gen.Generator.Parsing;

namespace Datasette.Gen.Generator.Emit;

/// <summary>
/// Writes Deployment.Plugins.g.cs: one instance of each plugin class, created once, and a
/// PluginRegistry filled with a direct call per hook implementation (no reflection).
/// </summary>
internal static class PluginsEmitter
{
    public const string HintName = "Deployment.Plugins.g.cs";

    private const string Runtime = "global::Datasette.Gen.Runtime.Plugins.";
    private const string ValueTask = "global::System.Threading.Tasks.ValueTask";

    public static string Emit(PluginsModel model)
    {
        var writer = SourceWriter.InGeneratedNamespace();
        writer.WriteLine("public static partial class Deployment");
        writer.OpenBlock();
        writer.WriteLine("/// <summary>The deployment's [DatasettePlugin] classes, sorted by name, each created once and wired to the hooks it implements.</summary>");
        writer.WriteLine($"public static {Runtime}PluginRegistry Plugins => PluginWiring.Registry;");
        writer.WriteLine();
        writer.WriteLine("private static class PluginWiring");
        writer.OpenBlock();
        writer.WriteLine($"public static readonly {Runtime}PluginRegistry Registry = Create();");
        writer.WriteLine();
        writer.WriteLine($"private static {Runtime}PluginRegistry Create()");
        writer.OpenBlock();
        writer.WriteLine($"var registry = new {Runtime}PluginRegistry();");
        for (var i = 0; i < model.Plugins.Count; i++)
        {
            var plugin = model.Plugins[i];
            var instance = "plugin" + i.ToString(System.Globalization.CultureInfo.InvariantCulture);
            var name = CSharpLiteral.String(plugin.Name);
            writer.WriteLine();
            writer.WriteLine($"// {plugin.Name}: {plugin.TypeName}");
            if (!plugin.IsStatic)
            {
                writer.WriteLine($"var {instance} = new {plugin.TypeName}();");
            }
            var hooks = string.Join(", ", plugin.Hooks.Select(CSharpLiteral.String));
            writer.WriteLine($"registry.AddPlugin(new {Runtime}PluginInfo({name}, {CSharpLiteral.String(plugin.Version)}, new string[] {{ {hooks} }}));");
            foreach (var wiring in plugin.Wirings)
            {
                var hook = HookCatalog.ByName(wiring.Hook);
                writer.WriteLine($"registry.{hook.RegistryMethod}({name}, {Lambda(hook, wiring, plugin, instance)});");
            }
        }
        writer.WriteLine("return registry;");
        writer.CloseBlock();
        writer.CloseBlock();
        writer.CloseBlock();
        writer.CloseBlock();
        return writer.ToString();
    }

    private static string Lambda(HookDefinition hook, HookWiring wiring, PluginEmitModel plugin, string instance)
    {
        var parameters = hook.Parameters.Length == 1 ? hook.Parameters[0].Name : "(" + string.Join(", ", hook.Parameters.Select(p => p.Name)) + ")";
        var target = wiring.Kind switch
        {
            CallKind.Interface => $"((global::{hook.Interface}){instance})",
            CallKind.Instance => instance,
            _ => plugin.TypeName,
        };
        var call = $"{target}.{wiring.MethodName}({string.Join(", ", wiring.Arguments.Select(i => hook.Parameters[i].Name))})";
        var result = hook.ResultMetadataName is null ? null : CSharpType(hook.ResultMetadataName);
        return (hook.Result, wiring.Shape) switch
        {
            (HookResult.Completion, ReturnShape.Void) => $"{parameters} => {{ {call}; return default; }}",
            (HookResult.Completion, ReturnShape.Task) => $"{parameters} => new {ValueTask}({call})",
            (HookResult.AsyncValue, ReturnShape.Value) => $"{parameters} => new {ValueTask}<{result}?>({call})",
            (HookResult.AsyncValue, ReturnShape.ValueTaskOfValue) when wiring.Kind == CallKind.Interface => $"{parameters} => {call}",
            (HookResult.AsyncValue, _) => $"async {parameters} => await {call}.ConfigureAwait(false)",
            (HookResult.Many, ReturnShape.Value) => $"{parameters} => {call} is {{ }} item ? new {result}[] {{ item }} : null",
            _ => $"{parameters} => {call}",
        };
    }

    /// <summary><c>A.B`1[C.D]</c> → <c>global::A.B&lt;global::C.D&gt;</c>.</summary>
    private static string CSharpType(string metadataName)
    {
        var open = metadataName.IndexOf('[');
        if (open < 0)
        {
            return "global::" + metadataName;
        }
        var tick = metadataName.IndexOf('`');
        var arguments = metadataName.Substring(open + 1, metadataName.Length - open - 2).Split(',').Select(a => CSharpType(a.Trim()));
        return "global::" + metadataName.Substring(0, tick) + "<" + string.Join(", ", arguments) + ">";
    }
}
