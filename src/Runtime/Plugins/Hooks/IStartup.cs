namespace Datasette.Gen.Runtime.Plugins.Hooks;

/// <summary>
/// Datasette's <c>startup(datasette)</c>: runs once, after the databases are attached, the catalog is
/// read, stored queries are saved and configured column types applied, before the first request.
/// </summary>
public interface IStartup
{
    ValueTask StartupAsync(Datasette datasette);
}
