using System.Text;

namespace Datasette.Gen.Runtime.Html;

/// <summary>
/// A cell's opening tag as the rows block writes it, <c>&lt;td class="…" data-column="…"&gt;</c> with the values
/// encoded by the pages' encoder, in UTF-8. A page with many cells makes each column's tags once per type (<see cref="Cache"/>).
/// </summary>
internal static class CellTags
{
    public static byte[] OpenUtf8(string cssClass, string column) => Encoding.UTF8.GetBytes(
        "<td class=\"" + HtmlResponse.Encoder.Encode(cssClass) + "\" data-column=\"" + HtmlResponse.Encoder.Encode(column) + "\">");

    /// <summary>One page's tags by column position and type class: (the cell's classes, its opening tag).</summary>
    internal sealed class Cache(IReadOnlyList<string> columnClasses, IReadOnlyList<string> columns)
    {
        private readonly Dictionary<string, (string CssClass, byte[] Tag)>?[] _byColumn = new Dictionary<string, (string, byte[])>?[columns.Count];

        public (string CssClass, byte[] Tag) Get(int column, string type)
        {
            var tags = _byColumn[column] ??= new Dictionary<string, (string, byte[])>(StringComparer.Ordinal);
            if (!tags.TryGetValue(type, out var tag))
            {
                var cssClass = columnClasses[column] + " type-" + type;
                tag = (cssClass, OpenUtf8(cssClass, columns[column]));
                tags[type] = tag;
            }
            return tag;
        }
    }
}
