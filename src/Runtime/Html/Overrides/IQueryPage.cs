namespace Datasette.Gen.Runtime.Html;

/// <summary>The model of <c>query-DB-QUERY.html</c>, <c>query-DB.html</c> and <c>query.html</c> (arbitrary SQL and stored queries).</summary>
public interface IQueryPage : IPage
{
    string Database { get; }

    /// <summary>The stored query's title or name, or the database's name for arbitrary SQL.</summary>
    string Heading { get; }

    /// <summary>The stored query's name, or null for arbitrary SQL.</summary>
    string? Query { get; }

    string Sql { get; }

    /// <summary>A stored query (its SQL is not editable) rather than arbitrary SQL.</summary>
    bool IsStored { get; }

    /// <summary>The SQL error, or null.</summary>
    string? Error { get; }

    /// <summary>The results, or null before any SQL ran (and for write queries).</summary>
    IRowsTable? Rows { get; }
}
