using System.Text.Json.Serialization;
using RazorSlices;

namespace Datasette.Gen.Runtime.Html;

/// <summary>What the page needs to pick its template: the deployment's overrides and the one chosen.</summary>
internal sealed partial class PageChrome
{
    /// <summary>The page's database and table, which name the rows-table overrides (<c>_table-DB-TABLE.html</c>).</summary>
    public string? Database { get; init; }

    public string? Table { get; init; }

    [JsonIgnore]
    public TemplateOverrides Overrides { get; init; } = TemplateOverrides.None;

    /// <summary>The override chosen for the page (starred in <see cref="TemplatesConsidered"/>), or null for the built-in one.</summary>
    [JsonIgnore]
    public string? Template { get; init; }

    /// <summary><c>?_context=1</c> with <c>template_debug</c> on: the page answers with its model as JSON instead.</summary>
    [JsonIgnore]
    public bool ShowContext { get; init; }

    /// <summary>
    /// The deployment's rows table for this page (<paramref name="page"/>: "table" or "row"):
    /// <c>_table-DB-TABLE.html</c>, <c>_table-PAGE-DB-TABLE.html</c>, <c>_table.html</c>, the first it
    /// overrides; null for the built-in one.
    /// </summary>
    public RazorSlice? RowsTableOverride(RowsTable rows, string page) =>
        Database is null || Table is null ? null : Overrides.RowsTable(rows, page, Database, Table);
}
