using System.Collections.Concurrent;
using System.Globalization;
using Microsoft.Data.Sqlite;

namespace Datasette.Gen.Runtime.Data;

/// <summary>
/// Tells whether a database file changed, without serialising the requests that ask. SQLite's
/// <c>PRAGMA data_version</c> moves on every commit made by any other connection (this process's
/// writer, another process), but its value means something only to the connection that read it:
/// two connections give different numbers for the same state. So each probe connection, used by
/// one request at a time, remembers the value it saw last, and the first probe to see its value
/// move advances a shared epoch. The epoch therefore moves at least once for every commit (each
/// probe may move it once more when it sees the same commit later: harmless, a tag changes when
/// it need not). A request reads the epoch after its probe ran and before its queries do, so an
/// answer is never named by an epoch older than a commit it did not see.
/// </summary>
internal sealed class DataVersionProbes(Func<SqliteConnection> open) : IDisposable
{
    // Idle probes kept beyond this are closed. Generous, because a new probe must move the epoch on
    // its first read (it cannot know which commits it missed): a pool that shrank and regrew under
    // load would change every tag each time. One probe is a read-only connection holding page 1.
    private const int MaxIdle = 64;

    private readonly ConcurrentBag<Probe> _idle = new();
    private int _idleCount;
    private long _epoch;
    private volatile bool _disposed;

    /// <summary>The current epoch: it has moved since any earlier call if a commit was made in between.</summary>
    public long Epoch()
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        var probe = _idle.TryTake(out var taken) ? taken : new Probe(open());
        if (taken is not null)
        {
            Interlocked.Decrement(ref _idleCount);
        }
        var returned = false;
        try
        {
            var version = probe.Read();
            var epoch = version != probe.LastSeen ? Interlocked.Increment(ref _epoch) : Interlocked.Read(ref _epoch);
            probe.LastSeen = version;
            returned = Return(probe);
            return epoch;
        }
        finally
        {
            if (!returned)
            {
                probe.Dispose();
            }
        }
    }

    private bool Return(Probe probe)
    {
        if (_disposed || Interlocked.Increment(ref _idleCount) > MaxIdle)
        {
            Interlocked.Decrement(ref _idleCount);
            return false;
        }
        _idle.Add(probe);
        return true;
    }

    public void Dispose()
    {
        _disposed = true;
        while (_idle.TryTake(out var probe))
        {
            probe.Dispose();
        }
    }

    private sealed class Probe : IDisposable
    {
        private readonly SqliteConnection _connection;
        private readonly SqliteCommand _query;

        public Probe(SqliteConnection connection)
        {
            _connection = connection;
            _query = connection.CreateCommand();
            _query.CommandText = "PRAGMA data_version";
            _query.Prepare();
        }

        // No value yet: the first read always advances the epoch (this probe cannot know what it missed).
        public long LastSeen { get; set; } = long.MinValue;

        public long Read() => Convert.ToInt64(_query.ExecuteScalar(), CultureInfo.InvariantCulture);

        public void Dispose()
        {
            _query.Dispose();
            _connection.Dispose();
        }
    }
}
