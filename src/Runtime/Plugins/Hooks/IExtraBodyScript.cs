using Datasette.Gen.Runtime.Http;

namespace Datasette.Gen.Runtime.Plugins.Hooks;

/// <summary>
/// Datasette's <c>extra_body_script(template, database, table, columns, view_name, request, datasette)</c>:
/// a script at the end of the page's body, one per plugin, in plugin order; null adds none.
/// </summary>
public interface IExtraBodyScript
{
    ValueTask<BodyScript?> ExtraBodyScriptAsync(string template, string? database, string? table, IReadOnlyList<string>? columns, string? viewName, DatasetteRequest request, Datasette datasette);
}
