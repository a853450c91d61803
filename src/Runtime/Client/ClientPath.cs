namespace Datasette.Gen.Runtime.Client;

/// <summary>
/// A path for <see cref="DatasetteClient"/>: a plain string gets base_url applied, a
/// <see cref="PrefixedUrl"/> (what <see cref="Datasette.Urls"/> returns) is used as it is.
/// </summary>
public readonly record struct ClientPath(string Value, bool IsPrefixed)
{
    public static implicit operator ClientPath(string path) => new(path, false);

    public static implicit operator ClientPath(PrefixedUrl path) => new(path.Value, true);

    public override string ToString() => Value;
}
