using System;
using System.IO;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Datasette.Gen.Runtime.Html;
using Microsoft.AspNetCore.Http;

namespace Datasette.Gen.Tests.Html;

/// <summary>A page that fits the buffer goes out in one write with its length; a longer one streams, its bytes intact.</summary>
public sealed class PageBodyBufferTests
{
    /// <summary>The response body, counting the writes that reach it.</summary>
    private sealed class CountingStream : MemoryStream
    {
        public int Writes { get; private set; }

        public override ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
        {
            Writes++;
            return base.WriteAsync(buffer, cancellationToken);
        }
    }

    private static async Task<(DefaultHttpContext Context, CountingStream Body, bool Spilled)> RenderAsync(byte[] page, int pieceLength)
    {
        var context = new DefaultHttpContext();
        var body = new CountingStream();
        context.Response.Body = body;
        await using var buffer = new PageBodyBuffer(context.Response);
        for (var at = 0; at < page.Length; at += pieceLength)
        {
            await buffer.WriteAsync(page.AsMemory(at, Math.Min(pieceLength, page.Length - at)));
            // The renderer flushes after each large part.
            await buffer.FlushAsync();
        }
        await buffer.FinishAsync(CancellationToken.None);
        return (context, body, buffer.Spilled);
    }

    private static byte[] Page(int length) => Enumerable.Range(0, length).Select(i => (byte)('a' + (i % 26))).ToArray();

    [Fact]
    public async Task A_page_that_fits_goes_out_in_one_write_with_its_length()
    {
        var page = Page(24_000);
        var (context, body, spilled) = await RenderAsync(page, 16 * 1024);
        Assert.False(spilled);
        Assert.Equal(1, body.Writes);
        Assert.Equal(page.Length, context.Response.ContentLength);
        Assert.Equal(page, body.ToArray());
    }

    [Fact]
    public async Task A_longer_page_streams_without_a_length()
    {
        var page = Page(PageBodyBuffer.Capacity * 3 + 5);
        var (context, body, spilled) = await RenderAsync(page, 16 * 1024);
        Assert.True(spilled);
        Assert.Null(context.Response.ContentLength);
        Assert.True(body.Writes > 1);
        Assert.Equal(page, body.ToArray());
    }

    [Fact]
    public async Task An_empty_page_is_sent_with_length_zero()
    {
        var (context, body, _) = await RenderAsync([], 1);
        Assert.Equal(0, context.Response.ContentLength);
        Assert.Empty(body.ToArray());
    }
}
