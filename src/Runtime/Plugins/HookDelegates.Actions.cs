using System.Text.Json.Nodes;
using Datasette.Gen.Runtime.ColumnTypes;
using Datasette.Gen.Runtime.Http;

namespace Datasette.Gen.Runtime.Plugins;

// The Actions group: cell rendering, the navigation menu and the pages' action menus.

public delegate ValueTask<Markup?> RenderCellHook(
    IReadOnlyDictionary<string, object?> row, object? value, string column, string? table, IReadOnlyList<string> pks,
    string database, Datasette datasette, DatasetteRequest request, ColumnType? columnType);

public delegate ValueTask<IEnumerable<MenuLink>?> MenuLinksHook(Datasette datasette, JsonObject? actor, DatasetteRequest request);

public delegate ValueTask<IEnumerable<ActionMenuItem>?> HomepageActionsHook(Datasette datasette, JsonObject? actor, DatasetteRequest request);

public delegate ValueTask<IEnumerable<ActionMenuItem>?> DatabaseActionsHook(Datasette datasette, JsonObject? actor, string database, DatasetteRequest request);

public delegate ValueTask<IEnumerable<ActionMenuItem>?> TableActionsHook(Datasette datasette, JsonObject? actor, string database, string table, DatasetteRequest request);

public delegate ValueTask<IEnumerable<ActionMenuItem>?> ViewActionsHook(Datasette datasette, JsonObject? actor, string database, string view, DatasetteRequest request);

public delegate ValueTask<IEnumerable<ActionMenuItem>?> RowActionsHook(
    Datasette datasette, JsonObject? actor, DatasetteRequest request, string database, string table, IReadOnlyDictionary<string, object?> row);

public delegate ValueTask<IEnumerable<ActionMenuItem>?> QueryActionsHook(
    Datasette datasette, JsonObject? actor, string database, string? queryName, DatasetteRequest request, string sql, IReadOnlyDictionary<string, object?> parameters);
