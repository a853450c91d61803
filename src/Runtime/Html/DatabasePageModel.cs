namespace Datasette.Gen.Runtime.Html;

/// <summary>The database page (html-ui.md §3).</summary>
internal sealed partial class DatabasePageModel
{
    public required PageChrome Chrome { get; init; }

    public required string Database { get; init; }

    public required string Heading { get; init; }

    public bool IsPrivate { get; init; }

    public string? DescriptionHtml { get; init; }

    /// <summary>The SQL editor's form target and starting SQL; null when the actor may not run SQL.</summary>
    public SqlEditor? Editor { get; init; }

    public IReadOnlyList<ListedQuery> Queries { get; init; } = [];

    /// <summary>"View N queries" link when more exist than are listed.</summary>
    public LinkItem? MoreQueries { get; init; }

    public required string SchemaUrl { get; init; }

    public IReadOnlyList<ListedTable> Tables { get; init; } = [];

    /// <summary>"… and N hidden tables" link, when hidden tables are not shown.</summary>
    public LinkItem? HiddenTables { get; init; }

    public IReadOnlyList<ListedTable> Views { get; init; } = [];

    public LinkItem? Download { get; init; }
}

/// <summary>The SQL form: GET to <paramref name="Action"/>, textarea <c>#sql-editor[name=sql]</c>.</summary>
internal sealed record SqlEditor(string Action, string Sql, string ParametersUrl);

internal sealed partial record ListedQuery(string Label, string Url, string Tooltip, bool IsPrivate);

/// <summary>A table or view in a list: its columns and count line ("Many rows", "1 row", ">10,000 rows").</summary>
internal sealed partial record ListedTable(string Name, string Url, bool IsPrivate, bool IsHidden, IReadOnlyList<string> Columns, string? CountText);
