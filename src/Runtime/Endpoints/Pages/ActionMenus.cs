using System.Text.Json;
using Datasette.Gen.Runtime.Data;
using Datasette.Gen.Runtime.Html;
using Datasette.Gen.Runtime.Http;
using Datasette.Gen.Runtime.Plugins;

namespace Datasette.Gen.Runtime.Endpoints.Pages;

/// <summary>
/// The action menus of the index, database, table, view, row and query pages: each plugin's items, in
/// plugin order, then the built-in links (Datasette calls its own hook implementations last). Built-in
/// buttons that open dialogs belong to the editing interface and are not added here.
/// </summary>
internal static class ActionMenus
{
    public static ActionMenu? Homepage(DatasetteRequest request, Datasette datasette)
    {
        var hooks = datasette.Plugins.HomepageActions;
        return hooks.Count == 0 ? null : new ActionMenu("Homepage actions", () => CollectAsync(hooks, h => h(datasette, request.Actor, request)));
    }

    public static ActionMenu? Database(DatasetteRequest request, Datasette datasette, Database database)
    {
        var hooks = datasette.Plugins.DatabaseActions;
        ActionMenuItem[] builtIn = database.IsMutable && request.Allowed("execute-write-sql", database.Name)
            ? [ActionMenuItem.Link((string)datasette.Urls.Database(database) + "/-/execute-write", "Execute write SQL", "Run writable SQL with table permission checks.")]
            : [];
        return hooks.Count == 0 && builtIn.Length == 0 ? null
            : new ActionMenu("Database actions", () => CollectAsync(hooks, h => h(datasette, request.Actor, database.Name, request), builtIn));
    }

    /// <summary>A table's menu, or a view's (a view has its own hook and title).</summary>
    public static ActionMenu? Table(DatasetteRequest request, Datasette datasette, Database database, TableInfo table)
    {
        if (table.IsView)
        {
            var viewHooks = datasette.Plugins.ViewActions;
            return viewHooks.Count == 0 ? null
                : new ActionMenu("View actions", () => CollectAsync(viewHooks, h => h(datasette, request.Actor, database.Name, table.Name, request)));
        }
        var hooks = datasette.Plugins.TableActions;
        return hooks.Count == 0 ? null
            : new ActionMenu("Table actions", () => CollectAsync(hooks, h => h(datasette, request.Actor, database.Name, table.Name, request)));
    }

    /// <summary>The row page's menu; <paramref name="row"/> holds the row's cells in <paramref name="columns"/> order.</summary>
    public static ActionMenu? Row(DatasetteRequest request, Datasette datasette, Database database, TableInfo table, IReadOnlyList<string> columns, PageCell[] row)
    {
        var hooks = datasette.Plugins.RowActions;
        if (hooks.Count == 0)
        {
            return null;
        }
        return new ActionMenu("Row actions", () =>
        {
            var values = CellValues.Row(columns, row);
            return CollectAsync(hooks, h => h(datasette, request.Actor, request, database.Name, table.Name, values));
        });
    }

    public static ActionMenu? Query(DatasetteRequest request, Datasette datasette, Database database, string? queryName, string sql, IReadOnlyDictionary<string, object?> parameters)
    {
        var hooks = datasette.Plugins.QueryActions;
        return hooks.Count == 0 ? null
            : new ActionMenu("Query actions", () => CollectAsync(hooks, h => h(datasette, request.Actor, database.Name, queryName, request, sql, parameters)));
    }

    private static async ValueTask<IReadOnlyList<ActionMenuItem>> CollectAsync<T>(
        List<HookImplementation<T>> hooks, Func<T, ValueTask<IEnumerable<ActionMenuItem>?>> call, ActionMenuItem[]? builtIn = null)
    {
        var items = new List<ActionMenuItem>();
        foreach (var hook in hooks)
        {
            foreach (var item in await call(hook.Invoke).ConfigureAwait(false) ?? [])
            {
                if (item is not null)
                {
                    items.Add(item);
                }
            }
        }
        items.AddRange(builtIn ?? []);
        return items;
    }
}
