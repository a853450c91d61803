using System.IO;
using System.Linq;
using System.Runtime.CompilerServices;

namespace Datasette.Gen.Generator.Tests.Infrastructure;

/// <summary>Files of the repository the tests read in place.</summary>
internal static class Repository
{
    public static string Root { get; } = Locate();

    public static string ReadText(params string[] parts) => File.ReadAllText(Path.Combine(new[] { Root }.Concat(parts).ToArray())).Replace("\r\n", "\n");

    private static string Locate([CallerFilePath] string thisFile = "") =>
        Path.GetFullPath(Path.Combine(Path.GetDirectoryName(thisFile)!, "..", "..", ".."));
}

/// <summary>
/// The runtime's plugin attributes, compiled from src/Runtime/Plugins as they are, so tests
/// exercise the real declarations without referencing the ASP.NET Core runtime.
/// </summary>
internal static class PluginSources
{
    public static string[] Attributes { get; } = Directory
        .GetFiles(Path.Combine(Repository.Root, "src", "Runtime", "Plugins"), "*Attribute.cs")
        .OrderBy(f => f, System.StringComparer.Ordinal)
        .Select((path, i) => (i == 0 ? ImplicitUsings + "\n" : "") + File.ReadAllText(path))
        .ToArray();

    /// <summary>The SDK's implicit usings the runtime's files are written against (ImplicitUsings in Directory.Build.props), in the first file so the others keep their numbers.</summary>
    private const string ImplicitUsings = """
        global using System;
        global using System.Collections.Generic;
        global using System.IO;
        global using System.Linq;
        global using System.Threading;
        global using System.Threading.Tasks;
        """;
}
