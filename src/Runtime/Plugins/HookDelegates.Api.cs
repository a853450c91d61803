using System.Text.Json.Nodes;
using Datasette.Gen.Runtime.Http;
using Datasette.Gen.Runtime.Querying;

namespace Datasette.Gen.Runtime.Plugins;

// The API group: output renderers, facet classes, filters, magic parameters, jump items.

public delegate IEnumerable<OutputRenderer>? RegisterOutputRendererHook(Datasette datasette);

public delegate IEnumerable<FacetClass>? RegisterFacetClassesHook();

public delegate ValueTask<FilterArguments?> FiltersFromRequestHook(DatasetteRequest request, string database, string table, Datasette datasette);

public delegate IEnumerable<MagicParameter>? RegisterMagicParametersHook(Datasette datasette);

public delegate IEnumerable<JumpSql>? JumpItemsSqlHook(Datasette datasette, JsonObject? actor, DatasetteRequest request);
