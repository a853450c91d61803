namespace Datasette.Gen.Runtime.Html;

/// <summary>A page model with its layout's data; the public interfaces leave the layout out.</summary>
internal interface IChromedPage
{
    PageChrome Chrome { get; }
}

// The page models seen through the public interfaces a deployment's templates are written against
// (docs/templates.md); the models stay internal so they can change without breaking a template.

internal sealed partial class IndexPageModel : IIndexPage, IChromedPage
{
    string IPage.Title => Chrome.Title;

    IReadOnlyList<IIndexDatabase> IIndexPage.Databases => Databases;
}

internal sealed partial record IndexDatabase : IIndexDatabase
{
    IReadOnlyList<ILink> IIndexDatabase.Tables => Tables;
}

internal sealed partial record IndexTable : ILink
{
    string ILink.Label => Name;
}

internal sealed partial class DatabasePageModel : IDatabasePage, IChromedPage
{
    string IPage.Title => Chrome.Title;

    IReadOnlyList<ILink> IDatabasePage.Tables => Tables;

    IReadOnlyList<ILink> IDatabasePage.Views => Views;

    IReadOnlyList<ILink> IDatabasePage.Queries => Queries;
}

internal sealed partial record ListedTable : ILink
{
    string ILink.Label => Name;
}

internal sealed partial record ListedQuery : ILink;

internal sealed partial record LinkItem : ILink;

internal sealed partial class TablePageModel : ITablePage, IChromedPage
{
    string IPage.Title => Chrome.Title;

    IRowsTable ITablePage.Rows => Rows;
}

internal sealed partial class RowPageModel : IRowPage, IChromedPage
{
    string IPage.Title => Chrome.Title;

    string IRowPage.Database => Chrome.Database ?? "";

    string IRowPage.Table => Chrome.Table ?? "";

    IRowsTable IRowPage.Row => Row;

    IReadOnlyList<ILink> IRowPage.IncomingLinks => IncomingLinks;
}

internal sealed partial class QueryPageModel : IQueryPage, IChromedPage
{
    string IPage.Title => Chrome.Title;

    string IQueryPage.Database => Chrome.Database ?? "";

    IRowsTable? IQueryPage.Rows => Rows;
}

internal sealed partial class RowsTable : IRowsTable
{
    IReadOnlyList<IColumnHeading> IRowsTable.Columns => Headers;

    IReadOnlyList<IRow> IRowsTable.Rows => Rows;
}

internal sealed partial record HeaderCell : IColumnHeading
{
    string IColumnHeading.Name => Column;

    bool IColumnHeading.IsPrimaryKey => IsPk;
}

internal sealed partial record RowCells : IRow
{
    string? IRow.Path => RowPath;

    IReadOnlyList<ICell> IRow.Cells => Cells;
}

internal sealed partial record Cell : ICell;
