using System.Net;
using System.Runtime.InteropServices;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Abstractions;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.AspNetCore.Server.Kestrel.Transport.Sockets;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Datasette.Gen.Runtime.Hosting;

/// <summary>
/// Kestrel with nothing between it and the request handler: no generic host, no dependency
/// injection container, no configuration system. The command line is Datasette's only
/// configuration and the server needs no services, so the host's start-up work (resolving
/// open generic services, which Native AOT builds at run time) bought nothing: a quarter of
/// the process's start-up time.
/// </summary>
internal sealed class DatasetteServer : IAsyncDisposable
{
    private static readonly TimeSpan ShutdownTimeout = TimeSpan.FromSeconds(10);

    /// <summary>How long no request must be in flight before the connections left are cut: time for the last responses to leave.</summary>
    private static readonly TimeSpan QuietBeforeAbort = TimeSpan.FromMilliseconds(200);

    private static readonly TimeSpan StopPollInterval = TimeSpan.FromMilliseconds(20);

    private readonly KestrelServer _kestrel;
    private readonly RequestsInFlight _inFlight;
    private readonly ILoggerFactory _loggers;
    private readonly Func<ValueTask> _onStopped;
    private int _stopped;

    private DatasetteServer(KestrelServer kestrel, ListenAddress address, RequestsInFlight inFlight, ILoggerFactory loggers, Datasette datasette, Func<ValueTask> onStopped)
    {
        _kestrel = kestrel;
        _inFlight = inFlight;
        _loggers = loggers;
        _onStopped = onStopped;
        Datasette = datasette;
        Urls = kestrel.Features.Get<IServerAddressesFeature>()?.Addresses.Select(address.Describe).ToArray() ?? Array.Empty<string>();
    }

    /// <summary>The instance being served.</summary>
    public Datasette Datasette { get; }

    /// <summary>The addresses Kestrel listens on, such as <c>http://127.0.0.1:8001</c> (the real port when 0 was asked for).</summary>
    public IReadOnlyList<string> Urls { get; }

    /// <summary>
    /// Binds <paramref name="address"/> and serves every request with
    /// <paramref name="handle"/>; <paramref name="datasette"/> completes once the instance is ready
    /// (requests arriving before then wait for it inside <paramref name="handle"/>).
    /// <paramref name="configureKestrel"/> lets tests shorten Kestrel's limits.
    /// </summary>
    internal static async Task<DatasetteServer> StartAsync(
        ListenAddress address, ILoggerFactory loggers, RequestDelegate handle, Task<Datasette> datasette, Func<ValueTask> onStopped,
        Action<KestrelServerOptions>? configureKestrel = null)
    {
        var options = new KestrelServerOptions { AddServerHeader = false };
        configureKestrel?.Invoke(options);
        address.ApplyTo(options);
        var transport = new SocketTransportFactory(Options.Create(new SocketTransportOptions()), loggers);
        var kestrel = new KestrelServer(Options.Create(options), transport, loggers);
        var inFlight = new RequestsInFlight();
        await kestrel.StartAsync(new Application(handle, inFlight), CancellationToken.None).ConfigureAwait(false);
        Datasette ready;
        try
        {
            ready = await datasette.ConfigureAwait(false);
        }
        catch
        {
            await kestrel.StopAsync(CancellationToken.None).ConfigureAwait(false);
            kestrel.Dispose();
            throw;
        }
        return new DatasetteServer(kestrel, address, inFlight, loggers, ready, onStopped);
    }

    /// <summary>Serves until SIGINT, SIGTERM or SIGQUIT, then stops gracefully (as the generic host's console lifetime did).</summary>
    public async Task WaitForShutdownAsync()
    {
        var signalled = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        void OnSignal(PosixSignalContext context)
        {
            context.Cancel = true; // stop in order: the temporary internal database is deleted on the way out
            signalled.TrySetResult();
        }
        using var interrupt = PosixSignalRegistration.Create(PosixSignal.SIGINT, OnSignal);
        using var terminate = PosixSignalRegistration.Create(PosixSignal.SIGTERM, OnSignal);
        using var quit = PosixSignalRegistration.Create(PosixSignal.SIGQUIT, OnSignal);
        await signalled.Task.ConfigureAwait(false);
        await StopAsync().ConfigureAwait(false);
    }

    /// <summary>Requests being answered now (tests wait for one to be in flight before stopping).</summary>
    internal int RequestsInFlightCount => _inFlight.Count;

    /// <summary>
    /// Stops accepting connections, lets requests in flight finish (up to 10 s), then closes the
    /// instance. Kestrel alone would also wait for connections that hold no request (idle
    /// keep-alive, or headers half sent and never finished) until the timeout, so once no
    /// request has been in flight for a moment those connections are cut.
    /// </summary>
    public async Task StopAsync()
    {
        if (Interlocked.Exchange(ref _stopped, 1) == 1)
        {
            return;
        }
        using var timeout = new CancellationTokenSource(ShutdownTimeout);
        var stopping = _kestrel.StopAsync(timeout.Token);
        var quietSince = (long?)null;
        while (!stopping.IsCompleted && !timeout.IsCancellationRequested)
        {
            if (_inFlight.Count > 0)
            {
                quietSince = null;
            }
            else if (quietSince is null)
            {
                quietSince = Environment.TickCount64;
            }
            else if (Environment.TickCount64 - quietSince.Value >= (long)QuietBeforeAbort.TotalMilliseconds)
            {
                timeout.Cancel(); // Kestrel aborts the connections still open
                break;
            }
            await Task.WhenAny(stopping, Task.Delay(StopPollInterval)).ConfigureAwait(false);
        }
        await stopping.ConfigureAwait(false);
        await _onStopped().ConfigureAwait(false);
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync().ConfigureAwait(false);
        _kestrel.Dispose();
        _loggers.Dispose();
    }

    /// <summary>Requests Kestrel has handed over and not yet finished (their headers are complete; the body may still be arriving).</summary>
    private sealed class RequestsInFlight
    {
        private int _count;

        public int Count => Volatile.Read(ref _count);

        public void Started() => Interlocked.Increment(ref _count);

        public void Finished() => Interlocked.Decrement(ref _count);
    }

    /// <summary>
    /// Kestrel's per-request callbacks, reusing one HttpContext per connection as ASP.NET Core's
    /// hosting layer does; a request counts as in flight from CreateContext to DisposeContext,
    /// which Kestrel calls after the response has been completed.
    /// </summary>
    private sealed class Application(RequestDelegate handle, RequestsInFlight inFlight) : IHttpApplication<DefaultHttpContext>
    {
        public DefaultHttpContext CreateContext(IFeatureCollection contextFeatures)
        {
            inFlight.Started();
            if (contextFeatures is IHostContextContainer<DefaultHttpContext> container)
            {
                if (container.HostContext is { } reused)
                {
                    reused.Initialize(contextFeatures);
                    return reused;
                }
                return container.HostContext = new DefaultHttpContext(contextFeatures);
            }
            return new DefaultHttpContext(contextFeatures);
        }

        public Task ProcessRequestAsync(DefaultHttpContext context) => handle(context);

        public void DisposeContext(DefaultHttpContext context, Exception? exception)
        {
            context.Uninitialize();
            inFlight.Finished();
        }
    }
}
