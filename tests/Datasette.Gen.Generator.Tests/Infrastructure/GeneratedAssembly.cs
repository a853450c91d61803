using System;
using System.IO;
using System.Linq;
using System.Runtime.Loader;
using Datasette.Gen.Configuration;
using Datasette.Gen.Configuration.Model;
using Microsoft.CodeAnalysis;
using Xunit;

namespace Datasette.Gen.Generator.Tests.Infrastructure;

/// <summary>
/// Emits a compilation and reads <c>Deployment</c> back through a collectible load context; the
/// configuration library resolves from the default context, so records compare with the test's own.
/// </summary>
internal static class GeneratedAssembly
{
    public static (DatasetteConfig Config, EquatableArray<MetadataItem> Metadata) LoadDeployment(Compilation compilation)
    {
        using var stream = new MemoryStream();
        var result = compilation.Emit(stream);
        Assert.True(result.Success, string.Join(Environment.NewLine, result.Diagnostics.Select(DiagnosticText.Format)));
        stream.Position = 0;

        var context = new AssemblyLoadContext("Deployment", isCollectible: true);
        try
        {
            var deployment = context.LoadFromStream(stream).GetType("Datasette.Gen.Generated.Deployment", throwOnError: true)!;
            var config = (DatasetteConfig)deployment.GetProperty("Config")!.GetValue(null)!;
            var metadata = (EquatableArray<MetadataItem>)deployment.GetProperty("Metadata")!.GetValue(null)!;
            return (config, metadata);
        }
        finally
        {
            context.Unload();
        }
    }
}
