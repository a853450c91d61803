using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using Datasette.Gen.Runtime.Html;

namespace Datasette.Gen.Tests.Html;

/// <summary>The rows gathered in large blocks are the bytes the template's per-cell writes gave.</summary>
public sealed class RowsBodyHtmlTests
{
    /// <summary>The template's writes, spelled out: the row path through the pages' encoder (an empty attribute without one), then tag, HTML and end tag of each cell.</summary>
    private static string Expected(IEnumerable<RowCells> rows)
    {
        var html = new StringBuilder();
        foreach (var row in rows)
        {
            html.Append("<tr data-row=\"" + HtmlResponse.Encoder.Encode(row.RowPath ?? "") + "\">\n");
            foreach (var cell in row.Cells)
            {
                html.Append(Encoding.UTF8.GetString(cell.OpenTagUtf8 ?? CellTags.OpenUtf8(cell.CssClass, cell.Column))).Append(cell.Html).Append("</td>\n");
            }
            html.Append("</tr>\n");
        }
        return html.ToString();
    }

    private static (byte[] Bytes, int Blocks) Written(IReadOnlyList<RowCells> rows)
    {
        var written = new List<byte>();
        var blocks = 0;
        RowsBodyHtml.Write(rows, utf8 =>
        {
            written.AddRange(utf8.ToArray());
            blocks++;
        });
        return (written.ToArray(), blocks);
    }

    [Fact]
    public void Paths_needing_escapes_missing_paths_and_cells_without_a_made_tag_are_written_as_the_template_wrote_them()
    {
        RowCells[] rows =
        [
            new("1", [new Cell("col-pk type-pk", "pk", "<a href=\"/db/t/1\">1</a>") { OpenTagUtf8 = CellTags.OpenUtf8("col-pk type-pk", "pk") }]),
            new("a\"b<c>&d+e", [new Cell("col-name type-str", "na\"me", "caf\u00e9 \U0001F600 \u00e0")]),
            new("", [new Cell("col-x type-none", "x", CellHtml.Blank)]),
            new(null, [new Cell("col-x type-str", "x", "lone \ud800 surrogate")]),
        ];
        var (bytes, blocks) = Written(rows);
        Assert.Equal(Encoding.UTF8.GetBytes(Expected(rows)), bytes);
        Assert.Equal(1, blocks);
    }

    [Fact]
    public void Many_rows_go_in_several_blocks_and_a_row_longer_than_a_block_in_one_of_its_own()
    {
        var rows = Enumerable.Range(0, 400)
            .Select(i => new RowCells(i.ToString(System.Globalization.CultureInfo.InvariantCulture),
                [new Cell("col-v type-str", "v", i == 200 ? new string('\u20ac', 40_000) : "value " + i)]))
            .ToList();
        var (bytes, blocks) = Written(rows);
        Assert.Equal(Encoding.UTF8.GetBytes(Expected(rows)), bytes);
        Assert.InRange(blocks, 3, 10);
    }

    [Fact]
    public void No_rows_write_nothing()
    {
        var (bytes, blocks) = Written([]);
        Assert.Empty(bytes);
        Assert.Equal(0, blocks);
    }
}
