using Datasette.Gen.Runtime.Data;
using Datasette.Gen.Runtime.Endpoints.Databases;

namespace Datasette.Gen.Runtime.Endpoints.Instance;

/// <summary>
/// What the instance index lists for one request, gathered once by <see cref="IndexView"/>:
/// <c>/.json</c> is written from it and the HTML page built from it, so which tables are shown,
/// their order, counts and sums are decided in one place.
/// </summary>
internal sealed record IndexContent(IReadOnlyList<IndexDatabaseContent> Databases, IReadOnlyList<KeyValuePair<string, string>> Metadata);

/// <summary>
/// One database the actor may see: its first tables (most related, then largest), the views that
/// fill the list up, and the totals of its shown and hidden tables.
/// </summary>
internal sealed class IndexDatabaseContent
{
    public required Database Database { get; init; }

    public required bool IsPrivate { get; init; }

    public required IReadOnlyList<IndexListedTable> Tables { get; init; }

    public required IReadOnlyList<ListedView> Views { get; init; }

    /// <summary>More tables and views exist than are listed.</summary>
    public required bool More { get; init; }

    /// <summary>Every table was counted in time: the sums are row counts, else zero and not shown.</summary>
    public required bool Counted { get; init; }

    public required int TablesCount { get; init; }

    public required long TableRowsSum { get; init; }

    public required int HiddenTablesCount { get; init; }

    public required long HiddenTableRowsSum { get; init; }

    public required int ViewsCount { get; init; }
}

/// <summary>A listed table: its row count (null when the database was not counted) and the relationships it was sorted by.</summary>
internal sealed record IndexListedTable(TableInfo Table, long? Count, int Relationships, bool IsPrivate);
