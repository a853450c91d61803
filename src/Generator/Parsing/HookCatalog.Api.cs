namespace Datasette.Gen.Generator.Parsing;

internal static partial class HookCatalog
{
    /// <summary>The hooks that extend the data API: output renderers, facets, filters, magic parameters, jump items.</summary>
    private static IEnumerable<HookDefinition> ApiHooks() => System.Array.Empty<HookDefinition>();
}
