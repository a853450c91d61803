using System;
using System.Diagnostics;
using System.Net.Sockets;
using System.Text;
using System.Threading.Tasks;
using Datasette.Gen.Runtime.Hosting;
using Datasette.Gen.Tests.Infrastructure;
using Microsoft.AspNetCore.Server.Kestrel.Core;

namespace Datasette.Gen.Tests.Hosting;

/// <summary>
/// Clients that send too slowly, too much or malformed bodies get Kestrel's status with a
/// Datasette error and none of Kestrel's internals; clients that never finish their headers
/// do not hold up a graceful stop.
/// </summary>
public sealed class SlowClientTests
{
    private const string FormHeaders = "POST /-/messages HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/x-www-form-urlencoded\r\n";

    [Theory(Timeout = 30000)]
    [InlineData("slow body", FormHeaders + "Content-Length: 30\r\n\r\nmessage=a", 408, "Request Timeout")]
    [InlineData("bad chunk", FormHeaders + "Transfer-Encoding: chunked\r\n\r\nzz\r\nmessage=a\r\n", 400, "Bad Request")]
    [InlineData("over Kestrel's size limit", FormHeaders + "Transfer-Encoding: chunked\r\n\r\n40\r\nmessage=aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa\r\n", 413, "Payload Too Large")]
    public async Task Kestrel_rejections_of_the_body_answer_their_own_status_without_internals(string what, string request, int status, string message)
    {
        await using var server = await TestServer.StartAsync(new ServeOptions { Memory = true }, kestrel =>
        {
            kestrel.Limits.MinRequestBodyDataRate = new MinDataRate(bytesPerSecond: 100, gracePeriod: TimeSpan.FromSeconds(1.5));
            kestrel.Limits.MaxRequestBodySize = 32;
        });
        using var client = await ConnectAsync(server);
        var stream = client.GetStream();
        await stream.WriteAsync(Encoding.ASCII.GetBytes(request));
        var watch = Stopwatch.StartNew();
        var response = await ReadResponseAsync(stream);

        Assert.True(response.StartsWith($"HTTP/1.1 {status} ", StringComparison.Ordinal), $"{what}: {response}");
        Assert.Contains($"<p>{message}</p>", response);
        foreach (var internals in new[] { "Kestrel", "MinRequestBodyDataRate", "arriving too slowly", "chunk", "Exception" })
        {
            Assert.DoesNotContain(internals, response, StringComparison.OrdinalIgnoreCase);
        }
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(10), $"{what}: answered after {watch.Elapsed}");
    }

    [Fact(Timeout = 30000)]
    public async Task Half_sent_headers_and_idle_keep_alive_connections_do_not_delay_a_stop()
    {
        await using var server = await TestServer.StartAsync(new ServeOptions { Memory = true });
        using var idle = await ConnectAsync(server);
        await idle.GetStream().WriteAsync(Encoding.ASCII.GetBytes("GET /-/versions.json HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n"));
        Assert.StartsWith("HTTP/1.1 200 ", await ReadHeadAsync(idle.GetStream()));
        using var halfSent = await ConnectAsync(server);
        await halfSent.GetStream().WriteAsync(Encoding.ASCII.GetBytes("GET /-/versions.json HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Never-Fin"));
        await Task.Delay(200);

        var watch = Stopwatch.StartNew();
        await server.StopAsync();
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(1.2), $"the stop took {watch.Elapsed}");
    }

    private static async Task<TcpClient> ConnectAsync(TestServer server)
    {
        var uri = new Uri(server.BaseUrl);
        var client = new TcpClient();
        await client.ConnectAsync(uri.Host, uri.Port);
        return client;
    }

    /// <summary>Everything until the server closes the connection (it does after a rejected body).</summary>
    private static async Task<string> ReadResponseAsync(NetworkStream stream)
    {
        var buffer = new byte[8192];
        var text = new StringBuilder();
        int read;
        while ((read = await stream.ReadAsync(buffer)) > 0)
        {
            text.Append(Encoding.UTF8.GetString(buffer, 0, read));
        }
        return text.ToString();
    }

    private static async Task<string> ReadHeadAsync(NetworkStream stream)
    {
        var buffer = new byte[8192];
        var read = await stream.ReadAsync(buffer);
        return Encoding.UTF8.GetString(buffer, 0, read);
    }
}
