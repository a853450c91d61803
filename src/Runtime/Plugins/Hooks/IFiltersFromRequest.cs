using Datasette.Gen.Runtime.Http;
using Datasette.Gen.Runtime.Querying;

namespace Datasette.Gen.Runtime.Plugins.Hooks;

/// <summary>
/// Datasette's <c>filters_from_request(request, database, table, datasette)</c>: where clauses
/// (with bound parameters) and descriptions a table page adds from its query string, or null. They
/// apply to the page's rows, its count, its facets and every format (JSON, HTML, CSV).
/// </summary>
public interface IFiltersFromRequest
{
    ValueTask<FilterArguments?> FiltersFromRequestAsync(DatasetteRequest request, string database, string table, Datasette datasette);
}
