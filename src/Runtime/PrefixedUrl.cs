namespace Datasette.Gen.Runtime;

/// <summary>
/// A URL path with base_url already applied (Datasette's <c>PrefixedUrlString</c>):
/// <see cref="DatasetteUrls.Path(PrefixedUrl, string?)"/> never prefixes it again. Appending
/// text on the right keeps the mark; anything else (a string on the left, interpolation)
/// gives a plain string, as in Datasette.
/// </summary>
public readonly record struct PrefixedUrl(string Value)
{
    public override string ToString() => Value ?? string.Empty;

    public static implicit operator string(PrefixedUrl url) => url.ToString();

    public static PrefixedUrl operator +(PrefixedUrl left, string? right) => new(left.ToString() + right);
}
