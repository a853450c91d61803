using System.Text.Json.Nodes;
using Datasette.Gen.Runtime.Http;

namespace Datasette.Gen.Runtime.Plugins.Hooks;

/// <summary>
/// Datasette's <c>actor_from_request(datasette, request)</c>: the actor of a request, or null. Plugin
/// sources are asked before the built-in token and cookie ones; the first actor wins.
/// </summary>
public interface IActorFromRequest
{
    ValueTask<JsonObject?> ActorFromRequestAsync(Datasette datasette, DatasetteRequest request);
}
