namespace Datasette.Gen.Generator.Parsing;

internal static partial class HookCatalog
{
    /// <summary>The hooks around the server: forbidden, exceptions, events, writes, middleware, commands.</summary>
    private static IEnumerable<HookDefinition> ServerHooks() => System.Array.Empty<HookDefinition>();
}
