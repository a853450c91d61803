namespace Datasette.Gen.Configuration.Permissions;

/// <summary>How an allow block decides: always, never, or by comparing actor keys.</summary>
public enum AllowBlockKind
{
    Always,
    Never,
    Keys,
}

/// <summary>
/// The type of a value listed in an allow block. Booleans become integers because Python
/// compares <c>True == 1</c>; strings never equal numbers.
/// </summary>
public enum AllowValueKind
{
    String,
    Integer,
    Float,
}

/// <summary>One literal an actor value is compared with; <see cref="Text"/> is canonical for numbers.</summary>
public sealed record AllowValue(AllowValueKind Kind, string Text);

/// <summary>
/// One <c>key: value</c> or <c>key: [values]</c> entry. <see cref="AnyValue"/> is the bare
/// <c>"*"</c> spelling: the actor only needs to have the key (even with a null value).
/// </summary>
public sealed record AllowKey(string Key, bool AnyValue, EquatableArray<AllowValue> Values);

/// <summary>
/// An allow block as Datasette's <c>actor_matches_allow</c> evaluates it: <c>true</c>/<c>1</c>,
/// <c>false</c>/<c>0</c>, or a mapping whose keys are OR-ed. <see cref="Unauthenticated"/> is
/// <c>unauthenticated: true</c>, which matches the anonymous actor. <see cref="Json"/> is the
/// block as compact JSON, for comments and debug output.
/// </summary>
public sealed record AllowBlock(AllowBlockKind Kind, EquatableArray<AllowKey> Keys, bool Unauthenticated, string Json)
{
    public static readonly AllowBlock AlwaysBlock = new(AllowBlockKind.Always, EquatableArray<AllowKey>.Empty, false, "true");

    public static readonly AllowBlock NeverBlock = new(AllowBlockKind.Never, EquatableArray<AllowKey>.Empty, false, "false");
}
