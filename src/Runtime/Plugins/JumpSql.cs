namespace Datasette.Gen.Runtime.Plugins;

/// <summary>
/// Datasette's <c>JumpSQL</c>: a query contributing items to the <c>/-/jump</c> menu. It selects
/// <c>type, label, description, url, search_text, display_name</c>; <c>url</c> is a path starting
/// with <c>/</c> or a JSON object naming a <c>datasette.urls</c> method and its arguments (for
/// example <c>json_object('method', 'table', 'database', 'fixtures', 'table', 'facetable')</c>).
/// It runs against <see cref="Database"/>, or the internal database when null; its parameters are
/// renamed before it joins the others, so names never collide.
/// </summary>
public sealed record JumpSql(string Sql, IReadOnlyDictionary<string, object?>? Params = null, string? Database = null)
{
    /// <summary>A single fixed item (Datasette's <c>JumpSQL.menu_item</c>).</summary>
    public static JumpSql MenuItem(string label, string url, string description = "Menu item", string? searchText = null,
        string? displayName = null, string itemType = "menu") =>
        new(
            "select :type as type, :label as label, :description as description, :url as url, :search_text as search_text, :display_name as display_name",
            new Dictionary<string, object?>
            {
                ["type"] = itemType,
                ["label"] = label,
                ["description"] = description,
                ["url"] = url,
                ["search_text"] = searchText ?? string.Join(" ", new[] { label, displayName, description }.Where(t => t is not null)),
                ["display_name"] = displayName,
            });
}
