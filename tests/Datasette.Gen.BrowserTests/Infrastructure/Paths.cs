using System.Runtime.CompilerServices;

namespace Datasette.Gen.BrowserTests.Infrastructure;

/// <summary>Folders of the repository, found from this source file.</summary>
public static class Paths
{
    public static string RepositoryRoot { get; } = FindRoot();

    public static string ConformanceData => Path.Combine(RepositoryRoot, "tests", "conformance", "data");

    /// <summary>Static pages that follow docs/html.md's contract, for testing the script on its own.</summary>
    public static string ContractPages => Path.Combine(RepositoryRoot, "tests", "Datasette.Gen.BrowserTests", "Pages");

    public static string Screenshots => Path.Combine(RepositoryRoot, "docs", "screenshots");

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
