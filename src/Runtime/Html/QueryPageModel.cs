namespace Datasette.Gen.Runtime.Html;

/// <summary>The arbitrary-SQL and stored-query pages (html-ui.md §6).</summary>
internal sealed partial class QueryPageModel
{
    public required PageChrome Chrome { get; init; }

    public required string Heading { get; init; }

    /// <summary>The stored query's name, or null for arbitrary SQL.</summary>
    public string? QueryName { get; init; }

    public string? DescriptionHtml { get; init; }

    /// <summary>GET for reads, POST for stored write queries.</summary>
    public required string FormMethod { get; init; }

    public required string FormAction { get; init; }

    public string Sql { get; init; } = "";

    /// <summary>A stored query shows its SQL read-only; arbitrary SQL is an editable textarea.</summary>
    public bool IsStored { get; init; }

    public bool ShowSql { get; init; } = true;

    /// <summary>The "hide" / "show" SQL toggle.</summary>
    public LinkItem? SqlToggle { get; init; }

    public string? Error { get; init; }

    public IReadOnlyList<KeyValuePair<string, string>> Parameters { get; init; } = [];

    /// <summary>"Custom SQL query returning 3 rows", or null before any SQL ran.</summary>
    public string? ResultHeading { get; init; }

    /// <summary>Why the Run button is disabled (write query on an immutable database), or null.</summary>
    public string? CannotRun { get; init; }

    public IReadOnlyList<LinkItem> Exports { get; init; } = [];

    public RowsTable? Rows { get; init; }

    /// <summary>The save form for this SQL (<c>/{db}/-/queries/store?sql=</c>), when the actor may store it.</summary>
    public string? SaveQueryUrl { get; init; }
}
