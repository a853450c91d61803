using AspNetCoreGeneratedDocument;
using RazorSlices;

namespace Datasette.Gen.Runtime.Html.Pages;

/// <summary>
/// The stored-query list and forms (html-ui.md §7), constructed directly like <see cref="HtmlSlices"/>
/// (nothing found by reflection) and, like every page, through <see cref="HtmlSlices.Page{TPage, TModel}"/>.
/// </summary>
internal static class StoredQuerySlices
{
    private static TemplateContextJson Json => TemplateContextJson.Default;

    public static RazorSlice List(QueryListPageModel model) =>
        HtmlSlices.Page<IQueryListPage, QueryListPageModel>(model, Json.QueryListPageModel, static m => new Html_Slices_QueryList { Model = m });

    /// <summary><c>query_create.html</c> or <c>query_edit.html</c>, as the chrome chose.</summary>
    public static RazorSlice Form(QueryFormPageModel model) =>
        HtmlSlices.Page<IQueryFormPage, QueryFormPageModel>(model, Json.QueryFormPageModel, static m => new Html_Slices_QueryForm { Model = m });

    public static RazorSlice Delete(QueryDeletePageModel model) =>
        HtmlSlices.Page<IQueryDeletePage, QueryDeletePageModel>(model, Json.QueryDeletePageModel, static m => new Html_Slices_QueryDelete { Model = m });
}
