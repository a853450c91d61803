namespace Datasette.Gen.Runtime.Html;

/// <summary>
/// The execute-write page (html-ui.md §8): the SQL form, what the SQL would do and whether the actor
/// may, statement templates per table, and after a POST what running it did.
/// </summary>
internal sealed partial class ExecuteWritePageModel
{
    public required PageChrome Chrome { get; init; }

    public required string Database { get; init; }

    public required string DatabaseUrl { get; init; }

    /// <summary>The page itself: the form posts here, templates link here with <c>?sql=</c>.</summary>
    public required string FormUrl { get; init; }

    public string Sql { get; init; } = "";

    /// <summary>One input per named parameter, <c>_sql_param_</c>-prefixed, with the value last sent.</summary>
    public IReadOnlyList<KeyValuePair<string, string>> Parameters { get; init; } = [];

    public string? AnalysisError { get; init; }

    public IReadOnlyList<AnalysisRow> Analysis { get; init; } = [];

    /// <summary>Why Execute is disabled, or null when it is enabled.</summary>
    public string? DisabledReason { get; init; }

    public IReadOnlyList<WriteTemplateTable> Templates { get; init; } = [];

    public string? CreateTableTemplateUrl { get; init; }

    /// <summary>The execution's outcome after a POST: its message, and whether it worked.</summary>
    public string? ExecutionMessage { get; init; }

    public bool ExecutionOk { get; init; }

    public IReadOnlyList<LinkItem> ExecutionLinks { get; init; } = [];

    /// <summary>RETURNING rows (null when the statement returned none).</summary>
    public RowsTable? ReturnedRows { get; init; }

    public bool ReturnedTruncated { get; init; }

    public string? SaveQueryUrl { get; init; }
}

/// <summary>One operation of the analysis; <paramref name="Allowed"/> null when no permission decides it.</summary>
internal sealed record AnalysisRow(string Operation, string? Table, string RequiredPermission, string? Source, bool? Allowed);

/// <summary>A table's statement templates the actor may run: label and the page URL that fills it in.</summary>
internal sealed record WriteTemplateTable(string Table, IReadOnlyList<LinkItem> Links);
