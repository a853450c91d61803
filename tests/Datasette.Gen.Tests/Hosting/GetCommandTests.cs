using System.IO;
using System.Net;
using System.Net.Sockets;
using System.Text.Json.Nodes;
using System.Threading.Tasks;
using Datasette.Gen.Runtime.Hosting;
using Datasette.Gen.Tests.Infrastructure;

namespace Datasette.Gen.Tests.Hosting;

/// <summary>cli-and-config.md §2.1: <c>serve --get PATH</c> with --headers, --token and --actor.</summary>
public sealed class GetCommandTests
{
    private static async Task<(int Exit, string Output, string Error)> RunAsync(params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var exit = await DatasetteHost.RunAsync(args, TestServer.EmptyDeployment, output, error);
        return (exit, output.ToString(), error.ToString());
    }

    [Fact]
    public async Task Get_prints_the_body_and_exits_0_for_a_200()
    {
        using var file = new TempDatabaseFile("create table t (v); insert into t values ('hello')");
        var (exit, output, _) = await RunAsync(file.Path, "--get", "/test/t.json?_shape=array");
        Assert.Equal(0, exit);
        Assert.EndsWith("\n", output);
        Assert.Equal("hello", (string?)JsonNode.Parse(output)![0]!["v"]);
    }

    [Fact]
    public async Task Get_prints_the_error_body_and_exits_1_for_a_404()
    {
        using var file = new TempDatabaseFile("create table t (v)");
        var (exit, output, _) = await RunAsync(file.Path, "--get", "/test/missing.json");
        Assert.Equal(1, exit);
        Assert.Equal(404, (int?)JsonNode.Parse(output)!["status"]);
    }

    [Fact]
    public async Task Get_answers_in_process_without_binding_the_port()
    {
        // The port is taken: a --get that started Kestrel would fail to bind it.
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port.ToString(System.Globalization.CultureInfo.InvariantCulture);
        var (exit, output, _) = await RunAsync("-p", port, "--get", "/-/versions.json");
        Assert.Equal(0, exit);
        Assert.Contains("\"datasette\"", output);
    }

    [Fact]
    public async Task Headers_prints_the_status_line_and_lower_case_headers_before_the_body()
    {
        var (exit, output, _) = await RunAsync("--get", "/-/versions.json", "--headers");
        Assert.Equal(0, exit);
        var lines = output.ReplaceLineEndings("\n").Split('\n');
        Assert.Equal("HTTP/1.1 200", lines[0]);
        Assert.Contains("content-type: application/json; charset=utf-8", lines);
        var blank = System.Array.IndexOf(lines, "");
        Assert.True(blank > 1);
        Assert.StartsWith("{", lines[blank + 1]);
    }

    [Fact]
    public async Task Token_is_sent_as_a_bearer_token()
    {
        var token = new StringWriter();
        Assert.Equal(0, await CreateTokenCommand.RunAsync(["alice", "--secret", "s3cret"], token, new StringWriter()));
        var (exit, output, _) = await RunAsync("--secret", "s3cret", "--get", "/-/actor.json", "--token", token.ToString().Trim());
        Assert.Equal(0, exit);
        var actor = JsonNode.Parse(output)!["actor"]!;
        Assert.Equal("alice", (string?)actor["id"]);
        Assert.Equal("dstok", (string?)actor["token"]);
    }

    [Fact]
    public async Task Actor_is_sent_as_a_signed_actor_cookie()
    {
        var (exit, output, _) = await RunAsync("--get", "/-/actor.json", "--actor", "{\"id\": \"bob\", \"role\": \"staff\"}");
        Assert.Equal(0, exit);
        var actor = JsonNode.Parse(output)!["actor"]!;
        Assert.Equal("bob", (string?)actor["id"]);
        Assert.Equal("staff", (string?)actor["role"]);
    }

    [Fact]
    public async Task Without_an_actor_or_token_the_request_is_anonymous()
    {
        var (_, output, _) = await RunAsync("--get", "/-/actor.json");
        var body = JsonNode.Parse(output)!.AsObject();
        Assert.True(body.ContainsKey("actor"));
        Assert.Null(body["actor"]);
    }

    [Theory]
    [InlineData("not json")]
    [InlineData("[1, 2]")]
    public async Task An_actor_that_is_not_a_JSON_object_is_a_usage_error(string actor)
    {
        var (exit, _, error) = await RunAsync("--get", "/-/actor.json", "--actor", actor);
        Assert.Equal(2, exit);
        Assert.StartsWith("Error: Invalid value for '--actor': ", error);
    }

    [Theory]
    [InlineData("--headers", "Error: --headers can only be used with --get")]
    [InlineData("--token", "Error: --token can only be used with --get")]
    public async Task Headers_and_token_need_get(string option, string message)
    {
        var args = option == "--token" ? new[] { "-p", "0", option, "dstok_x" } : new[] { "-p", "0", option };
        var (exit, _, error) = await RunAsync(args);
        Assert.Equal(1, exit);
        Assert.Equal(message, error.Trim());
    }
}
