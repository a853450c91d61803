using System.Text.Json.Nodes;

namespace Datasette.Gen.Runtime.Endpoints.Pages;

/// <summary>The top_* slot a page offers below its heading (Datasette's template slots).</summary>
internal enum TopSlot
{
    None,
    Homepage,
    Database,
    Table,
    Row,
    Query,
    StoredQuery,
}

/// <summary>
/// What the page hooks see of a page beyond its template, database and table: Datasette's
/// <c>view_name</c> (null on error pages, as Datasette passes none there), the columns the page
/// shows, and its top_* slot with that slot's arguments. Endpoints fill what they can cheaply and
/// only when <see cref="Plugins.PluginRegistry.HasPageHooks"/> says a plugin will read it.
/// </summary>
internal readonly record struct PluginPageView(
    string? ViewName,
    IReadOnlyList<string>? Columns = null,
    TopSlot Top = TopSlot.None,
    JsonObject? Row = null,
    string? Sql = null,
    string? QueryName = null);
