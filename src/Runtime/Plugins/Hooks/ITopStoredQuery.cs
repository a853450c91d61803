using Datasette.Gen.Runtime.Http;
using Microsoft.AspNetCore.Html;

namespace Datasette.Gen.Runtime.Plugins.Hooks;

/// <summary>
/// Datasette's <c>top_stored_query(datasette, request, database, query_name)</c>: trusted HTML shown below a stored query page's heading.
/// </summary>
public interface ITopStoredQuery
{
    ValueTask<IHtmlContent?> TopStoredQueryAsync(Datasette datasette, DatasetteRequest request, string database, string queryName);
}
