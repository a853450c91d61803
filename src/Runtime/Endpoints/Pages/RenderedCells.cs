using System.Text.Json;
using Datasette.Gen.Runtime.ColumnTypes;
using Datasette.Gen.Runtime.Data;
using Datasette.Gen.Runtime.Http;
using Datasette.Gen.Runtime.Plugins;

namespace Datasette.Gen.Runtime.Endpoints.Pages;

/// <summary>
/// The cells a column type or a <c>render_cell</c> plugin renders, worked out (asynchronously, as the hooks
/// may be) before a page's rows are built: per cell, the column type's HTML, else the first plugin's non-null
/// <see cref="Markup"/>, else null for the default rendering. Null as a whole when no column type is assigned
/// and no plugin implements the hook, so pages without either keep their cell loop as it was.
/// </summary>
internal sealed class RenderedCells
{
    private readonly string?[] _html;
    private readonly int _columns;

    private RenderedCells(int rows, int columns)
    {
        _columns = columns;
        _html = new string?[rows * columns];
    }

    /// <summary>Whether any cell could be rendered: a render_cell plugin exists, or <paramref name="table"/> has a column type.</summary>
    public static bool Wanted(Datasette datasette, Database database, string? table) =>
        datasette.Plugins.RenderCell.Count > 0 || (table is not null && datasette.CachedColumnTypes(database, table).Count > 0);

    /// <summary>render_cell's <c>pks</c>: the primary keys, <c>rowid</c> for a rowid table, none for a view.</summary>
    public static IReadOnlyList<string> PksForDisplay(TableInfo table) =>
        table.PrimaryKeys.Count > 0 ? table.PrimaryKeys : table.IsView ? [] : ["rowid"];

    /// <summary>
    /// The <c>render_cell</c> extra: per row, an object of the cells <see cref="RenderForExtraAsync"/> rendered, else <c>{}</c> per row.
    /// </summary>
    public static void WriteExtra(Utf8JsonWriter writer, RenderedCells? rendered, IReadOnlyList<string> columns, int rowCount)
    {
        writer.WriteStartArray("render_cell");
        for (var r = 0; r < rowCount; r++)
        {
            writer.WriteStartObject();
            for (var i = 0; rendered is not null && i < columns.Count; i++)
            {
                if (rendered.Get(r, i) is not null && !RenderedBefore(rendered, columns, r, i))
                {
                    writer.WriteString(columns[i], LastRendering(rendered, columns, r, i));
                }
            }
            writer.WriteEndObject();
        }
        writer.WriteEndArray();
    }

    // A query may repeat a column name: Datasette's dict keeps the key where it was first set, with the last value set.
    private static bool RenderedBefore(RenderedCells rendered, IReadOnlyList<string> columns, int row, int column)
    {
        for (var j = 0; j < column; j++)
        {
            if (columns[j] == columns[column] && rendered.Get(row, j) is not null)
            {
                return true;
            }
        }
        return false;
    }

    private static string LastRendering(RenderedCells rendered, IReadOnlyList<string> columns, int row, int column)
    {
        var html = rendered.Get(row, column)!;
        for (var j = column + 1; j < columns.Count; j++)
        {
            if (columns[j] == columns[column] && rendered.Get(row, j) is { } later)
            {
                html = later;
            }
        }
        return html;
    }

    /// <summary>The HTML for row <paramref name="row"/>, column <paramref name="column"/> (positions in the lists given), or null for the default.</summary>
    public string? Get(int row, int column) => _html[row * _columns + column];

    /// <summary>
    /// <paramref name="rows"/> are the page's typed rows, cells in <paramref name="columns"/> order; <paramref name="table"/> is null for a query. Datasette's table and row
    /// pages ignore an empty rendering (they test truthiness), its query page shows it: <paramref name="emptyIsDefault"/>.
    /// </summary>
    public static ValueTask<RenderedCells?> RenderAsync(DatasetteRequest request, Datasette datasette, Database database, string? table,
        IReadOnlyList<string> pks, IReadOnlyList<string> columns, IReadOnlyList<PageCell[]> rows, bool emptyIsDefault) =>
        RenderAsync(request, datasette, database, table, pks, columns, rows, emptyIsDefault, json: false);

    /// <summary>
    /// The same rendering for the <c>render_cell</c> extra (<see cref="WriteExtra"/>): an empty rendering counts as none, and a
    /// plugin's plain text is kept as text (Datasette writes <c>str(value)</c>, which escapes only in a template).
    /// </summary>
    public static ValueTask<RenderedCells?> RenderForExtraAsync(DatasetteRequest request, Datasette datasette, Database database, string? table,
        IReadOnlyList<string> pks, IReadOnlyList<string> columns, IReadOnlyList<PageCell[]> rows) =>
        RenderAsync(request, datasette, database, table, pks, columns, rows, emptyIsDefault: true, json: true);

    private static async ValueTask<RenderedCells?> RenderAsync(DatasetteRequest request, Datasette datasette, Database database, string? table,
        IReadOnlyList<string> pks, IReadOnlyList<string> columns, IReadOnlyList<PageCell[]> rows, bool emptyIsDefault, bool json)
    {
        if (!Wanted(datasette, database, table))
        {
            return null;
        }
        var hooks = datasette.Plugins.RenderCell;
        var types = table is null ? [] : datasette.CachedColumnTypes(database, table);
        var typeOf = new ColumnType?[columns.Count];
        foreach (var (column, type) in types)
        {
            for (var i = 0; i < columns.Count; i++)
            {
                if (columns[i] == column)
                {
                    typeOf[i] = type;
                }
            }
        }
        var rendered = new RenderedCells(rows.Count, columns.Count);
        var r = 0;
        foreach (var row in rows)
        {
            var values = new object?[columns.Count];
            var named = new Dictionary<string, object?>(columns.Count, StringComparer.Ordinal);
            for (var i = 0; i < columns.Count; i++)
            {
                values[i] = CellValues.ToClr(row[i]);
                named[columns[i]] = values[i];
            }
            for (var i = 0; i < columns.Count; i++)
            {
                var html = typeOf[i]?.RenderCell(values[i], columns[i], table!, database.Name, datasette, request);
                for (var h = 0; html is null && h < hooks.Count; h++)
                {
                    var markup = await hooks[h].Invoke(named, values[i], columns[i], table, pks, database.Name, datasette, request, typeOf[i]).ConfigureAwait(false);
                    html = json ? markup?.AsString : markup?.Html;
                }
                rendered._html[r * columns.Count + i] = emptyIsDefault && html is { Length: 0 } ? null : html;
            }
            r++;
        }
        return rendered;
    }
}
