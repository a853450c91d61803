using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Microsoft.AspNetCore.Server.Kestrel.Core;

namespace Datasette.Gen.Runtime.Hosting;

/// <summary>
/// Where the server listens: <c>-h</c>/<c>-p</c>, or <c>--uds</c> (a Unix domain socket, which
/// replaces host and port as with uvicorn), with HTTPS when <c>--ssl-certfile</c>/<c>--ssl-keyfile</c> give PEM files.
/// </summary>
internal sealed record ListenAddress(string Host, int Port, string? UnixSocket = null, string? CertificateFile = null, string? KeyFile = null)
{
    public static ListenAddress From(ServeOptions options) =>
        new(options.Host, options.Port, options.Uds, options.SslCertFile, options.SslKeyFile);

    /// <summary>The address as a URL: Kestrel reports http:// for an endpoint whose TLS it does not know about.</summary>
    public string Describe(string kestrelAddress) =>
        CertificateFile is not null && kestrelAddress.StartsWith("http://", StringComparison.Ordinal) ? "https://" + kestrelAddress["http://".Length..] : kestrelAddress;

    public void ApplyTo(KestrelServerOptions options)
    {
        // Read before binding, so that a bad file is a start-up error rather than a failed handshake later.
        var certificate = LoadCertificate();
        Action<ListenOptions> configure = certificate is null
            ? _ => { }
            : listen => listen.Use(next => TlsConnections.Wrap(next, certificate));
        if (UnixSocket is not null)
        {
            // A socket file left by a previous run would make the bind fail with "address in use".
            if (File.Exists(UnixSocket))
            {
                File.Delete(UnixSocket);
            }
            options.ListenUnixSocket(UnixSocket, configure);
        }
        else if (Host is "localhost")
        {
            options.ListenLocalhost(Port, configure);
        }
        else
        {
            options.Listen(IPAddress.Parse(Host), Port, configure);
        }
    }

    private X509Certificate2? LoadCertificate()
    {
        if (CertificateFile is null && KeyFile is null)
        {
            return null;
        }
        if (CertificateFile is null)
        {
            throw new CommandLineException("--ssl-keyfile needs --ssl-certfile", 1);
        }
        try
        {
            using var pem = KeyFile is null ? X509Certificate2.CreateFromPemFile(CertificateFile) : X509Certificate2.CreateFromPemFile(CertificateFile, KeyFile);
            // Exported and re-imported: on Linux a key that only lives in memory (from PEM) serves TLS fine,
            // but other platforms' TLS stacks need the certificate and key as one PKCS#12 blob.
            return X509CertificateLoader.LoadPkcs12(pem.Export(X509ContentType.Pkcs12), null);
        }
        catch (Exception ex) when (ex is IOException or CryptographicException or ArgumentException or UnauthorizedAccessException)
        {
            throw new CommandLineException($"Could not load the SSL certificate {CertificateFile}{(KeyFile is null ? "" : $" with key {KeyFile}")}: {ex.Message}", 1);
        }
    }
}
