using System.Text.Json;
using System.Text.Json.Nodes;
using Datasette.Gen.Runtime.Errors;
using Datasette.Gen.Runtime.Signing;

namespace Datasette.Gen.Runtime.Tokens;

/// <summary>
/// A token backend (Datasette's <c>TokenHandler</c>): creates tokens for an actor id and
/// verifies them. <see cref="VerifyTokenAsync"/> returns null for tokens it does not recognise,
/// so the next handler may try, and throws <see cref="TokenInvalidException"/> for tokens it
/// recognises but rejects.
/// </summary>
public interface ITokenHandler
{
    string Name { get; }

    Task<string> CreateTokenAsync(Datasette datasette, string actorId, long? expiresAfter = null, TokenRestrictions? restrictions = null);

    Task<JsonObject?> VerifyTokenAsync(Datasette datasette, string token);
}


/// <summary>The built-in handler: <c>dstok_</c> + the payload signed in the "token" namespace (tokens spec §3).</summary>
internal sealed class SignedTokenHandler : ITokenHandler
{
    public const string Prefix = "dstok_";

    private const string Disabled = "Signed tokens are not enabled for this Datasette instance";

    public string Name => "signed";

    public Task<string> CreateTokenAsync(Datasette datasette, string actorId, long? expiresAfter = null, TokenRestrictions? restrictions = null)
    {
        if (!datasette.Settings.AllowSignedTokens)
        {
            throw new InvalidOperationException(Disabled);
        }
        var payload = new JsonObject
        {
            ["a"] = actorId,
            ["t"] = datasette.Time.GetUtcNow().ToUnixTimeSeconds(),
        };
        if (expiresAfter is { } seconds && seconds != 0)
        {
            payload["d"] = seconds;
        }
        if (restrictions?.Abbreviated(datasette.Actions) is { } abbreviated)
        {
            payload["_r"] = abbreviated;
        }
        return Task.FromResult(Prefix + datasette.Sign(payload, "token"));
    }

    public Task<JsonObject?> VerifyTokenAsync(Datasette datasette, string token)
    {
        if (!token.StartsWith(Prefix, StringComparison.Ordinal))
        {
            return Task.FromResult<JsonObject?>(null);
        }
        if (!datasette.Settings.AllowSignedTokens)
        {
            throw new TokenInvalidException(Disabled);
        }
        JsonNode? decoded;
        try
        {
            decoded = datasette.Unsign(token[Prefix.Length..], "token");
        }
        catch (BadSignatureException)
        {
            throw new TokenInvalidException("Invalid token signature");
        }
        if (decoded is not JsonObject payload || !payload.TryGetPropertyValue("t", out var t))
        {
            throw new TokenInvalidException("Invalid token: no timestamp");
        }
        var created = Integer(t) ?? throw new TokenInvalidException("Invalid token: invalid timestamp");
        long? duration = null;
        if (payload.TryGetPropertyValue("d", out var d) && d is not null)
        {
            duration = Integer(d) ?? throw new TokenInvalidException("Invalid token: invalid duration");
        }
        if (!payload.TryGetPropertyValue("a", out var actorId))
        {
            throw new TokenInvalidException("Invalid token: no actor id");
        }
        // max_signed_tokens_ttl caps every lifetime; unlike Datasette, "d": 0 does not escape the cap.
        var ttl = datasette.Settings.MaxSignedTokensTtl;
        if (ttl > 0 && (duration is null or 0 || duration > ttl))
        {
            duration = ttl;
        }
        if (duration is { } lifetime && lifetime != 0)
        {
            var now = datasette.Time.GetUtcNow().ToUnixTimeMilliseconds() / 1000.0;
            if (now - created > lifetime)
            {
                throw new TokenInvalidException("Token has expired");
            }
        }
        var actor = new JsonObject
        {
            ["id"] = actorId?.DeepClone(),
            ["token"] = "dstok",
        };
        if (payload.TryGetPropertyValue("_r", out var restrictions))
        {
            actor["_r"] = restrictions?.DeepClone();
        }
        if (duration is { } expires && expires != 0)
        {
            actor["token_expires"] = created + expires;
        }
        return Task.FromResult<JsonObject?>(actor);
    }

    /// <summary>A JSON integer (Python int, booleans excluded), or null.</summary>
    private static long? Integer(JsonNode? node) =>
        node is JsonValue value && value.GetValueKind() == JsonValueKind.Number && value.TryGetValue<long>(out var number) ? number : null;
}
