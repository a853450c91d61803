using System.IO.Pipelines;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;

namespace Datasette.Gen.Runtime.Client;

/// <summary>
/// The response side of an in-process request: headers and status kept in memory, the body
/// buffered, and "started" on the first write (running OnStarting callbacks, newest first,
/// as Kestrel does) so views that set cookies at start behave as they do over a socket.
/// </summary>
internal sealed class InProcessResponse : IHttpResponseFeature, IHttpResponseBodyFeature
{
    private readonly MemoryStream _buffer = new();
    private readonly List<(Func<object, Task> Callback, object State)> _onStarting = new();
    private readonly List<(Func<object, Task> Callback, object State)> _onCompleted = new();
    private readonly StartOnWriteStream _stream;
    private PipeWriter? _writer;

    public InProcessResponse() => _stream = new StartOnWriteStream(this);

    public int StatusCode { get; set; } = 200;

    public string? ReasonPhrase { get; set; }

    public IHeaderDictionary Headers { get; set; } = new HeaderDictionary();

    public Stream Body
    {
        get => _stream;
        set => throw new NotSupportedException("The in-process client's response body cannot be replaced");
    }

    public bool HasStarted { get; private set; }

    public Stream Stream => _stream;

    public PipeWriter Writer => _writer ??= PipeWriter.Create(_stream, new StreamPipeWriterOptions(leaveOpen: true));

    public byte[] BodyBytes => _buffer.ToArray();

    public void OnStarting(Func<object, Task> callback, object state) => _onStarting.Insert(0, (callback, state));

    public void OnCompleted(Func<object, Task> callback, object state) => _onCompleted.Insert(0, (callback, state));

    public void DisableBuffering()
    {
    }

    public Task StartAsync(CancellationToken cancellationToken = default) => FireStartingAsync();

    public async Task SendFileAsync(string path, long offset, long? count, CancellationToken cancellationToken = default)
    {
        await FireStartingAsync().ConfigureAwait(false);
        await using var file = File.OpenRead(path);
        file.Seek(offset, SeekOrigin.Begin);
        var remaining = count ?? file.Length - offset;
        var chunk = new byte[81920];
        while (remaining > 0)
        {
            var read = await file.ReadAsync(chunk.AsMemory(0, (int)Math.Min(chunk.Length, remaining)), cancellationToken).ConfigureAwait(false);
            if (read == 0)
            {
                break;
            }
            _buffer.Write(chunk, 0, read);
            remaining -= read;
        }
    }

    public async Task CompleteAsync()
    {
        if (_writer is not null)
        {
            await _writer.FlushAsync().ConfigureAwait(false);
        }
        await FireStartingAsync().ConfigureAwait(false);
        foreach (var (callback, state) in _onCompleted)
        {
            await callback(state).ConfigureAwait(false);
        }
        _onCompleted.Clear();
    }

    private async Task FireStartingAsync()
    {
        if (HasStarted)
        {
            return;
        }
        foreach (var (callback, state) in _onStarting)
        {
            await callback(state).ConfigureAwait(false);
        }
        _onStarting.Clear();
        HasStarted = true;
    }

    private sealed class StartOnWriteStream(InProcessResponse owner) : Stream
    {
        public override bool CanRead => false;

        public override bool CanSeek => false;

        public override bool CanWrite => true;

        public override long Length => owner._buffer.Length;

        public override long Position
        {
            get => owner._buffer.Length;
            set => throw new NotSupportedException();
        }

        public override void Flush() => owner.FireStartingAsync().GetAwaiter().GetResult();

        public override Task FlushAsync(CancellationToken cancellationToken) => owner.FireStartingAsync();

        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count)
        {
            owner.FireStartingAsync().GetAwaiter().GetResult();
            owner._buffer.Write(buffer, offset, count);
        }

        public override async ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
        {
            await owner.FireStartingAsync().ConfigureAwait(false);
            owner._buffer.Write(buffer.Span);
        }

        public override async Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken)
        {
            await owner.FireStartingAsync().ConfigureAwait(false);
            owner._buffer.Write(buffer, offset, count);
        }
    }
}
