using System;
using System.IO;
using System.Linq;
using System.Net.Http;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Threading.Tasks;
using Datasette.Gen.Runtime.Hosting;
using Datasette.Gen.Tests.Infrastructure;

namespace Datasette.Gen.Tests.Hosting;

/// <summary>cli-and-config.md §2.1: --uds (a Unix domain socket) and --ssl-certfile/--ssl-keyfile (HTTPS from PEM files).</summary>
public sealed class ListenAddressTests
{
    [Fact]
    public async Task Uds_serves_on_a_unix_domain_socket()
    {
        // Short: a socket path is limited to about 100 bytes.
        var socketPath = Path.Combine(Path.GetTempPath(), $"dsg-{Guid.NewGuid():N}.sock");
        try
        {
            await using var server = await DatasetteHost.StartAsync(TestServer.EmptyDeployment, new ServeOptions { Uds = socketPath });
            using var handler = new SocketsHttpHandler
            {
                ConnectCallback = async (_, cancellation) =>
                {
                    var socket = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
                    await socket.ConnectAsync(new UnixDomainSocketEndPoint(socketPath), cancellation);
                    return new NetworkStream(socket, ownsSocket: true);
                },
            };
            using var client = new HttpClient(handler);
            using var response = await client.GetAsync("http://localhost/-/versions.json");
            Assert.Equal(200, (int)response.StatusCode);
            Assert.Contains("\"datasette\"", await response.Content.ReadAsStringAsync());
        }
        finally
        {
            File.Delete(socketPath);
        }
    }

    [Fact]
    public async Task Ssl_certfile_and_keyfile_serve_https()
    {
        using var files = new PemFiles();
        await using var server = await DatasetteHost.StartAsync(TestServer.EmptyDeployment,
            new ServeOptions { Port = 0, SslCertFile = files.CertificateFile, SslKeyFile = files.KeyFile });
        var url = server.Urls.First();
        Assert.StartsWith("https://", url);
        using var handler = new HttpClientHandler
        {
            ServerCertificateCustomValidationCallback = (_, certificate, _, _) => certificate?.Thumbprint == files.Thumbprint,
        };
        using var client = new HttpClient(handler) { BaseAddress = new Uri(url) };
        using var response = await client.GetAsync("/-/versions.json");
        Assert.Equal(200, (int)response.StatusCode);
    }

    [Fact]
    public async Task An_unreadable_certificate_is_a_start_up_error()
    {
        using var files = new PemFiles();
        var error = await Assert.ThrowsAsync<CommandLineException>(() => DatasetteHost.StartAsync(TestServer.EmptyDeployment,
            new ServeOptions { Port = 0, SslCertFile = files.KeyFile, SslKeyFile = files.KeyFile }));
        Assert.StartsWith($"Could not load the SSL certificate {files.KeyFile} with key {files.KeyFile}: ", error.Message);
        Assert.Equal(1, error.ExitCode);
    }

    [Fact]
    public async Task A_key_without_a_certificate_is_a_start_up_error()
    {
        using var files = new PemFiles();
        var error = await Assert.ThrowsAsync<CommandLineException>(() => DatasetteHost.StartAsync(TestServer.EmptyDeployment,
            new ServeOptions { Port = 0, SslKeyFile = files.KeyFile }));
        Assert.Equal("--ssl-keyfile needs --ssl-certfile", error.Message);
    }

    /// <summary>A self-signed certificate for 127.0.0.1 and its key, as PEM files.</summary>
    private sealed class PemFiles : IDisposable
    {
        private readonly string _directory = Path.Combine(Path.GetTempPath(), $"dsg-pem-{Guid.NewGuid():N}");

        public PemFiles()
        {
            Directory.CreateDirectory(_directory);
            using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
            var request = new CertificateRequest("CN=127.0.0.1", key, HashAlgorithmName.SHA256);
            var names = new SubjectAlternativeNameBuilder();
            names.AddIpAddress(System.Net.IPAddress.Loopback);
            request.CertificateExtensions.Add(names.Build());
            using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(1));
            Thumbprint = certificate.Thumbprint;
            CertificateFile = Path.Combine(_directory, "cert.pem");
            KeyFile = Path.Combine(_directory, "key.pem");
            File.WriteAllText(CertificateFile, certificate.ExportCertificatePem());
            File.WriteAllText(KeyFile, key.ExportPkcs8PrivateKeyPem());
        }

        public string CertificateFile { get; }

        public string KeyFile { get; }

        public string Thumbprint { get; }

        public void Dispose() => Directory.Delete(_directory, recursive: true);
    }
}
