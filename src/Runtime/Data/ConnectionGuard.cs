using SQLitePCL;

namespace Datasette.Gen.Runtime.Data;

/// <summary>
/// What SQL from a request may not reach, enforced on every connection a <see cref="Database"/>
/// opens (requests' SQL runs on its read connections; write queries bind request values on its
/// writer). The textual checks of <c>ReadOnlySql</c> only see arbitrary SQL; this applies to
/// stored queries, <c>_where</c>, facets and plugins' SQL alike, because SQLite itself refuses.
/// docs/sql-safety.md explains each choice to publishers.
/// </summary>
internal static class ConnectionGuard
{
    private const int SqliteRead = 20;
    private const int SqliteAttach = 24;
    private const int SqliteDetach = 25;
    private const int SqliteFunction = 31;

    // Functions that reach past the database: fts3_tokenizer(name, blob) installs a pointer to
    // native code (the next FTS3 query jumps to it) and fts3_tokenizer(name) returns one; Debian
    // compiles SQLite with SQLITE_ENABLE_FTS3_TOKENIZER, so SQLITE_DBCONFIG_ENABLE_FTS3_TOKENIZER
    // cannot turn the two-argument form off. load_extension() loads native code from a file.
    private static readonly Dictionary<string, string> DeniedFunctions = new(StringComparer.OrdinalIgnoreCase)
    {
        ["fts3_tokenizer"] = "it reads and replaces pointers in the server's memory",
        ["load_extension"] = "it loads native code from a file",
    };

    // sqlite_stmt lists the SQL of every statement prepared on the connection, and connections are
    // shared by all requests; sqlite_dbpage reads raw pages past any table permission.
    private static readonly Dictionary<string, string> DeniedTables = new(StringComparer.OrdinalIgnoreCase)
    {
        ["sqlite_stmt"] = "it shows SQL that other requests ran on a shared connection",
        ["sqlite_dbpage"] = "it reads raw database pages",
    };

    // Built-in functions whose result is not fixed by the database's contents: an answer that calls
    // one may differ on the next identical request, so it is never named by an ETag nor cached. The
    // date functions vary only with 'now', but telling needs their arguments: all of them count.
    // Functions added by plugins and extensions count unless declared deterministic (UndeclaredFunctions).
    private static readonly HashSet<string> VaryingFunctions = new(StringComparer.OrdinalIgnoreCase)
    {
        "random", "randomblob", "changes", "total_changes", "last_insert_rowid",
        "date", "time", "datetime", "julianday", "unixepoch", "strftime", "timediff",
        "current_date", "current_time", "current_timestamp",
    };

    private static readonly delegate_authorizer Authorizer = Authorize;

    /// <summary>Applies the guards to a newly opened connection; <paramref name="maxValueBytes"/> of 0 keeps SQLite's own limit.</summary>
    public static void Apply(SqliteConnector connector, bool readOnly, long maxValueBytes)
    {
        var db = connector.Connection.Handle;
        // Belt and braces: off where SQLite honours it (builds without SQLITE_ENABLE_FTS3_TOKENIZER).
        raw.sqlite3_db_config(db, raw.SQLITE_DBCONFIG_ENABLE_FTS3_TOKENIZER, 0, out _);
        if (readOnly)
        {
            // No SQL may deliberately corrupt a file (writable_schema, schema_version, sqlite_dbpage
            // writes, shadow-table writes). Only readers: the writer keeps FTS shadow tables writable
            // for plugins that maintain them. trusted_schema stays on: views and triggers are the
            // publisher's, and may call plugin functions, which are not registered as innocuous.
            raw.sqlite3_db_config(db, raw.SQLITE_DBCONFIG_DEFENSIVE, 1, out _);
        }
        if (maxValueBytes > 0)
        {
            // One string or blob (zeroblob, randomblob, printf widths, replace, group_concat) may not
            // grow past this: SQLite fails the statement with SQLITE_TOOBIG instead of allocating.
            raw.sqlite3_limit(db, raw.SQLITE_LIMIT_LENGTH, (int)Math.Min(maxValueBytes, int.MaxValue));
            connector.MaxValueBytes = maxValueBytes;
        }
        raw.sqlite3_set_authorizer(db, Authorizer, connector);
    }

    /// <summary>SQLite asks while preparing each statement (including those of views, triggers and FTS internals).</summary>
    private static int Authorize(object userData, int action, utf8z first, utf8z second, utf8z database, utf8z innermost)
    {
        var connector = (SqliteConnector)userData;
        connector.AuthorizerObserver?.Invoke(action, first.utf8_to_string(), second.utf8_to_string(), database.utf8_to_string(), innermost.utf8_to_string());
        if (action == SqliteFunction && Varies(connector, second.utf8_to_string()))
        {
            connector.PreparedVaryingFunction = true;
        }
        string? denial = action switch
        {
            SqliteFunction when Reason(DeniedFunctions, second.utf8_to_string()) is { } reason => $"{second.utf8_to_string().ToLowerInvariant()}() is not allowed: {reason}",
            SqliteRead when Reason(DeniedTables, first.utf8_to_string()) is { } reason => $"{first.utf8_to_string().ToLowerInvariant()} is not allowed: {reason}",
            SqliteAttach or SqliteDetach => "ATTACH and DETACH are not allowed: they open other files",
            _ => null,
        };
        if (denial is null)
        {
            return raw.SQLITE_OK;
        }
        connector.LastDenial = denial;
        return raw.SQLITE_DENY;
    }

    private static bool Varies(SqliteConnector connector, string? function) =>
        function is not null && (VaryingFunctions.Contains(function) || connector.AddedVaryingFunctions?.Contains(function) == true);

    private static string? Reason(Dictionary<string, string> denied, string? name) =>
        name is not null && denied.TryGetValue(name, out var reason) ? reason : null;
}
