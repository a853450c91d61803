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

    /// <summary>
    /// <see cref="All"/> plus the runtime and what its public API exposes (ASP.NET Core,
    /// Microsoft.Data.Sqlite), for compilations with plugin classes, as a deployment has.
    /// </summary>
    public static IReadOnlyList<MetadataReference> WithRuntime { get; } = LoadWithRuntime();

    private static IReadOnlyList<MetadataReference> LoadWithRuntime()
    {
        var aspNetCore = Path.GetDirectoryName(typeof(Microsoft.AspNetCore.Http.HttpContext).Assembly.Location)!;
        return All
            .Concat(Directory.GetFiles(aspNetCore, "*.dll").Where(IsManaged).Select(path => (MetadataReference)MetadataReference.CreateFromFile(path)))
            .Append(MetadataReference.CreateFromFile(typeof(Datasette.Gen.Runtime.Datasette).Assembly.Location))
            .Append(MetadataReference.CreateFromFile(typeof(RazorSlices.RazorSlice).Assembly.Location))
            .Append(MetadataReference.CreateFromFile(typeof(Microsoft.Data.Sqlite.SqliteConnection).Assembly.Location))
            .Append(MetadataReference.CreateFromFile(typeof(SQLitePCL.raw).Assembly.Location))
            .ToList();
    }

    private static bool IsManaged(string path)
    {
        try
        {
            System.Reflection.AssemblyName.GetAssemblyName(path);
            return true;
        }
        catch (System.BadImageFormatException)
        {
            return false;
        }
    }

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
