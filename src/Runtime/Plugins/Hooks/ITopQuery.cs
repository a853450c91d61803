using Datasette.Gen.Runtime.Http;
using Microsoft.AspNetCore.Html;

namespace Datasette.Gen.Runtime.Plugins.Hooks;

/// <summary>
/// Datasette's <c>top_query(datasette, request, database, sql)</c>: trusted HTML shown below the heading
/// of an arbitrary SQL query's page (a stored query's page asks <see cref="ITopStoredQuery"/> instead).
/// </summary>
public interface ITopQuery
{
    ValueTask<IHtmlContent?> TopQueryAsync(Datasette datasette, DatasetteRequest request, string database, string sql);
}
