using Datasette.Gen.Runtime.Http;

namespace Datasette.Gen.Runtime.Plugins.Hooks;

/// <summary>
/// Datasette's <c>extra_template_vars(template, database, table, columns, view_name, request, datasette)</c>:
/// values a template override can read (<see cref="TemplateVariables"/>); a later plugin's value
/// replaces an earlier one's of the same name.
/// </summary>
public interface IExtraTemplateVars
{
    ValueTask<TemplateVariables?> ExtraTemplateVarsAsync(string template, string? database, string? table, IReadOnlyList<string>? columns, string? viewName, DatasetteRequest request, Datasette datasette);
}
