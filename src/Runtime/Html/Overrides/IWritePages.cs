namespace Datasette.Gen.Runtime.Html;

// The models of the write and stored-query pages, by Datasette's template names. Each holds what its
// built-in page shows, already decided by the endpoint (permissions, analysis, outcome).

/// <summary><c>execute_write.html</c>: <c>/DB/-/execute-write</c>, its SQL form and, after a POST, what running it did.</summary>
public interface IExecuteWritePage : IPage
{
    string Database { get; }

    /// <summary>Where the form posts.</summary>
    string FormUrl { get; }

    string Sql { get; }

    /// <summary>Why the SQL may not run (the Execute button is disabled), or null when it may.</summary>
    string? DisabledReason { get; }

    /// <summary>After a POST, what running the SQL did or why it failed; null before.</summary>
    string? ExecutionMessage { get; }

    bool ExecutionOk { get; }

    /// <summary>The rows a RETURNING clause gave, or null.</summary>
    IRowsTable? ReturnedRows { get; }
}

/// <summary><c>query_list.html</c>: <c>/-/queries</c> and <c>/DB/-/queries</c>.</summary>
public interface IQueryListPage : IPage
{
    /// <summary>The database listed, or null for every database.</summary>
    string? Database { get; }

    /// <summary>The search text (<c>?q=</c>).</summary>
    string Search { get; }

    IReadOnlyList<IListedQuery> Queries { get; }

    /// <summary>The next page of the list, or null.</summary>
    string? NextUrl { get; }
}

/// <summary>A stored query of the list: its label (title or name) and its page's URL.</summary>
public interface IListedQuery : ILink
{
    string Database { get; }

    string Name { get; }

    string? Description { get; }

    bool IsWrite { get; }

    bool IsPrivate { get; }
}

/// <summary><c>query_create.html</c> (<c>/DB/-/queries/store</c>) and <c>query_edit.html</c> (<c>/DB/QUERY/-/edit</c>).</summary>
public interface IQueryFormPage : IPage
{
    string Heading { get; }

    string Database { get; }

    /// <summary>Where the form posts.</summary>
    string FormAction { get; }

    /// <summary>The stored query's page when editing, null on the create form.</summary>
    string? QueryUrl { get; }

    string Name { get; }

    /// <summary>The stored query's title as entered (the page's own title is <see cref="IPage.Title"/>).</summary>
    string QueryTitle { get; }

    string Description { get; }

    string Sql { get; }

    bool IsPrivate { get; }

    /// <summary>The save button's label, and whether the actor may save this SQL.</summary>
    string SaveLabel { get; }

    bool SaveDisabled { get; }
}

/// <summary><c>query_delete.html</c>: the confirmation before a stored query is deleted.</summary>
public interface IQueryDeletePage : IPage
{
    string Heading { get; }

    string QueryUrl { get; }

    string? Description { get; }

    string Sql { get; }
}
