using System;
using System.IO;
using System.Runtime.CompilerServices;
using Xunit;

namespace Datasette.Gen.Generator.Tests.Infrastructure;

/// <summary>
/// Checked-in expected outputs. DATASETTE_UPDATE_GOLDEN=1 rewrites them, except under CI,
/// where a rewrite would hide the very change the golden exists to show.
/// </summary>
internal static class Golden
{
    public static string Directory { get; } = Locate();

    public static string Read(string relativePath) => Normalize(File.ReadAllText(Path.Combine(Directory, relativePath)));

    public static void Verify(string actual, string relativePath)
    {
        var path = Path.Combine(Directory, relativePath);
        actual = Normalize(actual);
        if (Environment.GetEnvironmentVariable("DATASETTE_UPDATE_GOLDEN") == "1")
        {
            if (!string.IsNullOrEmpty(Environment.GetEnvironmentVariable("CI")))
            {
                Assert.Fail($"Refusing to rewrite {relativePath}: DATASETTE_UPDATE_GOLDEN=1 is not honoured when CI is set.");
            }
            File.WriteAllText(path, actual);
            return;
        }
        if (!File.Exists(path))
        {
            Assert.Fail($"Golden file {path} is missing; run the tests with DATASETTE_UPDATE_GOLDEN=1 to create it.");
        }
        var expected = Read(relativePath);
        if (expected != actual)
        {
            Assert.Fail($"Generated code differs from {relativePath} at {FirstDifference(expected, actual)}; "
                + "if the change is intended, rerun with DATASETTE_UPDATE_GOLDEN=1 and review the diff.");
        }
    }

    private static string Normalize(string text) => text.Replace("\r\n", "\n");

    private static string FirstDifference(string expected, string actual)
    {
        var expectedLines = expected.Split('\n');
        var actualLines = actual.Split('\n');
        for (var i = 0; i < Math.Max(expectedLines.Length, actualLines.Length); i++)
        {
            var e = i < expectedLines.Length ? expectedLines[i] : "<end of file>";
            var a = i < actualLines.Length ? actualLines[i] : "<end of file>";
            if (e != a)
            {
                return $"line {i + 1}:\n expected: {e}\n   actual: {a}";
            }
        }
        return "an unknown place";
    }

    private static string Locate([CallerFilePath] string thisFile = "") =>
        Path.Combine(Path.GetDirectoryName(Path.GetDirectoryName(thisFile)!)!, "Golden");
}
