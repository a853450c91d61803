using Datasette.Gen.Runtime.Data;
using Microsoft.Data.Sqlite;

namespace Datasette.Gen.Runtime.Json;

/// <summary>
/// A page's rows kept typed for the HTML pages (cells in output-column order), with what reading them learnt.
/// <see cref="RawKeys"/> holds, per row, the stored values of the columns whose foreign-key labels are looked up
/// after the read (in <see cref="PageRows.Read"/>'s <c>labelOrdinals</c> order).
/// </summary>
internal sealed record PageRows(List<PageCell[]> Rows, RowJsonResult Result, List<object?[]> RawKeys)
{
    /// <summary>
    /// Reads the rows <see cref="RowJson.Write"/> would write through the same <see cref="RowReader"/>, as the values
    /// it would write them from. The stored values at <paramref name="labelOrdinals"/> are kept aside for a label lookup.
    /// </summary>
    public static PageRows Read(SqliteDataReader reader, RowJsonOptions options, int limit, IReadOnlyList<int> labelOrdinals)
    {
        var rows = new List<PageCell[]>();
        var raw = new List<object?[]>();
        var sink = new TypedRowSink(rows, options.OutputColumns.Count, labelOrdinals, raw);
        var result = RowReader.Read(reader, options, limit, ref sink);
        return new PageRows(rows, result, raw);
    }
}
