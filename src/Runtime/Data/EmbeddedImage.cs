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
    private const uint DeserializeReadOnly = 4; // SQLITE_DESERIALIZE_READONLY

    private readonly byte* _data;

    /// <summary>The image of <paramref name="fileName"/>: <paramref name="length"/> bytes at <paramref name="data"/>, which must stay mapped for the process.</summary>
    public EmbeddedImage(string fileName, byte* data, long length)
    {
        FileName = fileName;
        _data = data;
        Length = length;
    }

    public string FileName { get; }

    public long Length { get; }

    /// <summary>Replaces the connection's empty main database with the image, read-only.</summary>
    public void OpenIn(SqliteConnection connection)
    {
        var rc = Deserialize(connection.Handle!.DangerousGetHandle(), IntPtr.Zero, _data, Length, Length, DeserializeReadOnly);
        if (rc != 0)
        {
            throw new SqliteException($"SQLite could not open the embedded database {FileName} (error {rc})", rc);
        }
    }

    // A null schema name is "main". DirectPInvoke binds it to the statically linked SQLite under AOT;
    // under the JIT it is the same libsqlite3 that SQLitePCLRaw's provider loads.
    [LibraryImport("sqlite3", EntryPoint = "sqlite3_deserialize")]
    private static partial int Deserialize(IntPtr db, IntPtr schema, byte* data, long size, long bufferSize, uint flags);
}
