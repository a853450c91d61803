namespace Datasette.Gen.Runtime.Endpoints.Instance;

/// <summary>
/// The debug pages the jump menu offers to actors allowed <c>debug-menu</c>, with Datasette's
/// labels and descriptions. Only pages this server has are listed: Datasette also lists
/// <c>/-/debug/autocomplete</c> and <c>/-/patterns</c>, HTML pages that arrive with the HTML interface.
/// </summary>
internal static class DebugMenuItems
{
    internal sealed record Item(string Path, string Label, string Description);

    public static IReadOnlyList<Item> All { get; } = new Item[]
    {
        new("/-/databases", "Databases", "List of databases known to this Datasette instance."),
        new("/-/plugins", "Installed plugins", "Review loaded plugins, their versions and their registered hooks."),
        new("/-/versions", "Version info", "Check the Python, SQLite and dependency versions used by this server."),
        new("/-/settings", "Settings", "Inspect the active Datasette settings and configuration values."),
        new("/-/permissions", "Debug permissions", "Test permission checks for actors, actions and resources."),
        new("/-/messages", "Debug messages", "Try out temporary flash messages shown to users."),
        new("/-/allow-debug", "Debug allow rules", "Explore how allow blocks match actors against permission rules."),
        new("/-/threads", "Debug threads", "Inspect worker threads and database tasks."),
        new("/-/actor", "Debug actor", "View the actor object for the current signed-in user."),
    };
}
