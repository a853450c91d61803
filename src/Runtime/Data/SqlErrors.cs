namespace Datasette.Gen.Runtime.Data;

/// <summary>SQLite rejected or failed a statement; <see cref="Exception.Message"/> is SQLite's own text.</summary>
public sealed class SqlErrorException(string message) : Exception(message);

/// <summary>A statement ran past its time limit and was interrupted.</summary>
public sealed class QueryInterruptedException(string sql) : Exception("SQL query took too long. The time limit is controlled by the sql_time_limit_ms setting.")
{
    public string Sql { get; } = sql;
}
