using System.Text.Json.Serialization;

namespace Datasette.Gen.Runtime.Html;

/// <summary>
/// The page models as <c>template_debug</c>'s <c>?_context=1</c> shows them: a page's template
/// context is its model, serialized by source-generated code (no reflection), indented as
/// Datasette indents its context dump. Every page model is listed: a page's slice factory asks for
/// its model's entry here (Html/Pages/HtmlSlices.Page), so a page cannot be added without one.
/// </summary>
[JsonSourceGenerationOptions(WriteIndented = true, IndentSize = 4, PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower)]
// The plugins' menu links share their type name with the chrome's own.
[JsonSerializable(typeof(Plugins.MenuLink), TypeInfoPropertyName = "PluginMenuLink")]
[JsonSerializable(typeof(IReadOnlyList<Plugins.MenuLink>), TypeInfoPropertyName = "PluginMenuLinkList")]
[JsonSerializable(typeof(IndexPageModel))]
[JsonSerializable(typeof(DatabasePageModel))]
[JsonSerializable(typeof(TablePageModel))]
[JsonSerializable(typeof(RowPageModel))]
[JsonSerializable(typeof(QueryPageModel))]
[JsonSerializable(typeof(RowsTable))]
[JsonSerializable(typeof(ErrorPageModel))]
[JsonSerializable(typeof(JsonDataPageModel))]
[JsonSerializable(typeof(LogoutPageModel))]
[JsonSerializable(typeof(MessagesPageModel))]
[JsonSerializable(typeof(CreateTokenPageModel))]
[JsonSerializable(typeof(AllowDebugPageModel))]
[JsonSerializable(typeof(ActionsPageModel))]
[JsonSerializable(typeof(PermissionToolPageModel))]
[JsonSerializable(typeof(PermissionsPageModel))]
[JsonSerializable(typeof(AutocompleteDebugPageModel))]
[JsonSerializable(typeof(ExecuteWritePageModel))]
[JsonSerializable(typeof(QueryListPageModel))]
[JsonSerializable(typeof(QueryFormPageModel))]
[JsonSerializable(typeof(QueryDeletePageModel))]
[JsonSerializable(typeof(SchemaPageModel))]
[JsonSerializable(typeof(ApiExplorerPageModel))]
internal sealed partial class TemplateContextJson : JsonSerializerContext;
