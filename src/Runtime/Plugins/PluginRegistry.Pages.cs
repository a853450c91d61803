namespace Datasette.Gen.Runtime.Plugins;

/// <summary>The page hooks: extra CSS, JavaScript, body script and template variables, the top_* blocks.</summary>
public sealed partial class PluginRegistry
{
    public List<HookImplementation<ExtraCssUrlsHook>> ExtraCssUrls { get; } = new();

    public List<HookImplementation<ExtraJsUrlsHook>> ExtraJsUrls { get; } = new();

    public List<HookImplementation<ExtraBodyScriptHook>> ExtraBodyScript { get; } = new();

    public List<HookImplementation<ExtraTemplateVarsHook>> ExtraTemplateVars { get; } = new();

    public List<HookImplementation<TopHomepageHook>> TopHomepage { get; } = new();

    public List<HookImplementation<TopDatabaseHook>> TopDatabase { get; } = new();

    public List<HookImplementation<TopTableHook>> TopTable { get; } = new();

    public List<HookImplementation<TopRowHook>> TopRow { get; } = new();

    public List<HookImplementation<TopQueryHook>> TopQuery { get; } = new();

    public List<HookImplementation<TopStoredQueryHook>> TopStoredQuery { get; } = new();

    /// <summary>Whether any plugin adds to HTML pages: the one check a page makes when none does.</summary>
    internal bool HasPageHooks =>
        ExtraCssUrls.Count + ExtraJsUrls.Count + ExtraBodyScript.Count + ExtraTemplateVars.Count
        + TopHomepage.Count + TopDatabase.Count + TopTable.Count + TopRow.Count + TopQuery.Count + TopStoredQuery.Count > 0;

    public PluginRegistry AddExtraCssUrls(string plugin, ExtraCssUrlsHook hook) => Add(ExtraCssUrls, plugin, hook);

    public PluginRegistry AddExtraJsUrls(string plugin, ExtraJsUrlsHook hook) => Add(ExtraJsUrls, plugin, hook);

    public PluginRegistry AddExtraBodyScript(string plugin, ExtraBodyScriptHook hook) => Add(ExtraBodyScript, plugin, hook);

    public PluginRegistry AddExtraTemplateVars(string plugin, ExtraTemplateVarsHook hook) => Add(ExtraTemplateVars, plugin, hook);

    public PluginRegistry AddTopHomepage(string plugin, TopHomepageHook hook) => Add(TopHomepage, plugin, hook);

    public PluginRegistry AddTopDatabase(string plugin, TopDatabaseHook hook) => Add(TopDatabase, plugin, hook);

    public PluginRegistry AddTopTable(string plugin, TopTableHook hook) => Add(TopTable, plugin, hook);

    public PluginRegistry AddTopRow(string plugin, TopRowHook hook) => Add(TopRow, plugin, hook);

    public PluginRegistry AddTopQuery(string plugin, TopQueryHook hook) => Add(TopQuery, plugin, hook);

    public PluginRegistry AddTopStoredQuery(string plugin, TopStoredQueryHook hook) => Add(TopStoredQuery, plugin, hook);
}
