using System.Buffers;
using System.IO;
using System.Text;
using Datasette.Gen.Runtime.Html;

namespace Datasette.Gen.Tests.Html;

/// <summary>The pages' encoder writes '+' as itself and escapes everything else exactly as .NET's HTML encoder does, through every entry point RazorSlices uses.</summary>
public sealed class PageHtmlEncoderTests
{
    private static readonly PageHtmlEncoder Encoder = PageHtmlEncoder.Instance;

    public static TheoryData<string, string> Cases => new()
    {
        { "select+1", "select+1" },
        { "+", "+" },
        { "++a++", "++a++" },
        { "", "" },
        { "<script>alert('x')</script>+\"&", "&lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt;+&quot;&amp;" },
        { "é+日本+\u0001", "é+日本+&#x1;" },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Every_entry_point_keeps_plus_and_escapes_the_rest(string text, string expected)
    {
        Assert.Equal(expected, Encoder.Encode(text));

        using var writer = new StringWriter();
        Encoder.Encode(writer, "[" + text + "]", 1, text.Length);
        Encoder.Encode(writer, ("(" + text + ")").ToCharArray(), 1, text.Length);
        Assert.Equal(expected + expected, writer.ToString());

        // span and UTF-8 forms, with a destination so small that the encoder must stop and resume
        // (room for the longest entity, "&#x10FFFF;", so each call makes progress)
        var chars = new StringBuilder();
        var source = text.AsSpan();
        var buffer = new char[10];
        while (true)
        {
            var status = Encoder.Encode(source, buffer, out var consumed, out var written);
            chars.Append(buffer, 0, written);
            source = source[consumed..];
            if (status == OperationStatus.Done)
            {
                break;
            }
            Assert.Equal(OperationStatus.DestinationTooSmall, status);
            Assert.True(consumed > 0, "no progress");
        }
        Assert.Equal(expected, chars.ToString());

        var bytes = new MemoryStream();
        var utf8 = Encoding.UTF8.GetBytes(text).AsSpan();
        var byteBuffer = new byte[10];
        while (true)
        {
            var status = Encoder.EncodeUtf8(utf8, byteBuffer, out var consumed, out var written);
            bytes.Write(byteBuffer, 0, written);
            utf8 = utf8[consumed..];
            if (status == OperationStatus.Done)
            {
                break;
            }
            Assert.Equal(OperationStatus.DestinationTooSmall, status);
            Assert.True(consumed > 0, "no progress");
        }
        Assert.Equal(expected, Encoding.UTF8.GetString(bytes.ToArray()));
    }

    [Theory]
    [InlineData("a+\uD800b")]
    [InlineData("\uD800")]
    [InlineData("caf\u00e9 \u65e5")]
    [InlineData("col-x")]
    [InlineData("\uD83D\uDE00+\uDE00+x")]
    public void Text_around_plus_is_escaped_as_the_builtin_encoder_escapes_it(string text)
    {
        var builtin = System.Text.Encodings.Web.HtmlEncoder.Create(System.Text.Unicode.UnicodeRanges.All);
        var expected = string.Join("+", System.Linq.Enumerable.Select(text.Split('+'), builtin.Encode));
        Every_entry_point_keeps_plus_and_escapes_the_rest(text, expected);
    }

    [Fact]
    public void Finding_the_first_character_to_encode_skips_plus()
    {
        Assert.Equal(-1, Encoder.FindFirstCharacterToEncodeUtf8("a+b+c"u8));
        Assert.Equal(3, Encoder.FindFirstCharacterToEncodeUtf8("a+b<c"u8));
        Assert.False(Encoder.WillEncode('+'));
        Assert.True(Encoder.WillEncode('<'));
    }
}
