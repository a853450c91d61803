namespace Datasette.Gen.Runtime.Plugins.Hooks;

/// <summary>
/// Datasette's <c>register_routes(datasette)</c>: extra pages. Plugin routes are tried before the
/// built-in ones, in plugin order, so they can also replace a built-in page.
/// </summary>
public interface IRegisterRoutes
{
    IEnumerable<PluginRoute> RegisterRoutes(Datasette datasette);
}
