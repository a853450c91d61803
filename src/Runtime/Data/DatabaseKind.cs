namespace Datasette.Gen.Runtime.Data;

/// <summary>How a database is stored, which decides how its connections are opened.</summary>
public enum DatabaseKind
{
    /// <summary>A file read through read-only connections and written by one writer.</summary>
    MutableFile,

    /// <summary>A file opened with immutable=1: no locking, hashed, never written.</summary>
    ImmutableFile,

    /// <summary>A named in-memory database shared by all connections of this process.</summary>
    NamedMemory,

    /// <summary>Datasette's <c>_memory</c>: a private, empty :memory: database per connection.</summary>
    PrivateMemory,

    /// <summary>A file read and written through rwc connections (the internal database).</summary>
    ReadWriteFile,

    /// <summary>An immutable database image inside the executable, read where it lies (<see cref="EmbeddedImage"/>).</summary>
    EmbeddedImage,
}
