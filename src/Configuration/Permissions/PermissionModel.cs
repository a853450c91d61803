namespace Datasette.Gen.Configuration.Permissions;

/// <summary>
/// A configuration's allow blocks compiled to data: distinct <see cref="Blocks"/> (each becomes
/// one actor matcher) and <see cref="Rules"/> in the order Datasette gathers them.
/// </summary>
public sealed record PermissionModel(EquatableArray<AllowBlock> Blocks, EquatableArray<PermissionRule> Rules)
{
    public static readonly PermissionModel Empty = new(EquatableArray<AllowBlock>.Empty, EquatableArray<PermissionRule>.Empty);
}
