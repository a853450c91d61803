namespace Datasette.Gen.Runtime.Html;

/// <summary>A page model with its layout's data; the public interfaces leave the layout out.</summary>
internal interface IChromedPage : IPage
{
    PageChrome Chrome { get; }

    // Every page's title is its chrome's.
    string IPage.Title => Chrome.Title;
}

// The page models seen through the public interfaces a deployment's templates are written against
// (docs/templates.md); the models stay internal so they can change without breaking a template.

internal sealed partial class IndexPageModel : IIndexPage, IChromedPage
{
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
    IRowsTable ITablePage.Rows => Rows;
}

internal sealed partial class RowPageModel : IRowPage, IChromedPage
{
    string IRowPage.Database => Chrome.Database ?? "";

    string IRowPage.Table => Chrome.Table ?? "";

    IRowsTable IRowPage.Row => Row;

    IReadOnlyList<ILink> IRowPage.IncomingLinks => IncomingLinks;
}

internal sealed partial class QueryPageModel : IQueryPage, IChromedPage
{
    string IQueryPage.Database => Chrome.Database ?? "";

    string? IQueryPage.Query => QueryName;

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

    // Cells are structs (a list of them is not a list of ICell): an override sees them through a view that boxes each it reads.
    IReadOnlyList<ICell> IRow.Cells => new CellsView(Cells);

    private sealed class CellsView(IReadOnlyList<Cell> cells) : IReadOnlyList<ICell>
    {
        public ICell this[int index] => cells[index];

        public int Count => cells.Count;

        public IEnumerator<ICell> GetEnumerator()
        {
            foreach (var cell in cells)
            {
                yield return cell;
            }
        }

        System.Collections.IEnumerator System.Collections.IEnumerable.GetEnumerator() => GetEnumerator();
    }
}

internal readonly partial record struct Cell : ICell;

internal sealed partial class PageChrome : IPageLayout
{
    IReadOnlyList<ILink> IPageLayout.Crumbs => Crumbs;
}

internal sealed partial record Crumb : ILink;

internal sealed partial record ErrorPageModel : IErrorPage, IChromedPage;

internal sealed partial class JsonDataPageModel : IJsonDataPage, IChromedPage;

internal sealed partial class LogoutPageModel : ILogoutPage, IChromedPage;

internal sealed partial class MessagesPageModel : IMessagesDebugPage, IChromedPage;

internal sealed partial class CreateTokenPageModel : ICreateTokenPage, IChromedPage;

internal sealed partial class AllowDebugPageModel : IAllowDebugPage, IChromedPage;

internal sealed partial class ActionsPageModel : IActionsDebugPage, IChromedPage
{
    IReadOnlyList<IDebugAction> IActionsDebugPage.Actions => Actions;
}

internal sealed partial record ActionRow : IDebugAction;

internal sealed partial class PermissionToolPageModel : IPermissionToolPage, IChromedPage;

internal sealed partial class PermissionsPageModel : IPermissionsDebugPage, IChromedPage
{
    IReadOnlyList<IPermissionCheck> IPermissionsDebugPage.Checks => Checks;
}

internal sealed partial record CheckRow : IPermissionCheck;

internal sealed partial class AutocompleteDebugPageModel : IAutocompleteDebugPage, IChromedPage;

internal sealed partial class ExecuteWritePageModel : IExecuteWritePage, IChromedPage
{
    IRowsTable? IExecuteWritePage.ReturnedRows => ReturnedRows;
}

internal sealed partial class QueryListPageModel : IQueryListPage, IChromedPage
{
    IReadOnlyList<IListedQuery> IQueryListPage.Queries => Queries;
}

internal sealed partial record QueryListItem : IListedQuery;

internal sealed partial class QueryFormPageModel : IQueryFormPage, IChromedPage
{
    // The model's own Title is the stored query's; the page's is its chrome's, as on every page.
    string IPage.Title => Chrome.Title;

    string IQueryFormPage.QueryTitle => Title;
}

internal sealed partial class QueryDeletePageModel : IQueryDeletePage, IChromedPage;

internal sealed partial class SchemaPageModel : ISchemaPage, IChromedPage
{
    IReadOnlyList<IDatabaseSchema> ISchemaPage.Schemas => Schemas;
}

internal sealed partial record DatabaseSchemaSql : IDatabaseSchema;

internal sealed partial class ApiExplorerPageModel : IApiExplorerPage, IChromedPage;
