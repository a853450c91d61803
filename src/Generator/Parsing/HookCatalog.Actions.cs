using Datasette.Gen.Generator.Model;

namespace Datasette.Gen.Generator.Parsing;

internal static partial class HookCatalog
{
    private const string Request = "Datasette.Gen.Runtime.Http.DatasetteRequest";
    private const string Actor = "System.Text.Json.Nodes.JsonObject";
    private const string RowValues = "System.Collections.Generic.IReadOnlyDictionary`2[System.String,System.Object]";
    private const string MenuLinks = "System.Collections.Generic.IEnumerable`1[Datasette.Gen.Runtime.Plugins.MenuLink]";
    private const string ActionItems = "System.Collections.Generic.IEnumerable`1[Datasette.Gen.Runtime.Plugins.ActionMenuItem]";

    /// <summary>The hooks that render cells and fill the menus: render_cell, menu_links and the *_actions menus.</summary>
    private static IEnumerable<HookDefinition> ActionHooks()
    {
        var request = new HookParameter("request", Request, "DatasetteRequest");
        var actor = new HookParameter("actor", Actor, "JsonObject?");
        var database = new HookParameter("database", "System.String", "string");
        var table = new HookParameter("table", "System.String", "string");
        var row = new HookParameter("row", RowValues, "IReadOnlyDictionary<string, object?>");
        return new[]
        {
            new HookDefinition("render_cell", "RenderCell", Hooks + "IRenderCell", "RenderCellAsync", ReturnShape.ValueTaskOfValue, "AddRenderCell",
                new[]
                {
                    row,
                    new HookParameter("value", "System.Object", "object?"),
                    new HookParameter("column", "System.String", "string"),
                    new HookParameter("table", "System.String", "string?"),
                    new HookParameter("pks", "System.Collections.Generic.IReadOnlyList`1[System.String]", "IReadOnlyList<string>"),
                    database,
                    Datasette,
                    request,
                    new HookParameter("columnType", "Datasette.Gen.Runtime.ColumnTypes.ColumnType", "ColumnType?"),
                },
                HookResult.AsyncValue, "Datasette.Gen.Runtime.Plugins.Markup", "Markup"),
            Menu("menu_links", "MenuLinks", "IMenuLinks", new[] { Datasette, actor, request }, MenuLinks, "IEnumerable<MenuLink>"),
            Menu("homepage_actions", "HomepageActions", "IHomepageActions", new[] { Datasette, actor, request }),
            Menu("database_actions", "DatabaseActions", "IDatabaseActions", new[] { Datasette, actor, database, request }),
            Menu("table_actions", "TableActions", "ITableActions", new[] { Datasette, actor, database, table, request }),
            Menu("view_actions", "ViewActions", "IViewActions", new[] { Datasette, actor, database, new HookParameter("view", "System.String", "string"), request }),
            Menu("row_actions", "RowActions", "IRowActions", new[] { Datasette, actor, request, database, table, row }),
            Menu("query_actions", "QueryActions", "IQueryActions", new[]
            {
                Datasette, actor, database,
                new HookParameter("queryName", "System.String", "string?"),
                request,
                new HookParameter("sql", "System.String", "string"),
                new HookParameter("parameters", RowValues, "IReadOnlyDictionary<string, object?>"),
            }),
        };
    }

    /// <summary>A menu hook: a list of items, or a Task/ValueTask of one (Datasette accepts an awaitable).</summary>
    private static HookDefinition Menu(string name, string method, string type, HookParameter[] parameters, string result = ActionItems, string display = "IEnumerable<ActionMenuItem>") =>
        new(name, method, Hooks + type, method + "Async", ReturnShape.ValueTaskOfValue, "Add" + method, parameters, HookResult.AsyncValue, result, display);
}
