using AspNetCoreGeneratedDocument;
using RazorSlices;

namespace Datasette.Gen.Runtime.Html.Pages;

/// <summary>
/// The page slices by name. The Razor compiler makes each .cshtml an internal class; these
/// factories construct them directly, so nothing is found by reflection and the trimmer sees
/// every template. A page renders, in order: its template context (<c>?_context=1</c> with
/// <c>template_debug</c>), the deployment's override chosen in its chrome, or the built-in slice.
/// </summary>
internal static class HtmlSlices
{
    public static RazorSlice Table(TablePageModel model) =>
        Context(model.Chrome, model, TemplateContextJson.Default.TablePageModel)
        ?? Override<ITablePage>(model.Chrome, model)
        ?? new Html_Slices_Table { Model = model };

    public static RazorSlice Index(IndexPageModel model) =>
        Context(model.Chrome, model, TemplateContextJson.Default.IndexPageModel)
        ?? Override<IIndexPage>(model.Chrome, model)
        ?? new Html_Slices_Index { Model = model };

    public static RazorSlice Row(RowPageModel model) =>
        Context(model.Chrome, model, TemplateContextJson.Default.RowPageModel)
        ?? Override<IRowPage>(model.Chrome, model)
        ?? new Html_Slices_Row { Model = model };

    public static RazorSlice Error(ErrorPageModel model) =>
        Override<IErrorPage>(model.Chrome, model) ?? new Html_Slices_Error { Model = model };

    public static RazorSlice Query(QueryPageModel model) =>
        Context(model.Chrome, model, TemplateContextJson.Default.QueryPageModel)
        ?? Override<IQueryPage>(model.Chrome, model)
        ?? new Html_Slices_Query { Model = model };

    public static RazorSlice Database(DatabasePageModel model) =>
        Context(model.Chrome, model, TemplateContextJson.Default.DatabasePageModel)
        ?? Override<IDatabasePage>(model.Chrome, model)
        ?? new Html_Slices_Database { Model = model };

    /// <summary>
    /// The rows table alone: the table page's <c>/-/fragment</c>, which the editing scripts swap into
    /// the page, so it is the page's rows table: the deployment's override of it if it has one.
    /// </summary>
    public static RazorSlice TableRows(RowsTable model, TemplateOverrides overrides, string database, string table) =>
        overrides.RowsTable(model, "table", database, table) ?? new Html_Slices_RowsTablePartial { Model = model };

    internal static RazorSlice? Override<TPage>(PageChrome chrome, TPage model)
        where TPage : class =>
        chrome.Template is { } name ? chrome.Overrides.Create(name, model) : null;

    private static RazorSlice? Context<TModel>(PageChrome chrome, TModel model, System.Text.Json.Serialization.Metadata.JsonTypeInfo<TModel> type) =>
        chrome.ShowContext ? new Html_Slices_TemplateContext { Model = System.Text.Json.JsonSerializer.Serialize(model, type) } : null;
}
