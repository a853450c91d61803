using AspNetCoreGeneratedDocument;
using RazorSlices;

namespace Datasette.Gen.Runtime.Html.Pages;

/// <summary>
/// The auth, debug and execute-write page slices (html-ui.md §8, §9), constructed directly like
/// <see cref="HtmlSlices"/>: nothing found by reflection.
/// </summary>
internal static class DebugSlices
{
    public static RazorSlice JsonData(JsonDataPageModel model) => new Html_Slices_JsonData { Model = model };

    public static RazorSlice Logout(LogoutPageModel model) => new Html_Slices_Logout { Model = model };

    public static RazorSlice Messages(MessagesPageModel model) => new Html_Slices_MessagesDebug { Model = model };

    public static RazorSlice CreateToken(CreateTokenPageModel model) => new Html_Slices_CreateToken { Model = model };

    public static RazorSlice AllowDebug(AllowDebugPageModel model) => new Html_Slices_AllowDebug { Model = model };

    public static RazorSlice Actions(ActionsPageModel model) => new Html_Slices_Actions { Model = model };

    public static RazorSlice PermissionTool(PermissionToolPageModel model) => new Html_Slices_PermissionTool { Model = model };

    public static RazorSlice Permissions(PermissionsPageModel model) => new Html_Slices_PermissionsDebug { Model = model };

    public static RazorSlice ExecuteWrite(ExecuteWritePageModel model) => new Html_Slices_ExecuteWrite { Model = model };

    public static RazorSlice AutocompleteDebug(AutocompleteDebugPageModel model) => new Html_Slices_AutocompleteDebug { Model = model };
}
