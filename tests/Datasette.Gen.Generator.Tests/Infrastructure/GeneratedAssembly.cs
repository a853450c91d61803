using System;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Runtime.Loader;
using Datasette.Gen.Configuration;
using Datasette.Gen.Configuration.Model;
using Microsoft.CodeAnalysis;
using Xunit;

namespace Datasette.Gen.Generator.Tests.Infrastructure;

/// <summary>
/// Emits a compilation and reads generated members back through a collectible load context; the
/// configuration library resolves from the default context, so records compare with the test's own.
/// </summary>
internal static class GeneratedAssembly
{
    public static (DatasetteConfig Config, EquatableArray<MetadataItem> Metadata) LoadDeployment(Compilation compilation) => Load(compilation, assembly =>
    {
        var deployment = assembly.GetType("Datasette.Gen.Generated.Deployment", throwOnError: true)!;
        var config = (DatasetteConfig)deployment.GetProperty("Config")!.GetValue(null)!;
        var metadata = (EquatableArray<MetadataItem>)deployment.GetProperty("Metadata")!.GetValue(null)!;
        return (config, metadata);
    });

    /// <summary>Runs <paramref name="read"/> on the emitted assembly, then unloads it.</summary>
    public static T Load<T>(Compilation compilation, Func<Assembly, T> read)
    {
        using var stream = new MemoryStream();
        var result = compilation.Emit(stream);
        Assert.True(result.Success, string.Join(Environment.NewLine, result.Diagnostics.Select(DiagnosticText.Format)));
        stream.Position = 0;

        var context = new AssemblyLoadContext("Deployment", isCollectible: true);
        try
        {
            return read(context.LoadFromStream(stream));
        }
        finally
        {
            context.Unload();
        }
    }

    /// <summary>Calls a public static method of a nested generated type, e.g. ("Urls+Demo+Cities", "Json").</summary>
    public static object? Call(Assembly assembly, string type, string method, params object?[] arguments)
    {
        var target = assembly.GetType("Datasette.Gen.Generated." + type, throwOnError: true)!;
        var candidates = target.GetMethods(BindingFlags.Public | BindingFlags.Static).Where(m => m.Name == method && m.GetParameters().Length == arguments.Length).ToList();
        return Assert.Single(candidates).Invoke(null, arguments);
    }
}
