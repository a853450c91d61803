using System.Text.Json.Nodes;

namespace Datasette.Gen.Runtime.Plugins.Hooks;

/// <summary>
/// Datasette's <c>actors_from_ids(datasette, actor_ids)</c>: actors for ids. The first plugin that
/// returns a non-null dictionary wins; without one, each id maps to <c>{"id": id}</c>.
/// </summary>
public interface IActorsFromIds
{
    ValueTask<IReadOnlyDictionary<ActorId, JsonObject>?> ActorsFromIdsAsync(Datasette datasette, IReadOnlyList<ActorId> actorIds);
}
