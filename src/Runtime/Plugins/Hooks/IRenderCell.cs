using Datasette.Gen.Runtime.ColumnTypes;
using Datasette.Gen.Runtime.Http;

namespace Datasette.Gen.Runtime.Plugins.Hooks;

/// <summary>
/// Datasette's <c>render_cell(row, value, column, table, pks, database, datasette, request, column_type)</c>:
/// the HTML of one cell on the table, row and query pages (and in the <c>render_cell</c> extra), or null to
/// let the next plugin, then the default rendering, have it. A column type's own rendering comes first.
/// <paramref name="table"/> is null and <paramref name="pks"/> empty for a query's cells.
/// </summary>
public interface IRenderCell
{
    ValueTask<Markup?> RenderCellAsync(
        IReadOnlyDictionary<string, object?> row, object? value, string column, string? table, IReadOnlyList<string> pks,
        string database, Datasette datasette, DatasetteRequest request, ColumnType? columnType);
}
