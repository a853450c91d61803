namespace Datasette.Gen.Runtime.Html;

/// <summary>
/// The rows table of a table, row or query page, and the model of <c>_table-DB-TABLE.html</c>,
/// <c>_table-table-DB-TABLE.html</c> / <c>_table-row-DB-TABLE.html</c> and <c>_table.html</c>.
/// </summary>
public interface IRowsTable
{
    IReadOnlyList<IColumnHeading> Columns { get; }

    IReadOnlyList<IRow> Rows { get; }

    /// <summary>"0 records" / "0 results", shown when there are no rows.</summary>
    string ZeroText { get; }
}

/// <summary>A column heading; when the column is sortable, the link that sorts by it.</summary>
public interface IColumnHeading
{
    string Name { get; }

    bool IsPrimaryKey { get; }

    /// <summary>The URL that sorts by this column, or null when it is not sortable here.</summary>
    string? SortUrl { get; }

    /// <summary>▼ when sorted ascending now, ▲ descending, else null.</summary>
    string? Arrow { get; }
}

/// <summary>One row: its cells in column order.</summary>
public interface IRow
{
    /// <summary>The row page's path, or null (views, query results).</summary>
    string? Path { get; }

    IReadOnlyList<ICell> Cells { get; }
}

/// <summary>One cell: its column and its HTML, already escaped (write it with <c>new HtmlString(cell.Html)</c>).</summary>
public interface ICell
{
    string Column { get; }

    string CssClass { get; }

    string Html { get; }
}
