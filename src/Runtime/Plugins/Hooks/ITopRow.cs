using System.Text.Json.Nodes;
using Datasette.Gen.Runtime.Http;
using Microsoft.AspNetCore.Html;

namespace Datasette.Gen.Runtime.Plugins.Hooks;

/// <summary>
/// Datasette's <c>top_row(datasette, request, database, table, row)</c>: trusted HTML shown below the row
/// page's heading; <c>row</c> is the row's values by column name, as the row's JSON gives them.
/// </summary>
public interface ITopRow
{
    ValueTask<IHtmlContent?> TopRowAsync(Datasette datasette, DatasetteRequest request, string database, string table, JsonObject row);
}
