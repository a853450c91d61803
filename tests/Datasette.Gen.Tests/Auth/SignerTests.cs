using System;
using System.Text.Json.Nodes;
using Datasette.Gen.Runtime.Signing;

namespace Datasette.Gen.Tests.Auth;

/// <summary>itsdangerous-compatible signing: the test vectors of tokens spec §2.4 (secret "secret-1").</summary>
public sealed class SignerTests
{
    private static readonly Signer Signer = new("secret-1");

    [Theory]
    [InlineData("default", """{"hello":"world"}""", "f5a2de859473d6b9529cab09e64743649e238510", "eyJoZWxsbyI6IndvcmxkIn0.qd2vqdG4u-nPLGW7Mj-MDQjDJVU")]
    [InlineData("actor", """{"a":{"id":"root"}}""", "3c11307c2aba819f96d042c35b608b9a04be2ef7", "eyJhIjp7ImlkIjoicm9vdCJ9fQ.CGlNemCq9_Juuo5YVTEqKkbM0ew")]
    [InlineData("messages", """[["You are now logged out",2]]""", "e97fa7ea650426129dcfe7a33361b7c988644400", "W1siWW91IGFyZSBub3cgbG9nZ2VkIG91dCIsMl1d.2C8MjwxolN7g4shvVrBuGfqWyTA")]
    [InlineData("messages", """[["hi",2]]""", "e97fa7ea650426129dcfe7a33361b7c988644400", "W1siaGkiLDJdXQ.LgaNJaCiBhUI3ticbEupTiIdzrg")]
    [InlineData("default", """{"name":"café ☕"}""", "f5a2de859473d6b9529cab09e64743649e238510", "eyJuYW1lIjoiY2Fmw6kg4piVIn0.BFfTpC1hTW9qu019JCcgnaXLmnc")]
    [InlineData("token", """{"a":"root","t":1700000000}""", "9134ef148f68eb3fd7b50557fd773c74836f6cdd", "eyJhIjoicm9vdCIsInQiOjE3MDAwMDAwMDB9.VgxV3KF2CTPDwq4jHjPehJwq7AU")]
    public void Signing_matches_the_reference_vectors(string ns, string json, string key, string signed)
    {
        Assert.Equal(key, Convert.ToHexStringLower(Signer.Key(ns)));
        Assert.Equal(signed, Signer.Sign(JsonNode.Parse(json), ns));
        Assert.Equal(json, Signer.Compact(Signer.Unsign(signed, ns)));
    }

    [Fact]
    public void A_random_secret_is_64_hex_characters_drawn_once_and_differs_between_signers()
    {
        var first = Signer.WithRandomSecret();
        var second = Signer.WithRandomSecret();

        var signed = first.Sign(JsonNode.Parse("""{"a":1}"""));
        Assert.Matches("^[0-9a-f]{64}$", first.Secret);
        Assert.Equal(first.Secret, first.Secret);
        Assert.Equal(signed, new Signer(first.Secret).Sign(JsonNode.Parse("""{"a":1}""")));
        Assert.NotEqual(first.Secret, second.Secret);
        Assert.Throws<BadSignatureException>(() => second.Unsign(signed));
    }

    [Fact]
    public void A_compressed_payload_from_datasette_unsigns()
    {
        var value = Signer.Unsign(".eJyrVipJrShRslJKpANQqgUA_DspZA.L7FxB7OoroHGtPtLaF7WLcg0Wdc");

        Assert.Equal(new string('a', 100), value!["text"]!.GetValue<string>());
        // Our own compressed output round-trips too (byte equality with zlib is not required).
        var signed = Signer.Sign(value);
        Assert.StartsWith(".", signed);
        Assert.Equal(new string('a', 100), Signer.Unsign(signed)!["text"]!.GetValue<string>());
    }

    [Theory]
    [Trait("seed", "internals:datasette-unsign")]
    [InlineData("eyJoZWxsbyI6IndvcmxkIn0.qd2vqdG4u-nPLGW7Mj-MDQjDJVX")]
    [InlineData("eyJoZWxsbyI6IndvcmxkIX0.qd2vqdG4u-nPLGW7Mj-MDQjDJVU")]
    [InlineData("eyJoZWxsbyI6IndvcmxkIn0")]
    [InlineData("eyJoZWxsbyI6IndvcmxkIn0.qd2vqdG4u")]
    [InlineData("eyJoZWxsbyI6IndvcmxkIn0.!!!!")]
    [InlineData("")]
    [InlineData(".")]
    [InlineData("é.é")]
    [InlineData("..qd2vqdG4u-nPLGW7Mj-MDQjDJVU")]
    public void Datasette_unsign_rejects_tampered_and_truncated_values(string signed) =>
        Assert.Throws<BadSignatureException>(() => Signer.Unsign(signed));

    [Fact]
    [Trait("seed", "internals:datasette-unsign")]
    public void Datasette_unsign_needs_the_same_namespace_and_secret()
    {
        var signed = Signer.Sign(JsonNode.Parse("""{"hello":"world"}"""), "default");

        Assert.Throws<BadSignatureException>(() => Signer.Unsign(signed, "actor"));
        Assert.Throws<BadSignatureException>(() => new Signer("secret-2").Unsign(signed));
        Assert.Throws<BadSignatureException>(() => Signer.Unsign(new string('a', 70_000) + ".x"));
    }

    [Fact]
    public void A_valid_signature_over_a_payload_that_is_not_json_is_still_a_bad_signature()
    {
        var signed = Signer.SignJson("{not json");

        Assert.Throws<BadSignatureException>(() => Signer.Unsign(signed));
    }
}
