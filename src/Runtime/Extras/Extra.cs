namespace Datasette.Gen.Runtime.Extras;

/// <summary>
/// Every <c>_extra=</c> block, public or internal; the value is its bit in <see cref="ExtraSet"/>.
/// Names and scopes live once, in <see cref="ExtraRegistry"/>.
/// </summary>
internal enum Extra
{
    Count,
    CountTruncated,
    CountSql,
    FacetResults,
    FacetsTimedOut,
    SuggestedFacets,
    HumanDescriptionEn,
    Columns,
    AllColumns,
    PrimaryKeys,
    ColumnDetails,
    DisplayColumns,
    RenderCell,
    Debug,
    Request,
    Query,
    ColumnTypes,
    SetColumnTypeUi,
    Metadata,
    Extras,
    Database,
    Table,
    DatabaseColor,
    Renderers,
    CustomTableTemplates,
    SortedFacetResults,
    TableDefinition,
    ViewDefinition,
    IsView,
    Private,
    ExpandableColumns,
    FormHiddenArgs,
    ForeignKeyTables,
    PrimaryKeyValues,
}
