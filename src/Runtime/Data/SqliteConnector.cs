using System.Diagnostics;
using Microsoft.Data.Sqlite;
using SQLitePCL;

namespace Datasette.Gen.Runtime.Data;

/// <summary>
/// One open SQLite connection plus the progress handler that enforces time limits:
/// SQLite calls back every N virtual-machine steps and the statement is interrupted once
/// the deadline has passed, as Datasette does, or once the request it runs for was aborted
/// (<see cref="RequestScope.Aborted"/>).
/// </summary>
public sealed class SqliteConnector : IDisposable
{
    private const int StepsBetweenChecks = 1000;
    private const int SqliteNoMem = 7;
    private const int SqliteTooBig = 18;

    private readonly delegate_progress _onProgress;
    private long _deadline = long.MaxValue;
    private CancellationToken _aborted;
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

    /// <summary>What the authorizer (<see cref="ConnectionGuard"/>) refused last, for the error message.</summary>
    internal string? LastDenial { get; set; }

    /// <summary>
    /// Functions the connection's set-up (prepare_connection hooks, extensions) registered without
    /// declaring them deterministic; null until that set-up ran (see <see cref="UndeclaredFunctions"/>).
    /// </summary>
    internal HashSet<string>? AddedVaryingFunctions { get; set; }

    /// <summary>Set while a statement prepares when it calls a function whose result the data does not fix (see ConnectionGuard).</summary>
    internal bool PreparedVaryingFunction { get; set; }

    /// <summary>
    /// Shown every authorizer call while set (action, first, second, schema, innermost trigger or
    /// view), before the guard decides: how write SQL is analysed (<c>WriteSqlAnalyzer</c>).
    /// </summary>
    internal Action<int, string?, string?, string?, string?>? AuthorizerObserver { get; set; }

    /// <summary>
    /// Arms the time limit for the next statement (null: none, for the server's own SQL; zero
    /// or less: already expired, as in Datasette) and ties it to the current request's abort token.
    /// </summary>
    public void StartTimeLimit(int? milliseconds)
    {
        _aborted = RequestScope.Aborted;
        LastDenial = null;
        if (milliseconds is null)
        {
            _deadline = long.MaxValue;
            return;
        }
        SetSteps(milliseconds <= 20 ? 1 : StepsBetweenChecks);
        _deadline = Stopwatch.GetTimestamp() + (milliseconds.Value * Stopwatch.Frequency / 1000);
    }

    public void ClearTimeLimit()
    {
        _deadline = long.MaxValue;
        _aborted = CancellationToken.None;
    }

    /// <summary>The largest string or blob a statement may make (SQLITE_LIMIT_LENGTH), 0 for SQLite's own limit.</summary>
    internal long MaxValueBytes { get; set; }

    /// <summary>
    /// The message for a failed statement: SQLite's own, made clearer where the cause is one of
    /// this server's guards (an authorizer denial, the value-size limit, the memory limit).
    /// </summary>
    internal string Explain(int resultCode, string sqliteMessage) => (resultCode & 0xff) switch
    {
        // SQLite reports some denials as SQLITE_ERROR ("not authorized to use function: …",
        // "access to sqlite_stmt.sql is prohibited"); the authorizer noted which while preparing.
        _ when LastDenial is { } denial && (sqliteMessage.StartsWith("not authorized", StringComparison.Ordinal) || sqliteMessage.StartsWith("access to ", StringComparison.Ordinal)) => denial,
        SqliteTooBig when MaxValueBytes > 0 =>
            $"{sqliteMessage}: a value may hold at most {MaxValueBytes / (1024 * 1024)} MB (the max_value_mb setting)",
        SqliteNoMem => $"{sqliteMessage}: the query needed more memory than the server allows (the max_sqlite_memory_mb setting)",
        _ => sqliteMessage,
    };

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

    private int OnProgress(object userData) => Stopwatch.GetTimestamp() > _deadline || _aborted.IsCancellationRequested ? 1 : 0;
}
