namespace Datasette.Gen.Runtime.Html;

/// <summary>The instance index (html-ui.md §2).</summary>
internal sealed partial class IndexPageModel
{
    public required PageChrome Chrome { get; init; }

    public required string Heading { get; init; }

    public bool IsPrivate { get; init; }

    public string? DescriptionHtml { get; init; }

    public IReadOnlyList<IndexDatabase> Databases { get; init; } = [];
}

/// <summary>
/// One database: its colour, the summary line ("1,260 rows in 23 tables, 4 views"), its first
/// tables and views, and whether more exist.
/// </summary>
internal sealed partial record IndexDatabase(string Name, string Url, string Color, bool IsPrivate, string Summary, IReadOnlyList<IndexTable> Tables, bool More);

internal sealed partial record IndexTable(string Name, string Url, string? Title, bool IsPrivate);
