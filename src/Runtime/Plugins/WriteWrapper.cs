using System.Runtime.ExceptionServices;
using Datasette.Gen.Runtime.Events;
using Microsoft.Data.Sqlite;

namespace Datasette.Gen.Runtime.Plugins;

/// <summary>
/// What a <c>write_wrapper</c> hook returns: code run on the writer's thread around one write (the
/// generator of Datasette's hook). Code before <see cref="WriteCall.Proceed"/> runs before the write,
/// code after it runs after, inside the same transaction: throwing fails the write and rolls it back.
/// </summary>
public delegate void WriteWrapper(WriteCall write);

/// <summary>
/// The write a <see cref="WriteWrapper"/> is wrapped around. Call <see cref="Proceed"/> once: it runs
/// the write (and any wrappers inside this one) and returns its result, or throws its exception,
/// which the wrapper may observe but not swallow (the write still fails with it). A wrapper that
/// returns without calling it has the write run after it, unwrapped.
/// </summary>
public sealed class WriteCall
{
    private readonly Func<object?> _inner;
    private readonly Action<DatasetteEvent> _track;
    private bool _proceeded;
    private object? _result;
    private ExceptionDispatchInfo? _failure;

    internal WriteCall(SqliteConnection connection, string database, Func<object?> inner, Action<DatasetteEvent> track)
    {
        Connection = connection;
        Database = database;
        _inner = inner;
        _track = track;
    }

    /// <summary>The writer's connection, the one the write uses: an authorizer or pragma set here applies to it.</summary>
    public SqliteConnection Connection { get; }

    /// <summary>The name of the database written to.</summary>
    public string Database { get; }

    /// <summary>Runs the write and returns its result (boxed; null for writes without one).</summary>
    public object? Proceed()
    {
        if (_proceeded)
        {
            throw new InvalidOperationException("A write wrapper may proceed with its write only once.");
        }
        _proceeded = true;
        try
        {
            _result = _inner();
            return _result;
        }
        catch (Exception ex)
        {
            _failure = ExceptionDispatchInfo.Capture(ex);
            throw;
        }
    }

    /// <summary>
    /// Queues <paramref name="datasetteEvent"/> for <see cref="Datasette.TrackEventAsync"/> once the
    /// write has committed; dropped if it fails.
    /// </summary>
    public void TrackEvent(DatasetteEvent datasetteEvent)
    {
        ArgumentNullException.ThrowIfNull(datasetteEvent);
        _track(datasetteEvent);
    }

    /// <summary>After the wrapper returned: runs a write it never proceeded with, and rethrows a failure it swallowed.</summary>
    internal object? Finish()
    {
        if (!_proceeded)
        {
            return Proceed();
        }
        _failure?.Throw();
        return _result;
    }
}
