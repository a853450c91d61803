using System;
using System.Collections.Generic;
using System.Linq;
using System.Net.Http;
using System.Threading.Tasks;
using Datasette.Gen.Configuration;
using Datasette.Gen.Configuration.Model;
using Datasette.Gen.Runtime.Hosting;
using Microsoft.AspNetCore.Server.Kestrel.Core;

namespace Datasette.Gen.Tests.Infrastructure;

/// <summary>A real Kestrel server on a free loopback port, started through the same host code as the executable.</summary>
public sealed class TestServer : IAsyncDisposable
{
    private readonly DatasetteServer _server;

    private TestServer(DatasetteServer server)
    {
        _server = server;
        BaseUrl = server.Urls.First().TrimEnd('/');
        Client = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false }) { BaseAddress = new Uri(BaseUrl) };
    }

    public string BaseUrl { get; }

    public HttpClient Client { get; }

    /// <summary>The instance behind the server (its root token, signer, permission log).</summary>
    public Datasette.Gen.Runtime.Datasette Datasette => _server.Datasette;

    public static Task<TestServer> StartAsync(ServeOptions options, Deployment? deployment = null) =>
        StartCoreAsync(options with { Host = "127.0.0.1", Port = 0 }, deployment ?? EmptyDeployment, null);

    /// <summary>As <see cref="StartAsync(ServeOptions, Deployment?)"/> with Kestrel's options adjusted (shorter timeouts keep tests quick).</summary>
    public static Task<TestServer> StartAsync(ServeOptions options, Action<KestrelServerOptions> configureKestrel) =>
        StartCoreAsync(options with { Host = "127.0.0.1", Port = 0 }, EmptyDeployment, configureKestrel);

    /// <summary>The conformance instance: fixtures.db and "extra database.db" with the corpus's metadata and config.</summary>
    public static Task<TestServer> StartFixturesAsync(string configFile = "config.json")
    {
        var data = Paths.ConformanceData;
        return StartAsync(new ServeOptions
        {
            Files = new List<string> { System.IO.Path.Combine(data, "fixtures.db"), System.IO.Path.Combine(data, "extra database.db") },
            MetadataFile = System.IO.Path.Combine(data, "metadata.json"),
            ConfigFile = System.IO.Path.Combine(data, configFile),
        });
    }

    public static Deployment EmptyDeployment { get; } = new(DatasetteConfig.Empty, EquatableArray<MetadataItem>.Empty, Array.Empty<EmbeddedDatabase>());

    private static async Task<TestServer> StartCoreAsync(ServeOptions options, Deployment deployment, Action<KestrelServerOptions>? configureKestrel) =>
        new(await DatasetteHost.StartAsync(deployment, options, configureKestrel));

    /// <summary>Stops the server (requests in flight finish) without disposing it.</summary>
    public Task StopAsync() => _server.StopAsync();

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await _server.DisposeAsync();
    }
}
