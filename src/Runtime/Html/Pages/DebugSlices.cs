using AspNetCoreGeneratedDocument;
using RazorSlices;

namespace Datasette.Gen.Runtime.Html.Pages;

/// <summary>
/// The auth, debug and execute-write page slices (html-ui.md §8, §9), constructed directly like
/// <see cref="HtmlSlices"/> and, like every page, through <see cref="HtmlSlices.Page{TPage, TModel}"/>:
/// the template context, the deployment's override of its Datasette template (<c>logout.html</c>,
/// <c>debug_actions.html</c>…), or the built-in slice.
/// </summary>
internal static class DebugSlices
{
    private static TemplateContextJson Json => TemplateContextJson.Default;

    public static RazorSlice JsonData(JsonDataPageModel model) =>
        HtmlSlices.Page<IJsonDataPage, JsonDataPageModel>(model, Json.JsonDataPageModel, static m => new Html_Slices_JsonData { Model = m });

    public static RazorSlice Logout(LogoutPageModel model) =>
        HtmlSlices.Page<ILogoutPage, LogoutPageModel>(model, Json.LogoutPageModel, static m => new Html_Slices_Logout { Model = m });

    public static RazorSlice Messages(MessagesPageModel model) =>
        HtmlSlices.Page<IMessagesDebugPage, MessagesPageModel>(model, Json.MessagesPageModel, static m => new Html_Slices_MessagesDebug { Model = m });

    public static RazorSlice CreateToken(CreateTokenPageModel model) =>
        HtmlSlices.Page<ICreateTokenPage, CreateTokenPageModel>(model, Json.CreateTokenPageModel, static m => new Html_Slices_CreateToken { Model = m });

    public static RazorSlice AllowDebug(AllowDebugPageModel model) =>
        HtmlSlices.Page<IAllowDebugPage, AllowDebugPageModel>(model, Json.AllowDebugPageModel, static m => new Html_Slices_AllowDebug { Model = m });

    public static RazorSlice Actions(ActionsPageModel model) =>
        HtmlSlices.Page<IActionsDebugPage, ActionsPageModel>(model, Json.ActionsPageModel, static m => new Html_Slices_Actions { Model = m });

    public static RazorSlice PermissionTool(PermissionToolPageModel model) =>
        HtmlSlices.Page<IPermissionToolPage, PermissionToolPageModel>(model, Json.PermissionToolPageModel, static m => new Html_Slices_PermissionTool { Model = m });

    public static RazorSlice Permissions(PermissionsPageModel model) =>
        HtmlSlices.Page<IPermissionsDebugPage, PermissionsPageModel>(model, Json.PermissionsPageModel, static m => new Html_Slices_PermissionsDebug { Model = m });

    public static RazorSlice ExecuteWrite(ExecuteWritePageModel model) =>
        HtmlSlices.Page<IExecuteWritePage, ExecuteWritePageModel>(model, Json.ExecuteWritePageModel, static m => new Html_Slices_ExecuteWrite { Model = m });

    public static RazorSlice AutocompleteDebug(AutocompleteDebugPageModel model) =>
        HtmlSlices.Page<IAutocompleteDebugPage, AutocompleteDebugPageModel>(model, Json.AutocompleteDebugPageModel, static m => new Html_Slices_AutocompleteDebug { Model = m });
}
