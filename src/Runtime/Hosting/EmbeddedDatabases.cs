using System.Reflection;
using Datasette.Gen.Runtime.Data;

namespace Datasette.Gen.Runtime.Hosting;

/// <summary>
/// The databases a deployment compiled into its executable (<c>&lt;DatasetteDatabase Embed="true" /&gt;</c>),
/// found among the entry assembly's resources with the inspect data the build computed for them.
/// </summary>
internal static unsafe class EmbeddedDatabases
{
    /// <summary>Where the build puts each embedded database (the file name follows) and their inspect data.</summary>
    public const string ResourcePrefix = "datasette/databases/";
    public const string InspectResource = "datasette/inspect.json";

    /// <summary>The databases embedded in <paramref name="assembly"/>, by file name, with the build's inspect data.</summary>
    public static IReadOnlyList<(string Name, Database Database)> Databases(Assembly? assembly, int cacheSizeKb)
    {
        var databases = new List<(string, Database)>();
        if (assembly is null)
        {
            return databases;
        }
        var names = assembly.GetManifestResourceNames();
        var inspected = names.Contains(InspectResource) ? InspectOf(assembly) : Array.Empty<InspectEntry>();
        foreach (var resource in names.Where(n => n.StartsWith(ResourcePrefix, StringComparison.Ordinal)).Order(StringComparer.Ordinal))
        {
            // Manifest resources of a loaded assembly are mapped memory: the stream only points at them.
            if (assembly.GetManifestResourceStream(resource) is not UnmanagedMemoryStream stream)
            {
                throw new InvalidOperationException($"The embedded database {resource} is not in mapped memory");
            }
            var image = new EmbeddedImage(resource[ResourcePrefix.Length..], stream.PositionPointer, stream.Length);
            var database = new Database(DatabaseKind.EmbeddedImage, cacheSizeKb: cacheSizeKb) { Image = image };
            if (inspected.FirstOrDefault(e => e.File == image.FileName) is { } entry)
            {
                database.UseInspected(entry);
            }
            databases.Add((Database.SuggestName(image.FileName), database));
        }
        return databases;
    }

    private static IReadOnlyList<InspectEntry> InspectOf(Assembly assembly)
    {
        using var stream = assembly.GetManifestResourceStream(InspectResource)!;
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        return InspectData.Parse(copy.ToArray(), InspectResource);
    }
}
