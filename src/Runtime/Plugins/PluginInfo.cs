namespace Datasette.Gen.Runtime.Plugins;

/// <summary>
/// One plugin as <c>/-/plugins.json</c> lists it: its name, version (null for plugins of the
/// deployment's own assembly, like Datasette's plugins directory), whether it ships static files
/// or templates, and the hooks it implements, sorted.
/// </summary>
public sealed record PluginInfo(string Name, string? Version, IReadOnlyList<string> Hooks)
{
    public bool Static { get; init; }

    public bool Templates { get; init; }
}
