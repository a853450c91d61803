using AspNetCoreGeneratedDocument;
using RazorSlices;

namespace Datasette.Gen.Runtime.Html.Pages;

/// <summary>
/// The page slices by name. The Razor compiler makes each .cshtml an internal class; these
/// factories construct them directly, so nothing is found by reflection and the trimmer sees
/// every template.
/// </summary>
internal static class HtmlSlices
{
    public static RazorSlice Table(TablePageModel model) => new Html_Slices_Table { Model = model };

    public static RazorSlice Index(IndexPageModel model) => new Html_Slices_Index { Model = model };

    public static RazorSlice Row(RowPageModel model) => new Html_Slices_Row { Model = model };

    public static RazorSlice Error(ErrorPageModel model) => new Html_Slices_Error { Model = model };

    public static RazorSlice Query(QueryPageModel model) => new Html_Slices_Query { Model = model };

    public static RazorSlice Database(DatabasePageModel model) => new Html_Slices_Database { Model = model };

    /// <summary>The rows table alone: the table page's <c>/-/fragment</c>.</summary>
    public static RazorSlice RowsTable(RowsTable model) => new Html_Slices_RowsTablePartial { Model = model };
}
