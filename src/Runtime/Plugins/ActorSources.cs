using System.Text.Json.Nodes;
using Datasette.Gen.Runtime.Http;
using Datasette.Gen.Runtime.Signing;
using Datasette.Gen.Runtime.Tokens;

namespace Datasette.Gen.Runtime.Plugins;

/// <summary>
/// Where an actor can come from: Datasette's <c>actor_from_request</c> hook. Every source is
/// asked for every request; the first actor wins. A source throws
/// <see cref="TokenInvalidException"/> to fail the request with 401.
/// </summary>
internal interface IActorSource
{
    ValueTask<JsonObject?> ActorFromRequestAsync(Datasette datasette, DatasetteRequest request);
}

/// <summary><c>Authorization: Bearer TOKEN</c> (exactly that spelling), verified by the token handlers.</summary>
internal sealed class TokenActorSource : IActorSource
{
    public async ValueTask<JsonObject?> ActorFromRequestAsync(Datasette datasette, DatasetteRequest request)
    {
        var authorization = request.Header("Authorization");
        if (authorization is null || !authorization.StartsWith("Bearer ", StringComparison.Ordinal))
        {
            return null;
        }
        return await datasette.VerifyTokenAsync(authorization["Bearer ".Length..]).ConfigureAwait(false);
    }
}

/// <summary>The signed <c>ds_actor</c> cookie: <c>{"a": actor, "e": base62 expiry?}</c> in the "actor" namespace.</summary>
internal sealed class CookieActorSource : IActorSource
{
    public ValueTask<JsonObject?> ActorFromRequestAsync(Datasette datasette, DatasetteRequest request) =>
        ValueTask.FromResult(Read(datasette, request.Cookie(ActorCookie.Name)));

    public static JsonObject? Read(Datasette datasette, string? cookie)
    {
        if (string.IsNullOrEmpty(cookie))
        {
            return null;
        }
        JsonNode? decoded;
        try
        {
            decoded = datasette.Unsign(cookie, "actor");
        }
        catch (BadSignatureException)
        {
            return null;
        }
        if (decoded is not JsonObject data || !data.TryGetPropertyValue("a", out var actor))
        {
            return null;
        }
        if (data["e"] is JsonValue expires && expires.GetValueKind() == System.Text.Json.JsonValueKind.String && expires.GetValue<string>() is { Length: > 0 } text)
        {
            if (Base62.Decode(text) is not { } timestamp || datasette.Time.GetUtcNow().ToUnixTimeSeconds() > timestamp)
            {
                return null;
            }
        }
        return actor is JsonObject found ? (JsonObject)found.DeepClone() : null;
    }
}
