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
        /// <summary>The type classes <see cref="CellHtml.TypeOf(Data.PageCell)"/> gives, and the key column's.</summary>
        private static readonly string[] Types = ["none", "str", "int", "float", "bytes", "dict", "pk"];

        private readonly (string CssClass, byte[] Tag)[] _tags = new (string, byte[])[columns.Count * Types.Length];

        public (string CssClass, byte[] Tag) Get(int column, string type)
        {
            var index = Array.IndexOf(Types, type);
            if (index < 0)
            {
                return Make(column, type);
            }
            ref var tag = ref _tags[column * Types.Length + index];
            if (tag.CssClass is null)
            {
                tag = Make(column, type);
            }
            return tag;
        }

        private (string CssClass, byte[] Tag) Make(int column, string type)
        {
            var cssClass = columnClasses[column] + " type-" + type;
            return (cssClass, OpenUtf8(cssClass, columns[column]));
        }
    }
}
