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

    /// <summary>How many (column, type) tags are kept between requests: every table page needs its columns' tags, but a schema with endless columns must not grow memory.</summary>
    internal const int MaxShared = 4096;

    private static readonly System.Collections.Concurrent.ConcurrentDictionary<(string Column, string ColumnClass, string Type), (string CssClass, byte[] Tag)> Shared = new();
    private static int _shared;

    /// <summary>Tags kept between requests now (tests).</summary>
    internal static int SharedCount => Shared.Count;

    /// <summary>
    /// A column list's tags by column position and type class: (the cell's classes, its opening tag), each made once per process.
    /// Safe to share between requests: a slot holds one reference, so a reader sees a whole tag or none (and then makes it again).
    /// </summary>
    internal sealed class Cache(IReadOnlyList<string> columnClasses, IReadOnlyList<string> columns)
    {
        /// <summary>How many type classes <see cref="CellHtml.TypeOf(Data.PageCell)"/> gives, with the key column's.</summary>
        private const int TypeCount = 7;

        private readonly Made?[] _tags = new Made?[columns.Count * TypeCount];

        public (string CssClass, byte[] Tag) Get(int column, string type)
        {
            var index = type switch
            {
                "none" => 0,
                "str" => 1,
                "int" => 2,
                "float" => 3,
                "bytes" => 4,
                "dict" => 5,
                "pk" => 6,
                _ => -1,
            };
            if (index < 0)
            {
                return Make(column, type);
            }
            var slot = column * TypeCount + index;
            if (Volatile.Read(ref _tags[slot]) is not { } made)
            {
                made = new Made(Make(column, type));
                Volatile.Write(ref _tags[slot], made);
            }
            return made.Tag;
        }

        private sealed record Made((string CssClass, byte[] Tag) Tag);

        private (string CssClass, byte[] Tag) Make(int column, string type)
        {
            var key = (columns[column], columnClasses[column], type);
            if (Shared.TryGetValue(key, out var known))
            {
                return known;
            }
            var cssClass = columnClasses[column] + " type-" + type;
            var made = (cssClass, OpenUtf8(cssClass, columns[column]));
            if (Interlocked.Increment(ref _shared) <= MaxShared)
            {
                Shared.TryAdd(key, made);
            }
            return made;
        }
    }
}
