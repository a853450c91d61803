using Datasette.Gen.Runtime.Http;
using Microsoft.AspNetCore.Html;

namespace Datasette.Gen.Runtime.Plugins.Hooks;

/// <summary>
/// Datasette's <c>top_table(datasette, request, database, table)</c>: trusted HTML shown below the table (or view) page's heading.
/// </summary>
public interface ITopTable
{
    ValueTask<IHtmlContent?> TopTableAsync(Datasette datasette, DatasetteRequest request, string database, string table);
}
