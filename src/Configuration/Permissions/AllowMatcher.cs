using System.Globalization;

namespace Datasette.Gen.Configuration.Permissions;

/// <summary>
/// Datasette's <c>actor_matches_allow</c> over the allow-block model: the interpreted matcher,
/// used for configuration loaded at run time. Generated code decides the same way for the
/// compiled configuration.
/// </summary>
public static class AllowMatcher
{
    public static bool Matches(AllowBlock block, IActorValues? actor)
    {
        switch (block.Kind)
        {
            case AllowBlockKind.Always:
                return true;
            case AllowBlockKind.Never:
                return false;
        }
        if (actor is null)
        {
            // A missing actor is {}: it has no keys, so only unauthenticated: true matches.
            return block.Unauthenticated;
        }
        foreach (var key in block.Keys)
        {
            if (Matches(key, actor))
            {
                return true;
            }
        }
        return false;
    }

    public static bool Matches(AllowKey key, IActorValues actor)
    {
        if (key.AnyValue && actor.HasKey(key.Key))
        {
            return true;
        }
        foreach (var value in key.Values)
        {
            var found = value.Kind switch
            {
                AllowValueKind.String => actor.HasString(key.Key, value.Text),
                AllowValueKind.Integer => actor.HasInteger(key.Key, long.Parse(value.Text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture)),
                _ => actor.HasFloat(key.Key, double.Parse(value.Text, NumberStyles.Float, CultureInfo.InvariantCulture)),
            };
            if (found)
            {
                return true;
            }
        }
        return false;
    }
}
