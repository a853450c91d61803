using System.Runtime.InteropServices;
using Datasette.Gen.Runtime.Data;

namespace Datasette.Gen.Runtime.Hosting;

/// <summary>
/// Gives memory back when the server goes quiet. Requests mark it busy; a once-a-second tick that
/// finds a busy spell followed by a whole quiet second empties the idle read connections' page
/// caches, runs a compacting collection and returns free C heap pages to the system. A mostly idle
/// server then holds what it needs at rest rather than its peak under load; nothing runs while
/// requests keep coming, and a quiet server is trimmed once, not every second.
/// </summary>
internal sealed class IdleMemoryTrimmer : IDisposable
{
    private readonly Func<IEnumerable<Database>> _databases;
    private readonly Timer? _timer;
    private readonly object _tickLock = new();
    private int _busy;
    private bool _untrimmed;

    /// <param name="databases">The databases whose idle connections to shrink, read at each trim.</param>
    /// <param name="period">How long the server must be quiet; null for no timer (ticks by hand).</param>
    public IdleMemoryTrimmer(Func<IEnumerable<Database>> databases, TimeSpan? period)
    {
        _databases = databases;
        if (period is { } every)
        {
            _timer = new Timer(_ => TickFromTimer(), null, every, every);
        }
    }

    /// <summary>How many times memory has been trimmed.</summary>
    public int Trims { get; private set; }

    /// <summary>Called for every request; a plain flag, so the hot path pays one read and rarely a write.</summary>
    public void NoteActivity()
    {
        if (Volatile.Read(ref _busy) == 0)
        {
            Volatile.Write(ref _busy, 1);
        }
    }

    /// <summary>One look at the server: trims when it was busy before and quiet since the last look.</summary>
    public bool Tick()
    {
        if (!Monitor.TryEnter(_tickLock))
        {
            return false;
        }
        try
        {
            if (Interlocked.Exchange(ref _busy, 0) == 1)
            {
                _untrimmed = true;
                return false;
            }
            if (!_untrimmed)
            {
                return false;
            }
            _untrimmed = false;
            Trim();
            Trims++;
            return true;
        }
        finally
        {
            Monitor.Exit(_tickLock);
        }
    }

    private void TickFromTimer()
    {
        try
        {
            Tick();
        }
        catch (Exception ex)
        {
            // Trimming is an economy, never a reason for the server to stop: an exception escaping a
            // timer callback would end the process.
            Console.Error.WriteLine($"warn: Datasette: giving memory back failed: {ex.Message}");
        }
    }

    private void Trim()
    {
        foreach (var database in _databases())
        {
            if (!database.IsClosed)
            {
                database.ReleaseIdleMemory();
            }
        }
        GC.Collect(GC.MaxGeneration, GCCollectionMode.Aggressive, blocking: true, compacting: true);
        ReturnFreeHeapPages();
    }

    /// <summary>glibc keeps freed blocks (SQLite's page caches among them) in its arenas; malloc_trim hands whole free pages back.</summary>
    private static void ReturnFreeHeapPages()
    {
        if (!OperatingSystem.IsLinux())
        {
            return;
        }
        try
        {
            _ = MallocTrim(0);
        }
        catch (Exception ex) when (ex is DllNotFoundException or EntryPointNotFoundException)
        {
            // Not glibc (musl has no malloc_trim): nothing to hand back this way.
        }
    }

    [DllImport("libc.so.6", EntryPoint = "malloc_trim")]
    private static extern int MallocTrim(nuint pad);

    public void Dispose() => _timer?.Dispose();
}
