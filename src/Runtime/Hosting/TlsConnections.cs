using System.IO.Pipelines;
using System.Net.Security;
using System.Security.Cryptography.X509Certificates;
using Microsoft.AspNetCore.Connections;
using Microsoft.AspNetCore.Http.Features;

namespace Datasette.Gen.Runtime.Hosting;

/// <summary>
/// HTTPS for --ssl-certfile: each connection is wrapped in an <see cref="SslStream"/> before Kestrel
/// reads HTTP from it. Kestrel's own UseHttps needs a dependency injection container (its logger
/// factory and internal metrics), which this host does without.
/// </summary>
internal static class TlsConnections
{
    private static readonly TimeSpan HandshakeTimeout = TimeSpan.FromSeconds(10);

    public static ConnectionDelegate Wrap(ConnectionDelegate next, X509Certificate2 certificate) => async connection =>
    {
        var original = connection.Transport;
        await using var tls = new SslStream(new DuplexPipeStream(original), leaveInnerStreamOpen: false);
        // A client that connects and never finishes the handshake must not hold the connection forever.
        using (var timeout = CancellationTokenSource.CreateLinkedTokenSource(connection.ConnectionClosed))
        {
            timeout.CancelAfter(HandshakeTimeout);
            try
            {
                await tls.AuthenticateAsServerAsync(new SslServerAuthenticationOptions
                {
                    ServerCertificate = certificate,
                    ApplicationProtocols = [SslApplicationProtocol.Http11],
                }, timeout.Token).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is IOException or OperationCanceledException or System.Security.Authentication.AuthenticationException)
            {
                return; // a failed handshake closes the connection, as Kestrel's HTTPS does
            }
        }
        // Kestrel sets the request's scheme to https when the connection has this feature.
        connection.Features.Set<ITlsConnectionFeature>(new TlsConnectionFeature { ClientCertificate = tls.RemoteCertificate as X509Certificate2 });
        connection.Transport = new DuplexPipe(PipeReader.Create(tls, new StreamPipeReaderOptions(leaveOpen: true)), PipeWriter.Create(tls, new StreamPipeWriterOptions(leaveOpen: true)));
        try
        {
            await next(connection).ConfigureAwait(false);
        }
        finally
        {
            connection.Transport = original;
        }
    };

    private sealed class TlsConnectionFeature : ITlsConnectionFeature
    {
        public X509Certificate2? ClientCertificate { get; set; }

        public Task<X509Certificate2?> GetClientCertificateAsync(CancellationToken cancellationToken) => Task.FromResult(ClientCertificate);
    }

    private sealed class DuplexPipe(PipeReader input, PipeWriter output) : IDuplexPipe
    {
        public PipeReader Input { get; } = input;

        public PipeWriter Output { get; } = output;
    }

    /// <summary>The socket's pipes as the one stream <see cref="SslStream"/> reads and writes.</summary>
    private sealed class DuplexPipeStream(IDuplexPipe pipe) : Stream
    {
        private readonly Stream _input = pipe.Input.AsStream(leaveOpen: true);
        private readonly Stream _output = pipe.Output.AsStream(leaveOpen: true);

        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => true;

        public override long Length => throw new NotSupportedException();

        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

        public override int Read(byte[] buffer, int offset, int count) => _input.Read(buffer, offset, count);

        public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) => _input.ReadAsync(buffer, cancellationToken);

        public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) => _input.ReadAsync(buffer, offset, count, cancellationToken);

        public override void Write(byte[] buffer, int offset, int count) => _output.Write(buffer, offset, count);

        public override ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default) => _output.WriteAsync(buffer, cancellationToken);

        public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) => _output.WriteAsync(buffer, offset, count, cancellationToken);

        public override void Flush() => _output.Flush();

        public override Task FlushAsync(CancellationToken cancellationToken) => _output.FlushAsync(cancellationToken);

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        protected override void Dispose(bool disposing)
        {
            if (disposing)
            {
                _input.Dispose();
                _output.Dispose();
            }
            base.Dispose(disposing);
        }
    }
}
