using System.Text.Json.Serialization;

namespace Datasette.Gen.Runtime.Html;

/// <summary>
/// The page models as <c>template_debug</c>'s <c>?_context=1</c> shows them: a page's template
/// context is its model, serialized by source-generated code (no reflection), indented as
/// Datasette indents its context dump.
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
internal sealed partial class TemplateContextJson : JsonSerializerContext;
