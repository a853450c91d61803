using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using Datasette.Gen.Configuration.Model;
using Microsoft.CodeAnalysis;

namespace Datasette.Gen.Generator.Tests.Infrastructure;

/// <summary>What generated code compiles against: the running framework plus the configuration library.</summary>
internal static class References
{
    public static IReadOnlyList<MetadataReference> All { get; } = Load();

    private static IReadOnlyList<MetadataReference> Load()
    {
        // Only the framework's own assemblies: the test's TPA list also holds its dependencies.
        var frameworkDirectory = Path.GetDirectoryName(typeof(object).Assembly.Location)!;
        var trusted = ((string)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")!).Split(Path.PathSeparator);
        return trusted
            .Where(path => string.Equals(Path.GetDirectoryName(path), frameworkDirectory, StringComparison.Ordinal))
            .Append(typeof(DatasetteConfig).Assembly.Location)
            .Select(path => (MetadataReference)MetadataReference.CreateFromFile(path))
            .ToList();
    }
}
