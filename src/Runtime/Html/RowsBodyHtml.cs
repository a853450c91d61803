using System.Buffers;
using System.Runtime.InteropServices;
using System.Text.Unicode;

namespace Datasette.Gen.Runtime.Html;

/// <summary>Takes a block of finished UTF-8 output (a slice's <c>WriteLiteral</c>).</summary>
internal delegate void Utf8Output(ReadOnlySpan<byte> utf8);

/// <summary>
/// The rows block's body rows, <c>&lt;tr data-row="…"&gt;</c> with their cells, as UTF-8 gathered in a pooled buffer
/// and handed on in large blocks: a page of a hundred rows would otherwise make three small writes per cell, each
/// asking the response's pipe for room. The bytes are the ones the template's own writes gave: the row path encoded
/// by the pages' encoder (empty when there is none), each cell's tag, its HTML, its end tag.
/// </summary>
internal static class RowsBodyHtml
{
    /// <summary>How much is gathered before it is handed on (a row longer than this gets a buffer of its own size).</summary>
    private const int BlockBytes = 16 * 1024;

    private static ReadOnlySpan<byte> RowStart => "<tr data-row=\""u8;

    private static ReadOnlySpan<byte> RowStartEnd => "\">\n"u8;

    private static ReadOnlySpan<byte> CellEnd => "</td>\n"u8;

    private static ReadOnlySpan<byte> RowEnd => "</tr>\n"u8;

    public static void Write(IReadOnlyList<RowCells> rows, Utf8Output output)
    {
        var buffer = ArrayPool<byte>.Shared.Rent(BlockBytes);
        var used = 0;
        try
        {
            foreach (var row in rows)
            {
                // A row without a path (a view's, a query's) still gets the attribute, empty, as the template's attribute write gave it.
                var path = string.IsNullOrEmpty(row.RowPath) ? "" : Encoded(row.RowPath);
                var need = MaxBytes(row, path);
                if (used + need > buffer.Length)
                {
                    if (used > 0)
                    {
                        output(buffer.AsSpan(0, used));
                        used = 0;
                    }
                    if (need > buffer.Length)
                    {
                        ArrayPool<byte>.Shared.Return(buffer);
                        buffer = ArrayPool<byte>.Shared.Rent(need);
                    }
                }
                used += WriteRow(row, path, buffer.AsSpan(used));
            }
            if (used > 0)
            {
                output(buffer.AsSpan(0, used));
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    /// <summary>The row path as the attribute writes it, by the same encoder (which gives the string itself back when nothing needs escaping, the usual tilde-encoded key).</summary>
    private static string Encoded(string path) => HtmlResponse.Encoder.Encode(path);

    /// <summary>An upper bound of the row's UTF-8 length (three bytes at most for each UTF-16 char).</summary>
    private static int MaxBytes(RowCells row, string path)
    {
        var bytes = RowStart.Length + RowStartEnd.Length + RowEnd.Length + path.Length * 3;
        foreach (var cell in Cells(row))
        {
            bytes += (cell.OpenTagUtf8?.Length ?? UnmadeTagBytes(cell)) + cell.Html.Length * 3 + CellEnd.Length;
        }
        return bytes;
    }

    /// <summary>A bound for a tag <see cref="CellTags.OpenUtf8"/> has not made yet: its literal part, and each char escaped at most to the encoder's longest output, or three bytes.</summary>
    private static int UnmadeTagBytes(Cell cell) =>
        32 + (cell.CssClass.Length + cell.Column.Length) * Math.Max(3, HtmlResponse.Encoder.MaxOutputCharactersPerInputCharacter);

    private static int WriteRow(RowCells row, string path, Span<byte> destination)
    {
        var at = Copy(RowStart, destination);
        at += Utf16(path, destination[at..]);
        at += Copy(RowStartEnd, destination[at..]);
        foreach (var cell in Cells(row))
        {
            at += Copy(cell.OpenTagUtf8 ?? CellTags.OpenUtf8(cell.CssClass, cell.Column), destination[at..]);
            at += Utf16(cell.Html, destination[at..]);
            at += Copy(CellEnd, destination[at..]);
        }
        at += Copy(RowEnd, destination[at..]);
        return at;
    }

    /// <summary>The cells without an enumerator through the interface for each row: pages give them as a list.</summary>
    private static ReadOnlySpan<Cell> Cells(RowCells row) => row.Cells switch
    {
        List<Cell> list => CollectionsMarshal.AsSpan(list),
        Cell[] array => array,
        var other => other.ToArray(),
    };

    private static int Copy(ReadOnlySpan<byte> bytes, Span<byte> destination)
    {
        bytes.CopyTo(destination);
        return bytes.Length;
    }

    /// <summary>Text already HTML: transcoded as the slice's own HTML writes transcode it (an unpaired surrogate becomes U+FFFD).</summary>
    private static int Utf16(string text, Span<byte> destination)
    {
        var status = Utf8.FromUtf16(text, destination, out _, out var written);
        if (status != OperationStatus.Done)
        {
            throw new InvalidOperationException("The row's size was underestimated.");
        }
        return written;
    }
}
