using AspNetCoreGeneratedDocument;
using RazorSlices;

namespace Datasette.Gen.Runtime.Html.Pages;

/// <summary>
/// The auth, debug and execute-write page slices (html-ui.md §8, §9), constructed directly like
/// <see cref="HtmlSlices"/>: nothing found by reflection; each debug page takes the deployment's
/// override of its Datasette template (<c>logout.html</c>, <c>debug_actions.html</c>…) when it has one.
/// </summary>
internal static class DebugSlices
{
    public static RazorSlice JsonData(JsonDataPageModel model) =>
        HtmlSlices.Override<IJsonDataPage>(model.Chrome, model) ?? new Html_Slices_JsonData { Model = model };

    public static RazorSlice Logout(LogoutPageModel model) =>
        HtmlSlices.Override<ILogoutPage>(model.Chrome, model) ?? new Html_Slices_Logout { Model = model };

    public static RazorSlice Messages(MessagesPageModel model) =>
        HtmlSlices.Override<IMessagesDebugPage>(model.Chrome, model) ?? new Html_Slices_MessagesDebug { Model = model };

    public static RazorSlice CreateToken(CreateTokenPageModel model) =>
        HtmlSlices.Override<ICreateTokenPage>(model.Chrome, model) ?? new Html_Slices_CreateToken { Model = model };

    public static RazorSlice AllowDebug(AllowDebugPageModel model) =>
        HtmlSlices.Override<IAllowDebugPage>(model.Chrome, model) ?? new Html_Slices_AllowDebug { Model = model };

    public static RazorSlice Actions(ActionsPageModel model) =>
        HtmlSlices.Override<IActionsDebugPage>(model.Chrome, model) ?? new Html_Slices_Actions { Model = model };

    public static RazorSlice PermissionTool(PermissionToolPageModel model) =>
        HtmlSlices.Override<IPermissionToolPage>(model.Chrome, model) ?? new Html_Slices_PermissionTool { Model = model };

    public static RazorSlice Permissions(PermissionsPageModel model) =>
        HtmlSlices.Override<IPermissionsDebugPage>(model.Chrome, model) ?? new Html_Slices_PermissionsDebug { Model = model };

    public static RazorSlice ExecuteWrite(ExecuteWritePageModel model) => new Html_Slices_ExecuteWrite { Model = model };

    public static RazorSlice AutocompleteDebug(AutocompleteDebugPageModel model) =>
        HtmlSlices.Override<IAutocompleteDebugPage>(model.Chrome, model) ?? new Html_Slices_AutocompleteDebug { Model = model };
}
