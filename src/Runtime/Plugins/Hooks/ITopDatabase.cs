using Datasette.Gen.Runtime.Http;
using Microsoft.AspNetCore.Html;

namespace Datasette.Gen.Runtime.Plugins.Hooks;

/// <summary>
/// Datasette's <c>top_database(datasette, request, database)</c>: trusted HTML shown below the database page's heading.
/// </summary>
public interface ITopDatabase
{
    ValueTask<IHtmlContent?> TopDatabaseAsync(Datasette datasette, DatasetteRequest request, string database);
}
