namespace Datasette.Gen.Runtime.Html;

/// <summary>The model of <c>table-DB-TABLE.html</c> and <c>table.html</c> (tables and views).</summary>
public interface ITablePage : IPage
{
    string Database { get; }

    string Table { get; }

    /// <summary>The metadata <c>title</c>, or the table's name.</summary>
    string Heading { get; }

    bool IsView { get; }

    /// <summary>Trusted HTML (<c>description_html</c>) or the escaped <c>description</c>, or null.</summary>
    string? DescriptionHtml { get; }

    /// <summary>"15 rows where state = "CA" sorted by pk", or null when the count is unknown.</summary>
    string? CountHeading { get; }

    /// <summary>This page of rows, cells already rendered.</summary>
    IRowsTable Rows { get; }

    /// <summary>The next page, or null on the last.</summary>
    string? NextUrl { get; }
}
