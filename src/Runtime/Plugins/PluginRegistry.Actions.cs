namespace Datasette.Gen.Runtime.Plugins;

public sealed partial class PluginRegistry
{
    public List<HookImplementation<RenderCellHook>> RenderCell { get; } = new();

    public List<HookImplementation<MenuLinksHook>> MenuLinks { get; } = new();

    public List<HookImplementation<HomepageActionsHook>> HomepageActions { get; } = new();

    public List<HookImplementation<DatabaseActionsHook>> DatabaseActions { get; } = new();

    public List<HookImplementation<TableActionsHook>> TableActions { get; } = new();

    public List<HookImplementation<ViewActionsHook>> ViewActions { get; } = new();

    public List<HookImplementation<RowActionsHook>> RowActions { get; } = new();

    public List<HookImplementation<QueryActionsHook>> QueryActions { get; } = new();

    public PluginRegistry AddRenderCell(string plugin, RenderCellHook hook) => Add(RenderCell, plugin, hook);

    public PluginRegistry AddMenuLinks(string plugin, MenuLinksHook hook) => Add(MenuLinks, plugin, hook);

    public PluginRegistry AddHomepageActions(string plugin, HomepageActionsHook hook) => Add(HomepageActions, plugin, hook);

    public PluginRegistry AddDatabaseActions(string plugin, DatabaseActionsHook hook) => Add(DatabaseActions, plugin, hook);

    public PluginRegistry AddTableActions(string plugin, TableActionsHook hook) => Add(TableActions, plugin, hook);

    public PluginRegistry AddViewActions(string plugin, ViewActionsHook hook) => Add(ViewActions, plugin, hook);

    public PluginRegistry AddRowActions(string plugin, RowActionsHook hook) => Add(RowActions, plugin, hook);

    public PluginRegistry AddQueryActions(string plugin, QueryActionsHook hook) => Add(QueryActions, plugin, hook);
}
