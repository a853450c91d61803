using System.Buffers;
using Microsoft.AspNetCore.Http;

namespace Datasette.Gen.Runtime.Html;

/// <summary>
/// What a page renders into on its way to the response body: the first <see cref="Capacity"/> bytes are held in a
/// pooled buffer, so a page that fits (most do) goes out in one write with a Content-Length, instead of a chunk
/// each time the renderer flushes after a large part (every flush was a send of its own). A longer page spills:
/// what is held goes out, and the rest streams through as it is written, so memory stays bounded.
/// </summary>
internal sealed class PageBodyBuffer(HttpResponse response) : Stream
{
    /// <summary>How much of a page is held before it streams.</summary>
    internal const int Capacity = 64 * 1024;

    private readonly Stream _body = response.Body;
    private byte[]? _held;
    private int _length;
    private bool _spilled;

    /// <summary>True once the page outgrew the buffer and streams (tests).</summary>
    internal bool Spilled => _spilled;

    public override bool CanRead => false;

    public override bool CanSeek => false;

    public override bool CanWrite => true;

    public override long Length => throw new NotSupportedException();

    public override long Position
    {
        get => throw new NotSupportedException();
        set => throw new NotSupportedException();
    }

    public override async ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
    {
        if (!_spilled && _length + buffer.Length <= Capacity)
        {
            _held ??= ArrayPool<byte>.Shared.Rent(Capacity);
            buffer.Span.CopyTo(_held.AsSpan(_length));
            _length += buffer.Length;
            return;
        }
        if (!_spilled)
        {
            _spilled = true;
            await SendHeldAsync(cancellationToken).ConfigureAwait(false);
        }
        await _body.WriteAsync(buffer, cancellationToken).ConfigureAwait(false);
    }

    public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        WriteAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override void Write(byte[] buffer, int offset, int count) => WriteAsync(buffer, offset, count).GetAwaiter().GetResult();

    /// <summary>A flush of a held page waits for the end; a streaming one goes through.</summary>
    public override Task FlushAsync(CancellationToken cancellationToken) => _spilled ? _body.FlushAsync(cancellationToken) : Task.CompletedTask;

    public override void Flush()
    {
        if (_spilled)
        {
            _body.Flush();
        }
    }

    /// <summary>Sends what is held: the whole page with its length when it never spilled.</summary>
    public async Task FinishAsync(CancellationToken cancellationToken)
    {
        if (!_spilled)
        {
            response.ContentLength = _length;
        }
        await SendHeldAsync(cancellationToken).ConfigureAwait(false);
    }

    private async Task SendHeldAsync(CancellationToken cancellationToken)
    {
        if (_held is not null && _length > 0)
        {
            await _body.WriteAsync(_held.AsMemory(0, _length), cancellationToken).ConfigureAwait(false);
        }
        _length = 0;
    }

    protected override void Dispose(bool disposing)
    {
        if (_held is not null)
        {
            ArrayPool<byte>.Shared.Return(_held);
            _held = null;
        }
        base.Dispose(disposing);
    }

    public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();
}
