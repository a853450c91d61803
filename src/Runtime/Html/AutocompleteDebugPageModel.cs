namespace Datasette.Gen.Runtime.Html;

/// <summary>
/// <c>/-/debug/autocomplete</c> (routes.md §11): a form naming a table; then the autocomplete widget
/// on that table, an inline error, or (without a table) suggested tables that have a label column.
/// </summary>
internal sealed partial class AutocompleteDebugPageModel
{
    public required PageChrome Chrome { get; init; }

    public required string Action { get; init; }

    public string? Database { get; init; }

    public string? Table { get; init; }

    public string? Error { get; init; }

    /// <summary>The table's <c>/-/autocomplete</c>, when one was named and found.</summary>
    public string? AutocompleteUrl { get; init; }

    public string? LabelColumn { get; init; }

    /// <summary>Null unless the page lists suggestions (no table named).</summary>
    public IReadOnlyList<AutocompleteSuggestion>? Suggestions { get; init; }

    public int Scanned { get; init; }

    public bool ReachedScanLimit { get; init; }
}

internal sealed record AutocompleteSuggestion(string Database, string Table, string LabelColumn, string Url);
