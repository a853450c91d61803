namespace Datasette.Gen.Generator.Emit;

/// <summary>
/// Writes Deployment.Host.g.cs: the runtime's <c>Deployment</c> built from every generated member,
/// and <c>RunAsync</c>, so a Program.cs is one line and copies nothing.
/// </summary>
internal static class HostEmitter
{
    public const string HintName = "Deployment.Host.g.cs";

    private const string Hosting = "global::Datasette.Gen.Runtime.Hosting.";
    private const string Embedded = Hosting + "EmbeddedDatabase";

    public static string Emit()
    {
        var writer = SourceWriter.InGeneratedNamespace();
        writer.WriteLine("public static partial class Deployment");
        writer.OpenBlock();
        writer.WriteLine("/// <summary>");
        writer.WriteLine("/// The runtime's deployment: this class's configuration, metadata, permissions, actions, plugins, templates and");
        writer.WriteLine("/// OpenAPI parts, and the databases served when the command line names no database file.");
        writer.WriteLine("/// </summary>");
        writer.WriteLine($"public static {Hosting}Deployment Create(params {Embedded}[] defaultDatabases) =>");
        writer.Indent();
        writer.WriteLine("new(Config, Metadata, defaultDatabases)");
        writer.OpenBlock();
        writer.WriteLine("Permissions = Permissions,");
        writer.WriteLine("Actions = Actions,");
        writer.WriteLine("Plugins = Plugins,");
        writer.WriteLine("OpenApi = OpenApi,");
        writer.WriteLine("Templates = Templates,");
        writer.Unindent();
        writer.WriteLine("};");
        writer.Unindent();
        writer.WriteLine();
        writer.WriteLine("/// <summary>Runs the command line (serve unless it names another command) on this deployment.</summary>");
        writer.WriteLine($"public static global::System.Threading.Tasks.Task<int> RunAsync(string[] args, params {Embedded}[] defaultDatabases) =>");
        writer.Indent();
        writer.WriteLine($"{Hosting}DatasetteHost.RunAsync(args, Create(defaultDatabases));");
        writer.Unindent();
        writer.CloseBlock();
        writer.CloseBlock();
        return writer.ToString();
    }
}
