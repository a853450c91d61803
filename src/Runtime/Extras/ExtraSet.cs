using System.Numerics;

namespace Datasette.Gen.Runtime.Extras;

/// <summary>
/// A set of extras as one bit each: a page without <c>_extra=</c> carries <see cref="None"/>,
/// so the common request allocates nothing for it.
/// </summary>
internal readonly record struct ExtraSet(ulong Bits)
{
    public static readonly ExtraSet None = default;

    public bool IsEmpty => Bits == 0;

    public int Count => BitOperations.PopCount(Bits);

    public bool Has(Extra extra) => (Bits & Bit(extra)) != 0;

    public bool HasAny(ExtraSet other) => (Bits & other.Bits) != 0;

    public ExtraSet With(Extra extra) => new(Bits | Bit(extra));

    public ExtraSet Union(ExtraSet other) => new(Bits | other.Bits);

    public static ExtraSet Of(params Extra[] extras)
    {
        var set = None;
        foreach (var extra in extras)
        {
            set = set.With(extra);
        }
        return set;
    }

    private static ulong Bit(Extra extra) => 1UL << (int)extra;
}
