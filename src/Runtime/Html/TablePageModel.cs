namespace Datasette.Gen.Runtime.Html;

/// <summary>The table or view page (html-ui.md §4), everything already decided: the slice only lays it out.</summary>
internal sealed partial class TablePageModel
{
    public required PageChrome Chrome { get; init; }

    public required string Database { get; init; }

    public required string Table { get; init; }

    /// <summary>The table's path (base URL included), the target of the filter form.</summary>
    public required string TableUrl { get; init; }

    public required string Heading { get; init; }

    public bool IsView { get; init; }

    public bool IsPrivate { get; init; }

    /// <summary>Trusted HTML (<c>description_html</c>) or the escaped <c>description</c>, or null.</summary>
    public string? DescriptionHtml { get; init; }

    public IReadOnlyList<KeyValuePair<string, string>> ColumnDescriptions { get; init; } = [];

    /// <summary>"15 rows where state = "CA" sorted by pk", or null when the count is unknown.</summary>
    public string? CountHeading { get; init; }

    /// <summary>The count stopped at the cap: the page offers "count all".</summary>
    public bool CountTruncated { get; init; }

    public required FilterForm Filters { get; init; }

    public IReadOnlyList<RemovableClause> Wheres { get; init; } = [];

    /// <summary>"View and edit SQL" target, when the actor may run SQL.</summary>
    public string? EditSqlUrl { get; init; }

    public IReadOnlyList<LinkItem> Renderers { get; init; } = [];

    public required string CsvUrl { get; init; }

    public IReadOnlyList<SuggestedFacet> SuggestedFacets { get; init; } = [];

    public IReadOnlyList<string> FacetsTimedOut { get; init; } = [];

    public IReadOnlyList<FacetBox> Facets { get; init; } = [];

    public required RowsTable Rows { get; init; }

    public string? NextUrl { get; init; }

    public required AdvancedExport Export { get; init; }

    /// <summary>The CREATE TABLE / CREATE VIEW statement.</summary>
    public string? Definition { get; init; }
}

internal sealed partial record LinkItem(string Label, string Url);

/// <summary>A <c>_where</c> clause with the URL that drops it.</summary>
internal sealed record RemovableClause(string Sql, string RemoveUrl);

internal sealed record SuggestedFacet(string Name, string? Type, string Url);

internal sealed record FacetBox(string Name, string? Type, bool Hideable, string? RemoveUrl, bool Truncated, string? MoreUrl, IReadOnlyList<FacetItem> Values);

internal sealed record FacetItem(string Label, long Count, string ToggleUrl, bool Selected);

/// <summary>The filter form of the table page, in Datasette's field names.</summary>
internal sealed class FilterForm
{
    /// <summary>The search box's current value, or null when the table has no full-text search.</summary>
    public string? Search { get; init; }

    public bool HasSearch { get; init; }

    public IReadOnlyList<FilterRow> Active { get; init; } = [];

    /// <summary>Columns offered in a filter row's column select.</summary>
    public IReadOnlyList<string> Columns { get; init; } = [];

    public IReadOnlyList<string> SortableColumns { get; init; } = [];

    public string? Sort { get; init; }

    public bool SortDescending { get; init; }

    /// <summary>Other <c>_</c> arguments the form carries forward as hidden inputs.</summary>
    public IReadOnlyList<KeyValuePair<string, string>> HiddenArgs { get; init; } = [];
}

internal sealed record FilterRow(string Column, string Op, string Value);

/// <summary>The rows table: headers and pre-rendered cells.</summary>
internal sealed partial class RowsTable
{
    public IReadOnlyList<HeaderCell> Headers { get; init; } = [];

    public IReadOnlyList<RowCells> Rows { get; init; } = [];

    /// <summary>"0 records" / "0 results" when there are no rows.</summary>
    public string ZeroText { get; init; } = "0 records";
}

/// <summary>
/// A column heading: its data-* hooks and, when sortable, the link and arrow
/// (▼ ascending now, ▲ descending now).
/// </summary>
internal sealed partial record HeaderCell(string Column, string CssClass, string? Type, bool NotNull, bool IsPk, bool IsLinkColumn, string? Description, string? SortUrl, string? Arrow);

internal sealed partial record RowCells(string? RowPath, IReadOnlyList<Cell> Cells);

/// <summary>
/// One cell: its classes and its HTML, already escaped by <see cref="CellHtml"/>. <see cref="OpenTagUtf8"/>, when
/// given, is its encoded <c>&lt;td&gt;</c> tag in UTF-8 (<see cref="CellTags"/>), shared by the cells of a column and type.
/// A struct: a page of a hundred rows has a thousand cells, held in their rows' arrays rather than as objects of their own.
/// </summary>
internal readonly partial record struct Cell(string CssClass, string Column, string Html)
{
    public byte[]? OpenTagUtf8 { get; init; }
}

/// <summary>The advanced export block (<c>#export</c>).</summary>
internal sealed class AdvancedExport
{
    public IReadOnlyList<LinkItem> JsonShapes { get; init; } = [];

    /// <summary>The CSV form's action (the .csv path) and the hidden arguments it carries.</summary>
    public required string CsvAction { get; init; }

    public IReadOnlyList<KeyValuePair<string, string>> CsvHiddenArgs { get; init; } = [];

    public bool OfferLabels { get; init; }

    public bool OfferStream { get; init; }
}
