namespace Datasette.Gen.Runtime.Html;

/// <summary>The row page (html-ui.md §5).</summary>
internal sealed partial class RowPageModel
{
    public required PageChrome Chrome { get; init; }

    /// <summary>"table: pk1, pk2".</summary>
    public required string Heading { get; init; }

    public bool IsPrivate { get; init; }

    public required string JsonUrl { get; init; }

    public required RowsTable Row { get; init; }

    /// <summary>"1 row from f1 in complex_foreign_keys", each linking to the filtered table.</summary>
    public IReadOnlyList<LinkItem> IncomingLinks { get; init; } = [];
}
