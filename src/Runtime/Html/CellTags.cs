using System.Text;

namespace Datasette.Gen.Runtime.Html;

/// <summary>
/// The rows block's cell markup, written as <c>Slices/RowsTablePartial.cshtml</c> used to write it cell by cell:
/// <c>&lt;td class="…" data-column="…"&gt;HTML&lt;/td&gt;</c> and a newline, the attribute values encoded by the
/// pages' encoder. A page with many cells encodes each column's tags once per type (<see cref="Cache"/>).
/// </summary>
internal static class CellTags
{
    public static string Open(string cssClass, string column) =>
        "<td class=\"" + HtmlResponse.Encoder.Encode(cssClass) + "\" data-column=\"" + HtmlResponse.Encoder.Encode(column) + "\">";

    public static string Join(IReadOnlyList<Cell> cells)
    {
        var length = 0;
        foreach (var cell in cells)
        {
            length += cell.Html.Length + 64;
        }
        var builder = new StringBuilder(length);
        foreach (var cell in cells)
        {
            builder.Append(cell.OpenTag ?? Open(cell.CssClass, cell.Column)).Append(cell.Html).Append("</td>\n");
        }
        return builder.ToString();
    }

    /// <summary>One page's tags by column position and type class: (the cell's classes, its encoded opening tag).</summary>
    internal sealed class Cache(IReadOnlyList<string> columnClasses, IReadOnlyList<string> columns)
    {
        private readonly Dictionary<string, (string CssClass, string Tag)>?[] _byColumn = new Dictionary<string, (string, string)>?[columns.Count];

        public (string CssClass, string Tag) Get(int column, string type)
        {
            var tags = _byColumn[column] ??= new Dictionary<string, (string, string)>(StringComparer.Ordinal);
            if (!tags.TryGetValue(type, out var tag))
            {
                var cssClass = columnClasses[column] + " type-" + type;
                tag = (cssClass, Open(cssClass, columns[column]));
                tags[type] = tag;
            }
            return tag;
        }
    }
}
