using System.Text.Json.Nodes;
using Datasette.Gen.Runtime.Errors;
using Datasette.Gen.Runtime.Http;
using Datasette.Gen.Runtime.Tokens;
using Microsoft.AspNetCore.Http;

namespace Datasette.Gen.Runtime;

public sealed partial class Datasette
{
    /// <summary>
    /// An API token for <paramref name="actorId"/>, by the named handler or the first registered
    /// one (<c>dstok_…</c> for the built-in signed handler). Never expires unless
    /// <paramref name="expiresAfter"/> seconds are given.
    /// </summary>
    public Task<string> CreateTokenAsync(string actorId, long? expiresAfter = null, TokenRestrictions? restrictions = null, string? handler = null)
    {
        if (TokenHandlers.Count == 0)
        {
            throw new InvalidOperationException("No token handlers are registered");
        }
        var chosen = TokenHandlers[0];
        if (handler is not null)
        {
            chosen = TokenHandlers.Find(h => h.Name == handler)
                ?? throw new ArgumentException($"Token handler '{handler}' not found. Available handlers: [{string.Join(", ", TokenHandlers.ConvertAll(h => "'" + h.Name + "'"))}]", nameof(handler));
        }
        return chosen.CreateTokenAsync(this, actorId, expiresAfter, restrictions);
    }

    /// <summary>
    /// The actor of an API token from the first handler that recognises it, or null if none does.
    /// A recognised but invalid or expired token throws <see cref="TokenInvalidException"/>.
    /// </summary>
    public async Task<JsonObject?> VerifyTokenAsync(string token)
    {
        foreach (var handler in TokenHandlers)
        {
            if (await handler.VerifyTokenAsync(this, token).ConfigureAwait(false) is { } actor)
            {
                return actor;
            }
        }
        return null;
    }

    /// <summary>Adds a flash message, shown on the next HTML page the user visits (ds_messages cookie).</summary>
    public void AddMessage(DatasetteRequest request, string message, MessageType type = MessageType.Info) =>
        request.Messages.Add((message, type));

    /// <summary>The signed <c>ds_actor</c> cookie value for an actor (datasette.client.actor_cookie).</summary>
    public string ActorCookieValue(JsonObject actor) => ActorCookie.Value(Signer, Time, actor);

    /// <summary>Signs the actor into the <c>ds_actor</c> cookie; it expires after <paramref name="expireAfter"/> seconds when given.</summary>
    public void SetActorCookie(HttpResponse response, JsonObject actor, long? expireAfter = null) =>
        Cookies.Set(response, ActorCookie.Name, ActorCookie.Value(Signer, Time, actor, expireAfter));

    public void DeleteActorCookie(HttpResponse response) => Cookies.Delete(response, ActorCookie.Name);

    /// <summary>Resolves the actor of a request from every <see cref="ActorSources"/> entry; the first actor wins.</summary>
    public async Task<JsonObject?> ActorFromRequestAsync(DatasetteRequest request)
    {
        JsonObject? actor = null;
        TokenInvalidException? rejected = null;
        foreach (var source in ActorSources)
        {
            try
            {
                var found = await source.ActorFromRequestAsync(this, request).ConfigureAwait(false);
                actor ??= found;
            }
            catch (TokenInvalidException ex)
            {
                rejected ??= ex;
            }
        }
        if (rejected is not null)
        {
            throw rejected;
        }
        return actor;
    }

    /// <summary>Actions as Datasette lists them (name order) for /-/actions.</summary>
    public List<Configuration.Model.ActionDefinition> SortedActions()
    {
        var list = new List<Configuration.Model.ActionDefinition>(_actions.Values);
        list.Sort((a, b) => string.CompareOrdinal(a.Name, b.Name));
        return list;
    }
}
