using System.Collections.Concurrent;

namespace Datasette.Gen.Runtime.Permissions;

/// <summary>
/// Verdicts that outlive requests. The rules come from configuration and the internal database,
/// so a verdict holds until that database is written (catalog refresh, stored queries, metadata)
/// or the set of rule sources changes: each entry remembers the generation it was made in, and
/// an entry of another generation is a miss. A volatile rule source turns sharing off.
/// </summary>
internal sealed class SharedVerdictCache(PermissionDatabase database, RuleSources sources)
{
    public const int Capacity = 50_000;

    private readonly ConcurrentDictionary<VerdictKey, (bool Allowed, long Generation)> _verdicts = new();

    /// <summary>The generation of verdicts made now, or null when a volatile rule source keeps verdicts to one request.</summary>
    public long? Generation() => sources.AnyVolatile() ? null : (database.WriteGeneration << 8) + sources.All.Count;

    public bool TryGet(in VerdictKey key, long generation, out bool allowed)
    {
        if (_verdicts.TryGetValue(key, out var shared) && shared.Generation == generation)
        {
            allowed = shared.Allowed;
            return true;
        }
        allowed = false;
        return false;
    }

    /// <summary>Bounds memory before new verdicts are added: past the capacity, every entry goes (they are cheap to decide again).</summary>
    public void MakeRoom()
    {
        if (_verdicts.Count > Capacity)
        {
            _verdicts.Clear();
        }
    }

    public void Add(in VerdictKey key, bool allowed, long generation) => _verdicts[key] = (allowed, generation);
}
