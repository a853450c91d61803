using System.Text.Json.Nodes;
using Datasette.Gen.Configuration.Model;
using Datasette.Gen.Configuration.Permissions;

namespace Datasette.Gen.Runtime.Permissions;

/// <summary>
/// The rule sources (Datasette's <c>permission_resources_sql</c> hooks) in the order they are
/// asked, and what they contribute for one actor and action, gathered once per request.
/// </summary>
internal sealed class RuleSources(IEnumerable<IPermissionSource> sources, CompiledPermissions matchers)
{
    /// <summary>Plugins insert theirs first: Datasette calls the most recently registered first.</summary>
    public List<IPermissionSource> All { get; } = new(sources);

    /// <summary>True when some source's rules can change without a write to the internal database.</summary>
    public bool AnyVolatile()
    {
        foreach (var source in All)
        {
            if (source.IsVolatile)
            {
                return true;
            }
        }
        return false;
    }

    /// <summary>The actor as checks see it; one per actor and request when a request memo is given.</summary>
    public ActorState State(JsonObject? actor, RequestPermissionCache? cache) =>
        cache?.State(actor, matchers) ?? new ActorState(actor, matchers);

    /// <summary>Every source's contributions for the actor and action, each labelled with its source.</summary>
    public List<PermissionSql> Gather(ActorState state, ActionDefinition action, RequestPermissionCache? cache)
    {
        if (cache is not null && cache.Gathered.TryGetValue((state.Key, action.Name), out var gathered))
        {
            return gathered;
        }
        var request = new PermissionRequest(state.Actor, action, state);
        gathered = new List<PermissionSql>();
        var contributions = new List<PermissionSql>();
        foreach (var source in All)
        {
            contributions.Clear();
            source.Contribute(request, contributions);
            foreach (var contribution in contributions)
            {
                gathered.Add(contribution.Source.Length == 0 ? contribution with { Source = source.Name } : contribution);
            }
        }
        if (cache is not null)
        {
            cache.Gathered[(state.Key, action.Name)] = gathered;
        }
        return gathered;
    }
}
