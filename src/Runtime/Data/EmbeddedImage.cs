using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Runtime.InteropServices;
using Microsoft.Data.Sqlite;

namespace Datasette.Gen.Runtime.Data;

/// <summary>
/// An immutable database compiled into the executable (<c>&lt;DatasetteDatabase Embed="true" /&gt;</c>):
/// every connection opens an empty in-memory database and points it at the image where it lies in
/// the executable's mapped resources (sqlite3_deserialize, read-only, no copy), so one file carries
/// the server and its data and nothing is written to disk. Its hash and table counts were computed
/// at build time (the embedded inspect data).
/// </summary>
internal sealed unsafe partial class EmbeddedImage
{
    /// <summary>Where the build puts each embedded database (the file name follows) and their inspect data.</summary>
    public const string ResourcePrefix = "datasette/databases/";
    public const string InspectResource = "datasette/inspect.json";

    private const uint DeserializeReadOnly = 4; // SQLITE_DESERIALIZE_READONLY

    private readonly byte* _data;

    private EmbeddedImage(string fileName, byte* data, long length)
    {
        FileName = fileName;
        _data = data;
        Length = length;
    }

    public string FileName { get; }

    public long Length { get; }

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

    /// <summary>Replaces the connection's empty main database with the image, read-only.</summary>
    public void OpenIn(SqliteConnection connection)
    {
        var rc = Deserialize(connection.Handle!.DangerousGetHandle(), IntPtr.Zero, _data, Length, Length, DeserializeReadOnly);
        if (rc != 0)
        {
            throw new SqliteException($"SQLite could not open the embedded database {FileName} (error {rc})", rc);
        }
    }

    private static IReadOnlyList<InspectEntry> InspectOf(Assembly assembly)
    {
        using var stream = assembly.GetManifestResourceStream(InspectResource)!;
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        return InspectData.Parse(copy.ToArray(), InspectResource);
    }

    // A null schema name is "main". DirectPInvoke binds it to the statically linked SQLite under AOT;
    // under the JIT it is the same libsqlite3 that SQLitePCLRaw's provider loads.
    [LibraryImport("sqlite3", EntryPoint = "sqlite3_deserialize")]
    private static partial int Deserialize(IntPtr db, IntPtr schema, byte* data, long size, long bufferSize, uint flags);
}
