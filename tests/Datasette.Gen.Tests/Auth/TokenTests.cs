using System;
using System.IO;
using System.Linq;
using System.Text.Json.Nodes;
using System.Threading.Tasks;
using Datasette.Gen.Runtime;
using Datasette.Gen.Runtime.Errors;
using Datasette.Gen.Runtime.Hosting;
using Datasette.Gen.Runtime.Signing;
using Datasette.Gen.Runtime.Tokens;
using Datasette.Gen.Tests.Permissions;

namespace Datasette.Gen.Tests.Auth;

/// <summary>dstok_ API tokens (tokens spec §3): creation, verification, restrictions, handlers and the CLI.</summary>
public sealed class TokenTests
{
    private const long T = 1700000000;
    private const string Vector8 = "dstok_eyJhIjoicm9vdCIsInQiOjE3MDAwMDAwMDB9.VgxV3KF2CTPDwq4jHjPehJwq7AU";
    private const string Vector9 = "dstok_.eJyrVkpUslJKzMlMTlXSUSpRsjI0N4ACHaUUJStjMxAjvkjJqhqkMlqpLBOorqxEKRYsXa2Ukp9cDBYvVIqt1VEqQoiB6dLc1LwSsILMIqDG0iKgKiAAAGMhIj8.ChBg6bwtS5-I26tvkzBPImBMhE0";

    internal sealed class FixedTime(long unixSeconds) : TimeProvider
    {
        public long Now { get; set; } = unixSeconds;

        public override DateTimeOffset GetUtcNow() => DateTimeOffset.FromUnixTimeSeconds(Now);
    }

    private static async Task<PermissionTestInstance> Instance(string yaml = "{}", long now = T)
    {
        var instance = await PermissionTestInstance.CreateAsync(yaml, new DatasetteOptions { Secret = "secret-1" });
        instance.Datasette.Time = new FixedTime(now);
        return instance;
    }

    [Fact]
    [Trait("seed", "internals:datasette-create-token")]
    public async Task Datasette_create_token_is_byte_identical_to_datasettes()
    {
        await using var instance = await Instance();

        Assert.Equal(Vector8, await instance.Datasette.CreateTokenAsync("root"));
        var expiring = await instance.Datasette.CreateTokenAsync("user1", expiresAfter: 3600);
        Assert.Equal("""{"a":"user1","t":1700000000,"d":3600}""", Signer.Compact(instance.Datasette.Unsign(expiring["dstok_".Length..], "token")));
        Assert.Equal("""{"a":"user1","t":1700000000}""", Signer.Compact(instance.Datasette.Unsign((await instance.Datasette.CreateTokenAsync("user1", expiresAfter: 0))["dstok_".Length..], "token")));
    }

    [Fact]
    [Trait("seed", "internals:datasette-verify-token")]
    public async Task Datasette_verify_token_returns_the_actor_of_a_reference_token()
    {
        await using var instance = await Instance(now: T + 100);

        var actor = await instance.Datasette.VerifyTokenAsync(Vector8);
        Assert.Equal("""{"id":"root","token":"dstok"}""", actor!.ToJsonString());
        var restricted = await instance.Datasette.VerifyTokenAsync(Vector9);
        Assert.Equal("""{"id":"alice","token":"dstok","_r":{"a":["vi","vt"],"d":{"docs":["vq"]},"r":{"docs":{"documents":["ir","ur"]}}},"token_expires":1700003600}""", restricted!.ToJsonString());
        Assert.Null(await instance.Datasette.VerifyTokenAsync("not-a-dstok-token"));
    }

    [Theory]
    [Trait("seed", "internals:datasette-verify-token")]
    [InlineData("dstok_eyJhIjoicm9vdCIsInQiOjE3MDAwMDAwMDB9.VgxV3KF2CTPDwq4jHjPehJwq7AX", "Invalid token signature")]
    [InlineData("dstok_eyJhIjoicm9vdCIsInQiOjE3MDAwMDAwMDB9", "Invalid token signature")]
    [InlineData("dstok_", "Invalid token signature")]
    [InlineData("dstok_eyJhIjoicm9vdCIsInQiOjE3MDAwMD", "Invalid token signature")]
    public async Task Tampered_or_truncated_tokens_are_rejected(string token, string message)
    {
        await using var instance = await Instance();

        var rejected = await Assert.ThrowsAsync<TokenInvalidException>(() => instance.Datasette.VerifyTokenAsync(token));
        Assert.Equal(message, rejected.Message);
    }

    [Theory]
    [InlineData("""{"a":"root"}""", "Invalid token: no timestamp")]
    [InlineData("""{"a":"root","t":"1700000000"}""", "Invalid token: invalid timestamp")]
    [InlineData("""{"a":"root","t":1700000000.0}""", "Invalid token: invalid timestamp")]
    [InlineData("""{"a":"root","t":1700000000,"d":"60"}""", "Invalid token: invalid duration")]
    [InlineData("""{"a":"root","t":1700000000,"d":60}""", "Token has expired")]
    [InlineData("""{"a":"root","t":1700000000,"d":-1}""", "Token has expired")]
    [InlineData("""{"t":1700000000}""", "Invalid token: no actor id")]
    [InlineData("""[1, 2]""", "Invalid token: no timestamp")]
    public async Task Signed_but_invalid_payloads_are_rejected_with_datasettes_messages(string payload, string message)
    {
        await using var instance = await Instance(now: T + 100);
        var token = "dstok_" + instance.Datasette.Signer.SignJson(payload, "token");

        var rejected = await Assert.ThrowsAsync<TokenInvalidException>(() => instance.Datasette.VerifyTokenAsync(token));
        Assert.Equal(message, rejected.Message);
    }

    [Fact]
    public async Task Expiry_is_strict_and_max_signed_tokens_ttl_caps_every_lifetime()
    {
        await using var capped = await Instance("settings:\n  max_signed_tokens_ttl: 60\n", now: T + 60);
        var time = (FixedTime)capped.Datasette.Time;
        var forever = "dstok_" + capped.Datasette.Signer.SignJson("""{"a":"root","t":1700000000}""", "token");
        var zero = "dstok_" + capped.Datasette.Signer.SignJson("""{"a":"root","t":1700000000,"d":0}""", "token");
        var hour = "dstok_" + capped.Datasette.Signer.SignJson("""{"a":"root","t":1700000000,"d":3600}""", "token");

        Assert.Equal(T + 60, (await capped.Datasette.VerifyTokenAsync(forever))!["token_expires"]!.GetValue<long>());
        Assert.Equal(T + 60, (await capped.Datasette.VerifyTokenAsync(hour))!["token_expires"]!.GetValue<long>());
        time.Now = T + 61;
        foreach (var token in new[] { forever, zero, hour })
        {
            await Assert.ThrowsAsync<TokenInvalidException>(() => capped.Datasette.VerifyTokenAsync(token));
        }
    }

    [Fact]
    public async Task Disabled_signed_tokens_cannot_be_created_or_used()
    {
        await using var instance = await Instance("settings:\n  allow_signed_tokens: false\n");

        await Assert.ThrowsAsync<InvalidOperationException>(() => instance.Datasette.CreateTokenAsync("root"));
        var rejected = await Assert.ThrowsAsync<TokenInvalidException>(() => instance.Datasette.VerifyTokenAsync(Vector8));
        Assert.Equal("Signed tokens are not enabled for this Datasette instance", rejected.Message);
    }

    [Fact]
    [Trait("seed", "internals:id1")]
    public async Task Id1_token_restrictions_builder_abbreviates_registered_actions()
    {
        await using var instance = await Instance();
        var restrictions = new TokenRestrictions()
            .AllowAll("view-instance")
            .AllowAll("view-table")
            .AllowDatabase("docs", "view-query")
            .AllowResource("docs", "attachments", "insert-row")
            .AllowResource("docs", "attachments", "update-row")
            .AllowAll("not-an-action");

        Assert.Equal("""{"a":["vi","vt","not-an-action"],"d":{"docs":["vq"]},"r":{"docs":{"attachments":["ir","ur"]}}}""",
            restrictions.Abbreviated(instance.Datasette.Actions)!.ToJsonString());
        Assert.Null(new TokenRestrictions().Abbreviated(instance.Datasette.Actions));

        var token = await instance.Datasette.CreateTokenAsync("user1", restrictions: restrictions);
        var actor = await instance.Datasette.VerifyTokenAsync(token);
        Assert.Equal("""{"a":["vi","vt","not-an-action"],"d":{"docs":["vq"]},"r":{"docs":{"attachments":["ir","ur"]}}}""", actor!["_r"]!.ToJsonString());
    }

    [Fact]
    public async Task Handlers_are_tried_in_order_and_chosen_by_name()
    {
        await using var instance = await Instance();
        var datasette = instance.Datasette;
        datasette.TokenHandlers.Insert(0, new UpperHandler());

        Assert.Equal("UP-ALICE", await datasette.CreateTokenAsync("alice"));
        Assert.StartsWith("dstok_", await datasette.CreateTokenAsync("alice", handler: "signed"));
        Assert.Equal("""{"id":"alice"}""", (await datasette.VerifyTokenAsync("UP-ALICE"))!.ToJsonString());
        Assert.Equal("root", (await datasette.VerifyTokenAsync(Vector8))!["id"]!.GetValue<string>());
        var missing = await Assert.ThrowsAsync<ArgumentException>(() => datasette.CreateTokenAsync("alice", handler: "nope"));
        Assert.Contains("'upper', 'signed'", missing.Message);
        datasette.TokenHandlers.Clear();
        await Assert.ThrowsAsync<InvalidOperationException>(() => datasette.CreateTokenAsync("alice"));
    }

    [Fact]
    public async Task Cli_create_token_prints_the_token_on_its_last_line()
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var status = await CreateTokenCommand.RunAsync(new[] { "root", "--secret", "secret-1", "-e", "3600", "-a", "view-instance", "-d", "docs", "view-query", "-r", "docs", "attachments", "insert-row", "-a", "nonsense", "--debug" }, output, error);

        Assert.Equal(0, status);
        Assert.Contains("Unknown permission: nonsense", error.ToString());
        var lines = output.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.StartsWith("dstok_", lines[0]);
        Assert.Contains(lines, l => l.Trim() == "Decoded:");
        await using var instance = await Instance(now: DateTimeOffset.UtcNow.ToUnixTimeSeconds());
        var actor = await instance.Datasette.VerifyTokenAsync(lines[0].Trim());
        Assert.Equal("""{"a":["vi","nonsense"],"d":{"docs":["vq"]},"r":{"docs":{"attachments":["ir"]}}}""", actor!["_r"]!.ToJsonString());
        Assert.NotNull(actor["token_expires"]);

        var plain = new StringWriter();
        Assert.Equal(0, await CreateTokenCommand.RunAsync(new[] { "bob", "--secret", "s" }, plain, new StringWriter()));
        Assert.StartsWith("dstok_", plain.ToString().Trim().Split('\n').Last());
        await Assert.ThrowsAsync<CommandLineException>(() => CreateTokenCommand.RunAsync(new[] { "bob", "-e", "soon", "--secret", "s" }, new StringWriter(), new StringWriter()));
    }

    private sealed class UpperHandler : ITokenHandler
    {
        public string Name => "upper";

        public Task<string> CreateTokenAsync(Runtime.Datasette datasette, string actorId, long? expiresAfter = null, TokenRestrictions? restrictions = null) =>
            Task.FromResult("UP-" + actorId.ToUpperInvariant());

        public Task<JsonObject?> VerifyTokenAsync(Runtime.Datasette datasette, string token) =>
            Task.FromResult(token.StartsWith("UP-", StringComparison.Ordinal) ? new JsonObject { ["id"] = token[3..].ToLowerInvariant() } : null);
    }
}
