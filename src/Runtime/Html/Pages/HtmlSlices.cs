using System.Text.Json.Serialization.Metadata;
using AspNetCoreGeneratedDocument;
using RazorSlices;

namespace Datasette.Gen.Runtime.Html.Pages;

/// <summary>
/// The page slices by name. The Razor compiler makes each .cshtml an internal class; these
/// factories construct them directly, so nothing is found by reflection and the trimmer sees
/// every template. Every page goes through <see cref="Page{TPage, TModel}"/>, which renders, in
/// order: its template context (<c>?_context=1</c> with <c>template_debug</c>), the deployment's
/// override chosen in its chrome, or the built-in slice.
/// </summary>
internal static class HtmlSlices
{
    public static RazorSlice Table(TablePageModel model) =>
        Page<ITablePage, TablePageModel>(model, TemplateContextJson.Default.TablePageModel, static m => new Html_Slices_Table { Model = m });

    public static RazorSlice Index(IndexPageModel model) =>
        Page<IIndexPage, IndexPageModel>(model, TemplateContextJson.Default.IndexPageModel, static m => new Html_Slices_Index { Model = m });

    public static RazorSlice Row(RowPageModel model) =>
        Page<IRowPage, RowPageModel>(model, TemplateContextJson.Default.RowPageModel, static m => new Html_Slices_Row { Model = m });

    /// <summary>
    /// Datasette offers the context on the 403 page (its forbidden hook renders error.html through
    /// render_template) but not on other errors, whose template handle_exception renders directly.
    /// </summary>
    public static RazorSlice Error(ErrorPageModel model, bool offerContext) => offerContext
        ? Page<IErrorPage, ErrorPageModel>(model, TemplateContextJson.Default.ErrorPageModel, static m => new Html_Slices_Error { Model = m })
        : Override<IErrorPage, ErrorPageModel>(model, static m => new Html_Slices_Error { Model = m });

    public static RazorSlice Query(QueryPageModel model) =>
        Page<IQueryPage, QueryPageModel>(model, TemplateContextJson.Default.QueryPageModel, static m => new Html_Slices_Query { Model = m });

    public static RazorSlice Database(DatabasePageModel model) =>
        Page<IDatabasePage, DatabasePageModel>(model, TemplateContextJson.Default.DatabasePageModel, static m => new Html_Slices_Database { Model = m });

    public static RazorSlice Schema(SchemaPageModel model) =>
        Page<ISchemaPage, SchemaPageModel>(model, TemplateContextJson.Default.SchemaPageModel, static m => new Html_Slices_Schema { Model = m });

    public static RazorSlice ApiExplorer(ApiExplorerPageModel model) =>
        Page<IApiExplorerPage, ApiExplorerPageModel>(model, TemplateContextJson.Default.ApiExplorerPageModel, static m => new Html_Slices_ApiExplorer { Model = m });

    /// <summary>
    /// The rows table alone: the table page's <c>/-/fragment</c>, which the editing scripts swap into
    /// the page, so it is the page's rows table: the deployment's override of it if it has one. Its
    /// context (Datasette renders the fragment through render_template too) is the rows table.
    /// </summary>
    public static RazorSlice TableRows(RowsTable model, TemplateOverrides overrides, string database, string table, bool showContext) =>
        (showContext ? ContextSlice(model, TemplateContextJson.Default.RowsTable) : null)
        ?? overrides.RowsTable(model, "table", database, table)
        ?? new Html_Slices_RowsTablePartial { Model = model };

    /// <summary>A page: its context when asked for, else the deployment's override of its template (the built-in one if it throws), else <paramref name="builtIn"/>.</summary>
    internal static RazorSlice Page<TPage, TModel>(TModel model, JsonTypeInfo<TModel> context, Func<TModel, RazorSlice> builtIn)
        where TPage : class
        where TModel : class, TPage, IChromedPage =>
        model.Chrome.ShowContext ? ContextSlice(model, context) : Override<TPage, TModel>(model, builtIn);

    /// <summary>The deployment's template chosen in the chrome, falling back to <paramref name="builtIn"/> if it throws; else the built-in one.</summary>
    private static RazorSlice Override<TPage, TModel>(TModel model, Func<TModel, RazorSlice> builtIn)
        where TPage : class
        where TModel : class, TPage, IChromedPage =>
        model.Chrome.Template is { } name && model.Chrome.Overrides.Create<TPage>(name, model) is { } template
            ? new OverrideWithFallback(template, name, () => builtIn(model))
            : builtIn(model);

    private static Html_Slices_TemplateContext ContextSlice<TModel>(TModel model, JsonTypeInfo<TModel> type) =>
        new() { Model = System.Text.Json.JsonSerializer.Serialize(model, type) };
}
