using System.Threading.Channels;
using Microsoft.Data.Sqlite;
using SQLitePCL;

namespace Datasette.Gen.Runtime.Data;

/// <summary>
/// The one writer of a database, with group commit. Transactional writes that queue up while the
/// writer is busy (typically while it waits for the previous commit's fsync) run together in the
/// next transaction, each inside its own SAVEPOINT: a write that throws rolls back to its savepoint
/// and fails alone, the others commit together with one fsync. A write's task completes only after
/// the COMMIT that made it durable returned, so a 2xx answered from it is never lost and a read
/// started after it sees it. Exclusive writes (<see cref="Database.WriteAsync{T}"/>: they manage
/// their own transactions, or set pragmas that cannot run inside one) run alone between groups.
/// </summary>
internal sealed class GroupCommitWriter
{
    /// <summary>Bounds a group's latency: the writes of one group wait for all of them to run.</summary>
    internal const int MaxGroupSize = 256;

    private const string Savepoint = "datasette_write";

    private readonly Channel<WriteItem> _queue = Channel.CreateUnbounded<WriteItem>(new UnboundedChannelOptions { SingleReader = true });
    private readonly Func<SqliteConnector> _open;
    private readonly Action<SqliteConnector> _prepare;
    private readonly Action _written;
    private readonly object _startLock = new();
    private Task? _loop;
    private SqliteConnector? _connector;
    private long _commits;
    private long _groupedWrites;

    /// <param name="open">Opens the write connection, on first use, on the writer's thread.</param>
    /// <param name="prepare">Runs before each write (prepare_connection hooks on first use).</param>
    /// <param name="written">Called when each group or exclusive write starts and when it ends: a version read in
    /// between names neither the state before it nor the one after it (shared-cache memory databases have no
    /// data_version to tell).</param>
    public GroupCommitWriter(Func<SqliteConnector> open, Action<SqliteConnector> prepare, Action written)
    {
        _open = open;
        _prepare = prepare;
        _written = written;
    }

    /// <summary>Transactions committed for grouped writes (one fsync each in WAL with synchronous=FULL).</summary>
    public long Commits => Interlocked.Read(ref _commits);

    /// <summary>Grouped writes that committed.</summary>
    public long GroupedWrites => Interlocked.Read(ref _groupedWrites);

    /// <summary>An already open connection to use (a named memory database is kept alive by it).</summary>
    public void Adopt(SqliteConnector connector) => _connector = connector;

    /// <summary>Runs <paramref name="write"/> in a savepoint of the next group; completes after its commit.</summary>
    public Task<T> InTransactionAsync<T>(Func<SqliteConnector, T> write) => Enqueue(new WriteItem<T>(write, grouped: true));

    /// <summary>Runs <paramref name="write"/> alone, outside any transaction of the writer's.</summary>
    public Task<T> ExclusiveAsync<T>(Func<SqliteConnector, T> write) => Enqueue(new WriteItem<T>(write, grouped: false));

    /// <summary>Stops taking writes, lets the queued ones finish, closes the connection.</summary>
    public async ValueTask DisposeAsync()
    {
        _queue.Writer.TryComplete();
        Task? loop;
        lock (_startLock)
        {
            loop = _loop;
        }
        if (loop is not null)
        {
            await loop.ConfigureAwait(false);
        }
        _connector?.Dispose();
    }

    private Task<T> Enqueue<T>(WriteItem<T> item)
    {
        if (!_queue.Writer.TryWrite(item))
        {
            throw new ObjectDisposedException(nameof(GroupCommitWriter));
        }
        lock (_startLock)
        {
            _loop ??= Task.Factory.StartNew(Run, CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default);
        }
        return item.Task;
    }

    private void Run()
    {
        var group = new List<WriteItem>(MaxGroupSize);
        while (_queue.Reader.WaitToReadAsync().AsTask().GetAwaiter().GetResult())
        {
            var connector = _connector ??= _open();
            // Everything queued now arrived while the previous transaction ran or committed: one group.
            while (group.Count < MaxGroupSize && _queue.Reader.TryRead(out var item))
            {
                if (item.Grouped)
                {
                    group.Add(item);
                    continue;
                }
                Commit(connector, group);
                RunExclusive(connector, item);
            }
            Commit(connector, group);
        }
    }

    private void RunExclusive(SqliteConnector connector, WriteItem item)
    {
        Exception? failure = null;
        _written();
        try
        {
            _prepare(connector);
            item.Run(connector);
        }
        catch (Exception ex)
        {
            failure = ex;
        }
        finally
        {
            if (!InAutocommit(connector))
            {
                // A write that left its transaction open must not hand it to the next one.
                TryExecute(connector.Connection, "ROLLBACK");
            }
            _written();
        }
        // Answered only once the write is marked ended, so a read made after the answer is never
        // taken for one made during the write (ContentVersion names no state mid-write).
        if (failure is null)
        {
            item.Succeed();
        }
        else
        {
            item.Fail(failure);
        }
    }

    /// <summary>Runs the group in one transaction, each write in its own savepoint, then commits once.</summary>
    private void Commit(SqliteConnector connector, List<WriteItem> group)
    {
        if (group.Count == 0)
        {
            return;
        }
        _written();
        Exception?[]? failed = null;
        try
        {
            failed = CommitCore(connector, group);
        }
        finally
        {
            _written();
            // As for an exclusive write: the answers go out after the end of the write is marked.
            if (failed is not null)
            {
                FinishGroup(group, failed);
            }
            group.Clear();
        }
    }

    /// <summary>Runs and commits the group; the error of each write that did not land (null for the ones that did).</summary>
    private Exception?[] CommitCore(SqliteConnector connector, List<WriteItem> group)
    {
        var failed = new Exception?[group.Count];
        while (true)
        {
            try
            {
                _prepare(connector);
                connector.Connection.Execute("BEGIN IMMEDIATE");
            }
            catch (Exception ex)
            {
                return FailAll(failed, ex);
            }
            var restart = false;
            for (var i = 0; i < group.Count && !restart; i++)
            {
                if (failed[i] is not null)
                {
                    continue;
                }
                try
                {
                    connector.Connection.Execute("SAVEPOINT " + Savepoint);
                    group[i].Run(connector);
                    if (InAutocommit(connector))
                    {
                        // The write ended the group's transaction itself (COMMIT or ROLLBACK in its SQL): what
                        // the writes before it did is no longer known, so none of them may be acknowledged.
                        // The ones after it run again in a new transaction.
                        var ended = new InvalidOperationException("A write may not end the writer's transaction");
                        for (var j = 0; j <= i; j++)
                        {
                            failed[j] ??= ended;
                        }
                        restart = true;
                        continue;
                    }
                    connector.Connection.Execute("RELEASE " + Savepoint);
                }
                catch (Exception ex)
                {
                    failed[i] = ex;
                    if (InAutocommit(connector))
                    {
                        // SQLite rolled the whole transaction back (an interrupt, a full disk, I/O error):
                        // the writes that had succeeded are replayed in a new one without this one.
                        restart = true;
                        continue;
                    }
                    TryExecute(connector.Connection, "ROLLBACK TO " + Savepoint);
                    TryExecute(connector.Connection, "RELEASE " + Savepoint);
                }
            }
            if (restart)
            {
                continue;
            }
            if (InAutocommit(connector))
            {
                return failed;
            }
            try
            {
                connector.Connection.Execute("COMMIT");
            }
            catch (Exception ex)
            {
                TryExecute(connector.Connection, "ROLLBACK");
                return FailAll(failed, ex);
            }
            Interlocked.Increment(ref _commits);
            return failed;
        }
    }

    private void FinishGroup(List<WriteItem> group, Exception?[] failed)
    {
        for (var i = 0; i < group.Count; i++)
        {
            if (failed[i] is { } error)
            {
                group[i].Fail(error);
            }
            else
            {
                Interlocked.Increment(ref _groupedWrites);
                group[i].Succeed();
            }
        }
    }

    private static Exception?[] FailAll(Exception?[] failed, Exception error)
    {
        for (var i = 0; i < failed.Length; i++)
        {
            failed[i] ??= error;
        }
        return failed;
    }

    private static bool InAutocommit(SqliteConnector connector) => raw.sqlite3_get_autocommit(connector.Connection.Handle) != 0;

    private static void TryExecute(SqliteConnection connection, string sql)
    {
        try
        {
            connection.Execute(sql);
        }
        catch (SqliteException)
        {
            // Nothing left to undo (SQLite already rolled back): the state is what it must be.
        }
    }

    private abstract class WriteItem(bool grouped)
    {
        public bool Grouped { get; } = grouped;

        /// <summary>Runs the write; its result is kept until <see cref="Succeed"/> (a replay overwrites it).</summary>
        public abstract void Run(SqliteConnector connector);

        public abstract void Succeed();

        public abstract void Fail(Exception error);
    }

    private sealed class WriteItem<T>(Func<SqliteConnector, T> write, bool grouped) : WriteItem(grouped)
    {
        private readonly TaskCompletionSource<T> _completion = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private T _result = default!;

        public Task<T> Task => _completion.Task;

        public override void Run(SqliteConnector connector) => _result = write(connector);

        public override void Succeed() => _completion.TrySetResult(_result);

        public override void Fail(Exception error) => _completion.TrySetException(error);
    }
}
