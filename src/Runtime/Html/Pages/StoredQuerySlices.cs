using AspNetCoreGeneratedDocument;
using RazorSlices;

namespace Datasette.Gen.Runtime.Html.Pages;

/// <summary>The stored-query list and forms (html-ui.md §7), constructed directly like <see cref="HtmlSlices"/>: nothing found by reflection.</summary>
internal static class StoredQuerySlices
{
    public static RazorSlice List(QueryListPageModel model) => new Html_Slices_QueryList { Model = model };

    public static RazorSlice Form(QueryFormPageModel model) => new Html_Slices_QueryForm { Model = model };

    public static RazorSlice Delete(QueryDeletePageModel model) => new Html_Slices_QueryDelete { Model = model };
}
