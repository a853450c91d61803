namespace Datasette.Gen.Generator.Parsing;

internal static partial class HookCatalog
{
    /// <summary>The hooks that add to every HTML page: extra CSS, JavaScript, body script and template variables, the top_* blocks.</summary>
    private static IEnumerable<HookDefinition> PageHooks() => System.Array.Empty<HookDefinition>();
}
