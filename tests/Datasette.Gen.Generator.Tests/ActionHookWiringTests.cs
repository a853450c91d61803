using System.Collections.Generic;
using System.Linq;
using System.Threading.Tasks;
using Datasette.Gen.Generator.Tests.Infrastructure;
using Datasette.Gen.Runtime.Plugins;
using Xunit;

namespace Datasette.Gen.Generator.Tests;

/// <summary>The Actions group (render_cell, menu_links, *_actions): [DatasetteHook] methods of every accepted shape and the interfaces are wired and called.</summary>
public sealed class ActionHookWiringTests
{
    private const string Plugins = """
        using System.Collections.Generic;
        using System.Text.Json.Nodes;
        using System.Threading.Tasks;
        using Datasette.Gen.Runtime.ColumnTypes;
        using Datasette.Gen.Runtime.Http;
        using Datasette.Gen.Runtime.Plugins;
        using Datasette.Gen.Runtime.Plugins.Hooks;

        namespace App
        {
            using Datasette.Gen.Runtime;

            [DatasettePlugin("menus")]
            public sealed class Menus
            {
                [DatasetteHook]
                public Markup? RenderCell(object? value, string column) => column == "name" ? Markup.Text("cell:" + value) : null;

                [DatasetteHook]
                public IEnumerable<MenuLink> MenuLinks(JsonObject? actor)
                {
                    if (actor is not null)
                    {
                        yield return new MenuLink("/-/mine", "Mine");
                    }
                }

                [DatasetteHook]
                public static ActionMenuItem[] HomepageActions() => [ActionMenuItem.Link("/-/home", "Home")];

                [DatasetteHook]
                public async Task<List<ActionMenuItem>> DatabaseActionsAsync(string database)
                {
                    await Task.Yield();
                    return [ActionMenuItem.Link("/" + database + "/-/x", "X")];
                }

                [DatasetteHook]
                public ValueTask<IEnumerable<ActionMenuItem>?> TableActions(string table, string database) =>
                    new([ActionMenuItem.Link("/" + database + "/" + table + "/-/t", "T")]);

                [DatasetteHook]
                public List<ActionMenuItem>? ViewActions(string view) => null;

                [DatasetteHook]
                public IEnumerable<ActionMenuItem> RowActions(IReadOnlyDictionary<string, object?> row) => [ActionMenuItem.Button("Row " + row["id"])];

                [DatasetteHook]
                public ActionMenuItem[] QueryActions(string? queryName, string sql) => [ActionMenuItem.Link("/q", (queryName ?? "-") + ":" + sql)];
            }

            [DatasettePlugin("typed")]
            public sealed class Typed : IRenderCell, ITableActions
            {
                public ValueTask<Markup?> RenderCellAsync(IReadOnlyDictionary<string, object?> row, object? value, string column, string? table, IReadOnlyList<string> pks,
                    string database, Datasette datasette, DatasetteRequest request, ColumnType? columnType) => new(Markup.Trusted("<i>typed</i>"));

                public ValueTask<IEnumerable<ActionMenuItem>?> TableActionsAsync(Datasette datasette, JsonObject? actor, string database, string table, DatasetteRequest request) =>
                    new((IEnumerable<ActionMenuItem>?)null);
            }
        }
        """;

    [Fact]
    public void The_action_hooks_wiring_matches_the_golden_file()
    {
        var run = PluginHarness.RunClean(Plugins);

        Golden.Verify(run.PluginsSource, "ActionHooks.g.cs.txt");
    }

    [Fact]
    public void The_generated_wiring_calls_each_action_hook()
    {
        var run = GeneratorHarness.RunWithRuntime(Plugins);

        var results = PluginHarness.CallRegistry(run, (registry, _) => CallAsync(registry));

        Assert.Equal(
            [
                "menus: database_actions, homepage_actions, menu_links, query_actions, render_cell, row_actions, table_actions, view_actions",
                "typed: render_cell, table_actions",
                "cell:Ada", "null", "<i>typed</i>",
                "Mine", "none",
                "Home", "X", "T", "view: null", "Row 7 (button)", "stored:select 1",
            ],
            results);
    }

    private static async Task<List<string>> CallAsync(PluginRegistry registry)
    {
        var results = registry.Plugins.Select(p => p.Name + ": " + string.Join(", ", p.Hooks)).ToList();
        var row = new Dictionary<string, object?> { ["id"] = 7L };
        var menus = registry.RenderCell[0].Invoke;
        results.Add((await menus(row, "Ada", "name", "t", [], "db", null!, null!, null))!.Html);
        results.Add((await menus(row, "Ada", "other", "t", [], "db", null!, null!, null))?.Html ?? "null");
        results.Add((await registry.RenderCell[1].Invoke(row, 1L, "x", null, [], "db", null!, null!, null))!.Html);
        results.Add(string.Join(",", (await registry.MenuLinks.Single().Invoke(null!, new System.Text.Json.Nodes.JsonObject(), null!))!.Select(l => l.Label)));
        results.Add((await registry.MenuLinks.Single().Invoke(null!, null, null!))!.Any() ? "some" : "none");
        results.Add((await registry.HomepageActions.Single().Invoke(null!, null, null!))!.Single().Label);
        results.Add((await registry.DatabaseActions.Single().Invoke(null!, null, "db", null!))!.Single().Label);
        results.Add((await registry.TableActions[0].Invoke(null!, null, "db", "t", null!))!.Single().Label);
        Assert.Null(await registry.TableActions[1].Invoke(null!, null, "db", "t", null!));
        results.Add("view: " + ((await registry.ViewActions.Single().Invoke(null!, null, "db", "v", null!)) is null ? "null" : "items"));
        var rowItem = (await registry.RowActions.Single().Invoke(null!, null, null!, "db", "t", row))!.Single();
        results.Add(rowItem.Label + (rowItem.IsButton ? " (button)" : ""));
        results.Add((await registry.QueryActions.Single().Invoke(null!, null, "db", "stored", null!, "select 1", new Dictionary<string, object?>()))!.Single().Label);
        return results;
    }
}
