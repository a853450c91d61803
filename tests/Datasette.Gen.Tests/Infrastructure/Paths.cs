using System.IO;
using System.Runtime.CompilerServices;

namespace Datasette.Gen.Tests.Infrastructure;

/// <summary>Where the repository and its copy of the conformance corpus are, found from this source file.</summary>
public static class Paths
{
    public static string RepositoryRoot { get; } = FindRoot();

    /// <summary>tests/conformance: the recorded corpus, copied unchanged into the repository (never edited).</summary>
    public static string Conformance => Path.Combine(RepositoryRoot, "tests", "conformance");

    public static string ConformanceData => Path.Combine(Conformance, "data");

    private static string FindRoot([CallerFilePath] string path = "")
    {
        var directory = Path.GetDirectoryName(path);
        while (directory is not null && !File.Exists(Path.Combine(directory, "Datasette.Gen.slnx")))
        {
            directory = Path.GetDirectoryName(directory);
        }
        return directory ?? throw new DirectoryNotFoundException("Repository root not found above " + path);
    }
}
