using System;
using System.Collections.Generic;
using System.Linq;
using System.Net;
using System.Runtime.InteropServices;
using System.Threading;
using System.Threading.Tasks;
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
public sealed class DatasetteServer : IAsyncDisposable
{
    private static readonly TimeSpan ShutdownTimeout = TimeSpan.FromSeconds(10);

    private readonly KestrelServer _kestrel;
    private readonly ILoggerFactory _loggers;
    private readonly Func<ValueTask> _onStopped;
    private int _stopped;

    private DatasetteServer(KestrelServer kestrel, ILoggerFactory loggers, Datasette datasette, Func<ValueTask> onStopped)
    {
        _kestrel = kestrel;
        _loggers = loggers;
        _onStopped = onStopped;
        Datasette = datasette;
        Urls = kestrel.Features.Get<IServerAddressesFeature>()?.Addresses.ToArray() ?? Array.Empty<string>();
    }

    /// <summary>The instance being served.</summary>
    public Datasette Datasette { get; }

    /// <summary>The addresses Kestrel listens on, such as <c>http://127.0.0.1:8001</c> (the real port when 0 was asked for).</summary>
    public IReadOnlyList<string> Urls { get; }

    /// <summary>
    /// Binds <paramref name="host"/>:<paramref name="port"/> and serves every request with
    /// <paramref name="handle"/>; <paramref name="datasette"/> completes once the instance is ready
    /// (requests arriving before then wait for it inside <paramref name="handle"/>).
    /// </summary>
    internal static async Task<DatasetteServer> StartAsync(
        string host, int port, ILoggerFactory loggers, RequestDelegate handle, Task<Datasette> datasette, Func<ValueTask> onStopped)
    {
        var options = new KestrelServerOptions { AddServerHeader = false };
        if (host is "localhost")
        {
            options.ListenLocalhost(port);
        }
        else
        {
            options.Listen(IPAddress.Parse(host), port);
        }
        var transport = new SocketTransportFactory(Options.Create(new SocketTransportOptions()), loggers);
        var kestrel = new KestrelServer(Options.Create(options), transport, loggers);
        await kestrel.StartAsync(new Application(handle), CancellationToken.None).ConfigureAwait(false);
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
        return new DatasetteServer(kestrel, loggers, ready, onStopped);
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

    /// <summary>Stops accepting connections, lets requests in flight finish (up to 10 s), then closes the instance.</summary>
    public async Task StopAsync()
    {
        if (Interlocked.Exchange(ref _stopped, 1) == 1)
        {
            return;
        }
        using var timeout = new CancellationTokenSource(ShutdownTimeout);
        await _kestrel.StopAsync(timeout.Token).ConfigureAwait(false);
        await _onStopped().ConfigureAwait(false);
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync().ConfigureAwait(false);
        _kestrel.Dispose();
        _loggers.Dispose();
    }

    /// <summary>Kestrel's per-request callbacks, reusing one HttpContext per connection as ASP.NET Core's hosting layer does.</summary>
    private sealed class Application(RequestDelegate handle) : IHttpApplication<DefaultHttpContext>
    {
        public DefaultHttpContext CreateContext(IFeatureCollection contextFeatures)
        {
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

        public void DisposeContext(DefaultHttpContext context, Exception? exception) => context.Uninitialize();
    }
}
