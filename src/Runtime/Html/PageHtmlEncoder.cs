using System.Buffers;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Unicode;

namespace Datasette.Gen.Runtime.Html;

/// <summary>
/// The pages' encoder: .NET's HTML encoder over all of Unicode (text in any script stays
/// readable), except that <c>+</c> is written as itself. The built-in encoder always escapes
/// <c>+</c>, a guard against UTF-7 sniffing; every page is sent as <c>charset=utf-8</c> and
/// declares it, so that guard protects nothing here and only made URLs such as
/// <c>?sql=select+1</c> read <c>select&amp;#x2B;1</c>. Every other character the inner encoder
/// escapes (<c>&lt; &gt; &amp; " '</c>, controls, unpaired surrogates) is still escaped by it.
/// </summary>
internal sealed class PageHtmlEncoder : HtmlEncoder
{
    public static readonly PageHtmlEncoder Instance = new();

    private const char Plus = '+';

    private readonly HtmlEncoder _inner = Create(UnicodeRanges.All);

    private PageHtmlEncoder()
    {
    }

    public override int MaxOutputCharactersPerInputCharacter => _inner.MaxOutputCharactersPerInputCharacter;

    public override bool WillEncode(int unicodeScalar) => unicodeScalar != Plus && _inner.WillEncode(unicodeScalar);

    public override unsafe bool TryEncodeUnicodeScalar(int unicodeScalar, char* buffer, int bufferLength, out int numberOfCharactersWritten)
    {
        if (unicodeScalar == Plus)
        {
            if (bufferLength < 1)
            {
                numberOfCharactersWritten = 0;
                return false;
            }
            *buffer = Plus;
            numberOfCharactersWritten = 1;
            return true;
        }
        return _inner.TryEncodeUnicodeScalar(unicodeScalar, buffer, bufferLength, out numberOfCharactersWritten);
    }

    public override unsafe int FindFirstCharacterToEncode(char* text, int textLength)
    {
        var offset = 0;
        while (offset < textLength)
        {
            var found = _inner.FindFirstCharacterToEncode(text + offset, textLength - offset);
            if (found < 0)
            {
                return -1;
            }
            if (text[offset + found] != Plus)
            {
                return offset + found;
            }
            offset += found + 1;
        }
        return -1;
    }

    public override int FindFirstCharacterToEncodeUtf8(ReadOnlySpan<byte> utf8Text)
    {
        var offset = 0;
        while (offset < utf8Text.Length)
        {
            var found = _inner.FindFirstCharacterToEncodeUtf8(utf8Text[offset..]);
            if (found < 0)
            {
                return -1;
            }
            if (utf8Text[offset + found] != (byte)Plus)
            {
                return offset + found;
            }
            offset += found + 1;
        }
        return -1;
    }

    public override OperationStatus EncodeUtf8(ReadOnlySpan<byte> utf8Source, Span<byte> utf8Destination, out int bytesConsumed, out int bytesWritten, bool isFinalBlock = true)
    {
        bytesConsumed = 0;
        bytesWritten = 0;
        while (true)
        {
            var rest = utf8Source[bytesConsumed..];
            var plus = rest.IndexOf((byte)Plus);
            var segment = plus < 0 ? rest : rest[..plus];
            // A '+' ends the segment, so a character split across blocks can only be at the very end.
            var status = _inner.EncodeUtf8(segment, utf8Destination[bytesWritten..], out var consumed, out var written, isFinalBlock || plus >= 0);
            bytesConsumed += consumed;
            bytesWritten += written;
            if (status != OperationStatus.Done || plus < 0)
            {
                return status;
            }
            if (bytesWritten == utf8Destination.Length)
            {
                return OperationStatus.DestinationTooSmall;
            }
            utf8Destination[bytesWritten++] = (byte)Plus;
            bytesConsumed++;
        }
    }

    public override unsafe OperationStatus Encode(ReadOnlySpan<char> source, Span<char> destination, out int charsConsumed, out int charsWritten, bool isFinalBlock = true)
    {
        // Most values a page writes have nothing to escape: one scan and a copy, not a scan for '+' and the inner encoder's own pass.
        if (source.Length <= destination.Length)
        {
            int first;
            fixed (char* text = source)
            {
                first = FindFirstCharacterToEncode(text, source.Length);
            }
            if (first < 0)
            {
                source.CopyTo(destination);
                charsConsumed = source.Length;
                charsWritten = source.Length;
                return OperationStatus.Done;
            }
        }
        charsConsumed = 0;
        charsWritten = 0;
        while (true)
        {
            var rest = source[charsConsumed..];
            var plus = rest.IndexOf(Plus);
            var segment = plus < 0 ? rest : rest[..plus];
            var status = _inner.Encode(segment, destination[charsWritten..], out var consumed, out var written, isFinalBlock || plus >= 0);
            charsConsumed += consumed;
            charsWritten += written;
            if (status != OperationStatus.Done || plus < 0)
            {
                return status;
            }
            if (charsWritten == destination.Length)
            {
                return OperationStatus.DestinationTooSmall;
            }
            destination[charsWritten++] = Plus;
            charsConsumed++;
        }
    }

    public override string Encode(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        if (!value.Contains(Plus, StringComparison.Ordinal))
        {
            return _inner.Encode(value);
        }
        using var writer = new StringWriter(System.Globalization.CultureInfo.InvariantCulture);
        Encode(writer, value, 0, value.Length);
        return writer.ToString();
    }

    public override void Encode(TextWriter output, char[] value, int startIndex, int characterCount)
    {
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(value);
        var text = value.AsSpan(startIndex, characterCount);
        var start = 0;
        while (NextRun(text, ref start, out var runStart, out var runLength, out var plusFollows))
        {
            if (runLength > 0)
            {
                _inner.Encode(output, value, startIndex + runStart, runLength);
            }
            if (plusFollows)
            {
                output.Write(Plus);
            }
        }
    }

    public override void Encode(TextWriter output, string value, int startIndex, int characterCount)
    {
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(value);
        var text = value.AsSpan(startIndex, characterCount);
        var start = 0;
        while (NextRun(text, ref start, out var runStart, out var runLength, out var plusFollows))
        {
            if (runLength > 0)
            {
                _inner.Encode(output, value, startIndex + runStart, runLength);
            }
            if (plusFollows)
            {
                output.Write(Plus);
            }
        }
    }

    /// <summary>The next run of text up to a '+' (or the end), and whether that '+' follows it; false when the text is used up.</summary>
    private static bool NextRun(ReadOnlySpan<char> text, ref int start, out int runStart, out int runLength, out bool plusFollows)
    {
        runStart = start;
        if (start >= text.Length)
        {
            runLength = 0;
            plusFollows = false;
            return false;
        }
        var plus = text[start..].IndexOf(Plus);
        plusFollows = plus >= 0;
        runLength = plusFollows ? plus : text.Length - start;
        start += runLength + (plusFollows ? 1 : 0);
        return true;
    }
}
