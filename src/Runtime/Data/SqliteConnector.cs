using System;
using System.Diagnostics;
using Microsoft.Data.Sqlite;
using SQLitePCL;

namespace Datasette.Gen.Runtime.Data;

/// <summary>
/// One open SQLite connection plus the progress handler that enforces time limits:
/// SQLite calls back every N virtual-machine steps and the statement is interrupted once
/// the deadline has passed, as Datasette does.
/// </summary>
public sealed class SqliteConnector : IDisposable
{
    private const int StepsBetweenChecks = 1000;

    private readonly delegate_progress _onProgress;
    private long _deadline = long.MaxValue;
    private int _steps;

    public SqliteConnector(SqliteConnection connection)
    {
        Connection = connection;
        _onProgress = OnProgress;
        SetSteps(StepsBetweenChecks);
    }

    public SqliteConnection Connection { get; }

    /// <summary>The instance's prepare_connection hooks have run on this connection.</summary>
    internal bool Prepared { get; set; }

    /// <summary>Arms the time limit for the next statement; null or zero means no limit.</summary>
    public void StartTimeLimit(int? milliseconds)
    {
        if (milliseconds is null or <= 0)
        {
            _deadline = long.MaxValue;
            return;
        }
        SetSteps(milliseconds <= 20 ? 1 : StepsBetweenChecks);
        _deadline = Stopwatch.GetTimestamp() + (milliseconds.Value * Stopwatch.Frequency / 1000);
    }

    public void ClearTimeLimit() => _deadline = long.MaxValue;

    /// <summary>SQLite's own message for the last error on this connection.</summary>
    public string LastErrorMessage() => raw.sqlite3_errmsg(Connection.Handle).utf8_to_string();

    public void Dispose() => Connection.Dispose();

    private void SetSteps(int steps)
    {
        if (steps != _steps)
        {
            _steps = steps;
            raw.sqlite3_progress_handler(Connection.Handle, steps, _onProgress, null);
        }
    }

    private int OnProgress(object userData) => Stopwatch.GetTimestamp() > _deadline ? 1 : 0;
}
