using Datasette.Gen.Generator.Model;

namespace Datasette.Gen.Generator.Parsing;

internal static partial class HookCatalog
{
    private const string ApiPluginTypes = "Datasette.Gen.Runtime.Plugins.";
    // A property, not a field: static initialisers across partial files run in no fixed order, and All reads this.
    private static HookParameter ApiRequest => new("request", "Datasette.Gen.Runtime.Http.DatasetteRequest", "DatasetteRequest");

    /// <summary>The hooks that extend the data API: output renderers, facets, filters, magic parameters, jump items.</summary>
    private static IEnumerable<HookDefinition> ApiHooks() => new[]
    {
        new HookDefinition("register_output_renderer", "RegisterOutputRenderer", Hooks + "IRegisterOutputRenderer", "RegisterOutputRenderer", ReturnShape.Enumerable,
            "AddRegisterOutputRenderer", new[] { Datasette }, HookResult.Many, ApiPluginTypes + "OutputRenderer", "OutputRenderer"),
        new HookDefinition("register_facet_classes", "RegisterFacetClasses", Hooks + "IRegisterFacetClasses", "RegisterFacetClasses", ReturnShape.Enumerable,
            "AddRegisterFacetClasses", System.Array.Empty<HookParameter>(), HookResult.Many, ApiPluginTypes + "FacetClass", "FacetClass"),
        new HookDefinition("filters_from_request", "FiltersFromRequest", Hooks + "IFiltersFromRequest", "FiltersFromRequestAsync", ReturnShape.ValueTaskOfValue,
            "AddFiltersFromRequest",
            new[]
            {
                ApiRequest,
                new HookParameter("database", "System.String", "string"),
                new HookParameter("table", "System.String", "string"),
                Datasette,
            },
            HookResult.AsyncValue, "Datasette.Gen.Runtime.Querying.FilterArguments", "FilterArguments"),
        new HookDefinition("register_magic_parameters", "RegisterMagicParameters", Hooks + "IRegisterMagicParameters", "RegisterMagicParameters", ReturnShape.Enumerable,
            "AddRegisterMagicParameters", new[] { Datasette }, HookResult.Many, ApiPluginTypes + "MagicParameter", "MagicParameter"),
        new HookDefinition("jump_items_sql", "JumpItemsSql", Hooks + "IJumpItemsSql", "JumpItemsSql", ReturnShape.Enumerable, "AddJumpItemsSql",
            new[] { Datasette, new HookParameter("actor", "System.Text.Json.Nodes.JsonObject", "JsonObject?"), ApiRequest },
            HookResult.Many, ApiPluginTypes + "JumpSql", "JumpSql"),
    };
}
