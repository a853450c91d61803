namespace Datasette.Gen.Generator.Emit;

/// <summary>
/// Writes Deployment.Main.g.cs, only for an executable without an entry point of its own: then a
/// deployment is datasette.yaml and its plugin classes, and nothing else.
/// </summary>
internal static class EntryPointEmitter
{
    public const string HintName = "Deployment.Main.g.cs";

    public static string Emit()
    {
        var writer = SourceWriter.InGeneratedNamespace();
        writer.WriteLine("public static partial class Deployment");
        writer.OpenBlock();
        writer.WriteLine("/// <summary>The entry point of a project without one: runs the command line on this deployment.</summary>");
        writer.WriteLine("private static global::System.Threading.Tasks.Task<int> Main(string[] args) => RunAsync(args);");
        writer.CloseBlock();
        writer.CloseBlock();
        return writer.ToString();
    }
}
