using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Threading.Channels;
using Microsoft.Data.Sqlite;

namespace Datasette.Gen.Runtime.Data;

/// <summary>
/// One attached SQLite database: pooled read connections (read-only for user data) and
/// exactly one writer (<see cref="GroupCommitWriter"/>), fed by a queue so writes never interleave.
/// </summary>
public sealed class Database : IAsyncDisposable
{
    private readonly ConcurrentBag<SqliteConnector> _readers = new();
    private readonly GroupCommitWriter _writer;
    private readonly Lazy<string?> _hash;
    private Task<string?>? _hashing;
    private InspectEntry? _inspected;
    private NamedColor? _nameColor;
    private readonly object _schemaLock = new();
    private DatabaseSchema? _schema;
    private long _schemaCheckedAt;
    private bool _closed;
    private long _writeGeneration;
    private readonly DataVersionProbes _versionProbes;
    private SemaphoreSlim? _gate;
    private int _maxConcurrentReads;
    // A read that runs inside another read of the same database (on the same thread) must not wait for the gate again.
    private readonly ThreadLocal<bool> _insideRead = new();

    public Database(DatabaseKind kind, string? path = null, string? memoryName = null, int cacheSizeKb = 0)
    {
        Kind = kind;
        Path = path;
        MemoryName = memoryName;
        CacheSizeKb = cacheSizeKb;
        _hash = new Lazy<string?>(() => _inspected?.Hash ?? (_hashing ?? Task.Run(ComputeHash)).GetAwaiter().GetResult());
        _writer = new GroupCommitWriter(OpenWriter, Prepare, () => Interlocked.Increment(ref _writeGeneration));
        _versionProbes = new DataVersionProbes(OpenVersionProbe);
        if (kind == DatabaseKind.NamedMemory)
        {
            // The writer keeps a shared-cache memory database alive for the life of the process.
            _writer.Adopt(Open(writable: true));
        }
    }

    public DatabaseKind Kind { get; }

    /// <summary>Datasette's name (responses); unique among attached databases.</summary>
    public string Name { get; internal set; } = "";

    /// <summary>The URL segment; defaults to the name.</summary>
    public string Route { get; internal set; } = "";

    public string? Path { get; }

    public string? MemoryName { get; }

    public int CacheSizeKb { get; }

    public bool IsMemory => Kind is DatabaseKind.NamedMemory or DatabaseKind.PrivateMemory;

    public bool IsMutable => Kind is DatabaseKind.MutableFile or DatabaseKind.NamedMemory or DatabaseKind.ReadWriteFile;

    /// <summary>SHA-256 hex of the file for immutable databases, else null.</summary>
    public string? Hash => _hash.Value;

    public long Size => Image?.Length ?? (Path is not null && !IsMemory && File.Exists(Path) ? new FileInfo(Path).Length : 0);

    /// <summary>The image a <see cref="DatabaseKind.EmbeddedImage"/> database is read from.</summary>
    internal EmbeddedImage? Image { get; init; }

    /// <summary>Table row counts from an inspect file, for immutable databases served with --inspect-file.</summary>
    public IReadOnlyDictionary<string, long>? InspectedCounts => _inspected?.Counts;

    /// <summary>Takes the hash and counts from <c>datasette inspect</c> data instead of computing them.</summary>
    internal void UseInspected(InspectEntry entry) => _inspected = entry;

    /// <summary>
    /// Starts hashing an immutable file in the background when it is attached, so the first page
    /// that shows the hash rarely waits for it; inspect data makes it unnecessary.
    /// </summary>
    internal void StartHashing()
    {
        if (Kind == DatabaseKind.ImmutableFile && Path is not null && _inspected is null && _hashing is null)
        {
            _hashing = Task.Run(ComputeHash);
        }
    }

    /// <summary>Six hex digits: of the hash when there is one, else of MD5(name).</summary>
    public string Color => Hash?[..6] ?? NameColor();

    // Pages that show colours ask on every request; the digest is taken once per name.
    private string NameColor()
    {
        if (_nameColor is { } cached && cached.Name == Name)
        {
            return cached.Color;
        }
        var color = NameDigest.Md5Hex(Name)[..6];
        _nameColor = new NamedColor(Name, color);
        return color;
    }

    private sealed record NamedColor(string Name, string Color);

    /// <summary>
    /// The name <see cref="Datasette.AddDatabase"/> gives when none is asked for (Datasette's
    /// <c>suggest_name()</c>): the file name without its last extension, else the memory name, else "db".
    /// </summary>
    public string SuggestedName => Path is not null ? SuggestName(Path) : MemoryName ?? "db";

    /// <summary>Datasette's default name for a file: the file name without its last extension.</summary>
    public static string SuggestName(string path)
    {
        var file = System.IO.Path.GetFileName(path);
        var dot = file.LastIndexOf('.');
        return dot > 0 ? file[..dot] : file;
    }

    /// <summary>
    /// Set when the database is attached to an instance with <c>prepare_connection</c> hooks: every
    /// connection is passed to it once, before its first use (the internal database never gets one).
    /// </summary>
    internal Action<SqliteConnection, Database>? Preparer { get; set; }

    /// <summary>
    /// The deployment's own set-up of each new connection (--load-extension, --crossdb's ATTACH),
    /// run before the guards that forbid those same things to request SQL.
    /// </summary>
    internal Action<SqliteConnection, Database>? TrustedSetup { get; set; }

    /// <summary>--nolock: read connections to a mutable file ignore other processes' locks.</summary>
    internal bool NoLock { get; set; }

    /// <summary>True once <see cref="DisposeAsync"/> (or <see cref="Datasette.RemoveDatabase"/>) has closed it.</summary>
    public bool IsClosed => _closed;

    /// <summary>Runs <paramref name="read"/> on a pooled read connection.</summary>
    public T Read<T>(Func<SqliteConnector, T> read)
    {
        ThrowIfClosed();
        // At most num_sql_threads queries run at once, as with Datasette's SQL thread pool: more
        // cannot go faster on the CPUs there are, and each open connection holds a page cache.
        var gate = _gate;
        var entered = gate is not null && !_insideRead.Value;
        if (entered)
        {
            // A request that is gone stops waiting for a slot (OperationCanceledException).
            gate!.Wait(RequestScope.Aborted);
            _insideRead.Value = true;
        }
        if (!_readers.TryTake(out var connector))
        {
            connector = Open(writable: false);
        }
        try
        {
            Prepare(connector);
            return read(connector);
        }
        finally
        {
            connector.ClearTimeLimit();
            _readers.Add(connector);
            if (entered)
            {
                _insideRead.Value = false;
                gate!.Release();
            }
        }
    }

    /// <summary>
    /// Empties the page caches of the idle read connections (SQLite's <c>shrink_memory</c>); the
    /// connections and their prepared statements stay open. Readers busy at the time are left alone.
    /// </summary>
    public void ReleaseIdleMemory()
    {
        var idle = new List<SqliteConnector>();
        while (!_closed && _readers.TryTake(out var connector))
        {
            idle.Add(connector);
        }
        foreach (var connector in idle)
        {
            try
            {
                connector.Connection.Execute("PRAGMA shrink_memory");
            }
            catch (SqliteException)
            {
                // This one keeps its cache until the next quiet spell; it stays in the pool regardless.
            }
            finally
            {
                _readers.Add(connector);
            }
        }
        if (_closed)
        {
            // Closed meanwhile: DisposeAsync may have drained the pool before these went back.
            while (_readers.TryTake(out var reader))
            {
                reader.Dispose();
            }
        }
    }

    /// <summary>
    /// How many queries may read this database at once (Datasette's num_sql_threads); 0 means no
    /// limit. Set before the database serves requests.
    /// </summary>
    public int MaxConcurrentReads
    {
        get => _maxConcurrentReads;
        set
        {
            _maxConcurrentReads = value;
            _gate = value > 0 ? new SemaphoreSlim(value, value) : null;
        }
    }

    /// <summary>
    /// The largest string or blob one statement may make (the max_value_mb setting), 0 for SQLite's
    /// own limit; applies to connections opened after it is set, so set it before the database serves requests.
    /// </summary>
    public long MaxValueBytes { get; set; } = DefaultMaxValueBytes;

    /// <summary>The default of the max_value_mb setting, in bytes.</summary>
    public const long DefaultMaxValueBytes = 16L * 1024 * 1024;

    /// <summary>Counts and facet suggestions of this database's contents, kept while they are current.</summary>
    internal DerivedResultCache Derived { get; } = new();

    /// <summary>Moves when a write starts and when it ends: anything derived from this database's contents is stale once it moves.</summary>
    public long WriteGeneration => Interlocked.Read(ref _writeGeneration);

    /// <summary>
    /// Only this process's writer changes it (the internal database, a file of our own): its
    /// <see cref="WriteGeneration"/> alone names its state, with no data_version read per request.
    /// </summary>
    internal bool WrittenOnlyHere { get; init; }

    /// <summary>
    /// A name for the state every answer read from this database depends on; it changes whenever
    /// they may, and it is read before the answer's queries run, so it never names newer data than
    /// they read. Immutable: the file's SHA-256, or the embedded image's name (the build names its
    /// bytes). A mutable file: <see cref="WriteGeneration"/> with the epoch of
    /// <see cref="DataVersionProbes"/>, which moves on every commit by any connection, ours or
    /// another process's (schema changes are commits too), and costs one <c>data_version</c> read
    /// on a connection no other request holds (no lock: tags are on every request's path). A named
    /// memory database or a file only this process writes: the generation alone, and no name while a
    /// write is under way (the generation is odd then), so an answer read just before a commit and
    /// one read just after never share a name. Null when there is nothing to name: the private
    /// memory database is empty and fresh on every connection, a write is under way, or the probe failed.
    /// </summary>
    internal string? ContentVersion()
    {
        switch (Kind)
        {
            case DatabaseKind.ImmutableFile:
                // Until the background hash is done there is no name: requests are answered in full rather than wait for it.
                return KnownHash() is { } hash ? "sha256:" + hash : null;
            case DatabaseKind.EmbeddedImage:
                return "image:" + Name;
            case DatabaseKind.PrivateMemory:
                return null;
        }
        var generation = WriteGeneration;
        if (WrittenOnlyHere || Kind == DatabaseKind.NamedMemory)
        {
            // Shared-cache memory databases have no data_version that sees the writer: the generation is all there is.
            return generation % 2 == 0 ? $"w{generation}" : null;
        }
        if (_closed)
        {
            return null;
        }
        try
        {
            return $"w{generation}.e{_versionProbes.Epoch()}";
        }
        catch (Exception ex) when (ex is SqliteException or ObjectDisposedException)
        {
            return null;
        }
    }

    private string? KnownHash() =>
        _inspected?.Hash
        ?? (_hash.IsValueCreated ? _hash.Value : null)
        ?? (_hashing is { IsCompletedSuccessfully: true } hashing ? hashing.Result : null);

    /// <summary>
    /// Queues <paramref name="write"/> for the single writer, to run alone and outside any transaction
    /// of the writer's (it may begin and commit its own, or set pragmas), and waits for its result.
    /// </summary>
    public Task<T> WriteAsync<T>(Func<SqliteConnector, T> write)
    {
        ThrowIfNotWritable();
        return WriteInterception?.Begin(this, transaction: false) is { } wrapped
            ? WrappedAsync(wrapped, _writer.ExclusiveAsync(connector => wrapped.Run(connector, write)))
            : _writer.ExclusiveAsync(write);
    }

    /// <summary>
    /// Queues <paramref name="write"/> to run inside a transaction the writer opens and commits
    /// (with other writes queued at the same time, each in its own savepoint: see
    /// <see cref="GroupCommitWriter"/>). If it throws, only its own changes are rolled back. The
    /// task completes once the transaction has committed, so the write is durable and every read
    /// started afterwards sees it. <paramref name="write"/> must not begin, commit or roll back.
    /// </summary>
    public Task<T> WriteInTransactionAsync<T>(Func<SqliteConnector, T> write)
    {
        ThrowIfNotWritable();
        return WriteInterception?.Begin(this, transaction: true) is { } wrapped
            ? WrappedAsync(wrapped, _writer.InTransactionAsync(connector => wrapped.Run(connector, write)))
            : _writer.InTransactionAsync(write);
    }

    /// <summary>
    /// The write_wrapper hooks (see <see cref="IWriteInterception"/>): both ways of writing go through
    /// them here, the one place every write passes, so no write path can miss them.
    /// </summary>
    internal IWriteInterception? WriteInterception { get; set; }

    private static async Task<T> WrappedAsync<T>(IWrappedWrite wrapped, Task<T> write)
    {
        var result = await write.ConfigureAwait(false);
        await wrapped.CommittedAsync().ConfigureAwait(false);
        return result;
    }

    /// <summary>
    /// Datasette's <c>db.execute_write(sql, params)</c>: one statement, named parameters (<c>:name</c>),
    /// run on the single writer in the next group commit, like every write of the JSON API.
    /// Completes once committed; returns the rows it changed.
    /// </summary>
    public async Task<int> ExecuteWriteAsync(string sql, IReadOnlyDictionary<string, object?>? parameters = null)
    {
        var changed = await WriteInTransactionAsync(connector => Execute(connector.Connection, sql, parameters)).ConfigureAwait(false);
        InvalidateSchema();
        return changed;
    }

    /// <summary>
    /// <c>db.execute_write_many(sql, params_seq)</c>: the statement once per parameter set, all in one
    /// transaction of the group commit (all or none); returns the total of rows changed.
    /// </summary>
    public async Task<int> ExecuteWriteManyAsync(string sql, IEnumerable<IReadOnlyDictionary<string, object?>> parameterSets)
    {
        ArgumentNullException.ThrowIfNull(parameterSets);
        var changed = await WriteInTransactionAsync(connector => parameterSets.Sum(parameters => Execute(connector.Connection, sql, parameters))).ConfigureAwait(false);
        InvalidateSchema();
        return changed;
    }

    /// <summary>
    /// <c>db.execute_write_script(sql)</c>: several statements, run alone between groups, outside any
    /// transaction of the writer's (a script may hold its own BEGIN and COMMIT).
    /// </summary>
    public async Task ExecuteWriteScriptAsync(string sql)
    {
        await WriteAsync(connector => Execute(connector.Connection, sql, null)).ConfigureAwait(false);
        InvalidateSchema();
    }

    private static int Execute(SqliteConnection connection, string sql, IReadOnlyDictionary<string, object?>? parameters)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        if (parameters is not null)
        {
            foreach (var (name, value) in parameters)
            {
                command.Parameters.AddWithValue(name.StartsWith(':') ? name : ":" + name, value ?? DBNull.Value);
            }
        }
        return command.ExecuteNonQuery();
    }

    /// <summary>Transactions the writer has committed for <see cref="WriteInTransactionAsync{T}"/> (each one fsync).</summary>
    internal long GroupCommits => _writer.Commits;

    private void ThrowIfNotWritable()
    {
        ThrowIfClosed();
        if (Kind is DatabaseKind.ImmutableFile or DatabaseKind.PrivateMemory or DatabaseKind.EmbeddedImage)
        {
            throw new InvalidOperationException($"Database '{Name}' is immutable");
        }
    }

    /// <summary>The schema, re-read when SQLite's schema_version changes (checked at most once a second).</summary>
    public DatabaseSchema Schema
    {
        get
        {
            var now = Environment.TickCount64;
            var current = _schema;
            if (current is not null && (Kind is DatabaseKind.ImmutableFile or DatabaseKind.EmbeddedImage || now - Interlocked.Read(ref _schemaCheckedAt) < 1000))
            {
                return current;
            }
            lock (_schemaLock)
            {
                current = _schema;
                var version = Read(c => SchemaReader.SchemaVersion(c.Connection));
                if (current is null || current.Version != version)
                {
                    current = Read(c => SchemaReader.Load(c.Connection, version));
                    _schema = current;
                }
                Interlocked.Exchange(ref _schemaCheckedAt, now);
                return current;
            }
        }
    }

    /// <summary>Forgets the cached schema so the next access re-reads it.</summary>
    public void InvalidateSchema() => Interlocked.Exchange(ref _schemaCheckedAt, 0);

    public async ValueTask DisposeAsync()
    {
        if (_closed)
        {
            return;
        }
        _closed = true;
        await _writer.DisposeAsync().ConfigureAwait(false);
        _versionProbes.Dispose();
        while (_readers.TryTake(out var reader))
        {
            reader.Dispose();
        }
    }

    /// <summary>
    /// The write connection. A mutable file is switched to WAL, so readers never block the writer
    /// nor see a transaction before it commits, with synchronous=FULL: the WAL is fsynced at every
    /// commit, so an acknowledged write survives power loss or an OS crash. NORMAL (the usual WAL
    /// pairing) fsyncs only at checkpoints: a commit survives the process dying but may roll back
    /// when the machine does. Group commit pays that fsync once per group, not once per request.
    /// </summary>
    private SqliteConnector OpenWriter()
    {
        var connector = Open(writable: true);
        if (Kind == DatabaseKind.MutableFile)
        {
            connector.Connection.Execute("PRAGMA busy_timeout=5000");
            connector.Connection.Execute("PRAGMA journal_mode=WAL");
            connector.Connection.Execute("PRAGMA synchronous=FULL");
        }
        return connector;
    }

    // A bare read-only connection: data_version needs no guards, functions or page cache.
    private SqliteConnection OpenVersionProbe()
    {
        var connection = new SqliteConnection(ConnectionString(writable: false));
        connection.Open();
        return connection;
    }

    private void ThrowIfClosed()
    {
        if (_closed)
        {
            throw new DatabaseClosedException(Name);
        }
    }

    private void Prepare(SqliteConnector connector)
    {
        if (!connector.Prepared && Preparer is { } preparer)
        {
            preparer(connector.Connection, this);
            connector.Prepared = true;
        }
        if (connector.AddedVaryingFunctions is null && (Preparer is not null || TrustedSetup is not null))
        {
            // Once per connection, after the hooks: what they registered decides which answers may be tagged.
            connector.AddedVaryingFunctions = UndeclaredFunctions.Find(connector.Connection);
        }
    }

    private SqliteConnector Open(bool writable)
    {
        var connection = new SqliteConnection(ConnectionString(writable));
        connection.Open();
        Image?.OpenIn(connection);
        TrustedSetup?.Invoke(connection, this);
        var connector = new SqliteConnector(connection);
        ConnectionGuard.Apply(connector, readOnly: !writable, MaxValueBytes);
        SqlFunctions.Register(connection);
        BoundedPrintf.Register(connection, () => connector.MaxValueBytes);
        if (Kind == DatabaseKind.NamedMemory && !writable)
        {
            connection.Execute("PRAGMA query_only=1");
        }
        if (CacheSizeKb > 0)
        {
            connection.Execute($"PRAGMA cache_size=-{CacheSizeKb}");
        }
        return connector;
    }

    private string ConnectionString(bool writable)
    {
        var builder = new SqliteConnectionStringBuilder { Pooling = false };
        switch (Kind)
        {
            case DatabaseKind.PrivateMemory or DatabaseKind.EmbeddedImage:
                builder.DataSource = ":memory:";
                break;
            case DatabaseKind.NamedMemory:
                builder.DataSource = $"file:{Uri.EscapeDataString(MemoryName!)}?mode=memory&cache=shared";
                break;
            case DatabaseKind.ImmutableFile:
                builder.DataSource = $"file:{EscapePath(Path!)}?immutable=1";
                builder.Mode = SqliteOpenMode.ReadOnly;
                break;
            case DatabaseKind.ReadWriteFile:
                builder.DataSource = Path;
                builder.Mode = SqliteOpenMode.ReadWriteCreate;
                break;
            default:
                builder.DataSource = writable ? Path : $"file:{EscapePath(Path!)}?mode=ro{(NoLock ? "&nolock=1" : "")}";
                builder.Mode = writable ? SqliteOpenMode.ReadWrite : SqliteOpenMode.ReadOnly;
                break;
        }
        return builder.ToString();
    }

    /// <summary>The read-only URI by which another connection attaches this file (--crossdb); null when it is not a file.</summary>
    internal string? AttachUri => Kind switch
    {
        DatabaseKind.ImmutableFile => $"file:{EscapePath(Path!)}?immutable=1",
        DatabaseKind.MutableFile or DatabaseKind.ReadWriteFile => $"file:{EscapePath(Path!)}?mode=ro",
        _ => null,
    };

    private static string EscapePath(string path) =>
        System.IO.Path.GetFullPath(path).Replace("%", "%25").Replace("?", "%3f").Replace("#", "%23");

    private string? ComputeHash()
    {
        if (Kind != DatabaseKind.ImmutableFile || Path is null)
        {
            return null;
        }
        using var stream = new FileStream(Path, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 1, FileOptions.SequentialScan);
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        var buffer = new byte[1024 * 1024];
        int read;
        while ((read = stream.Read(buffer, 0, buffer.Length)) > 0)
        {
            hash.AppendData(buffer, 0, read);
        }
        return Convert.ToHexStringLower(hash.GetHashAndReset());
    }

    public override string ToString() => Name;
}

/// <summary>Any use of a database after it was closed (Datasette's DatasetteClosedError).</summary>
public sealed class DatabaseClosedException(string name) : ObjectDisposedException(null, $"Database '{name}' has been closed")
{
    public string DatabaseName { get; } = name;
}
