using Datasette.Gen.Configuration.UrlEncoding;

namespace Datasette.Gen.Runtime.Http;

/// <summary>
/// Datasette's tilde encoding for names in paths, for plugins and views: the rule itself is
/// <see cref="TildeEncoding"/>, shared with the generator and the OpenAPI builder.
/// </summary>
public static class Tilde
{
    public static string Encode(string value) => TildeEncoding.Encode(value);

    /// <summary>~XX becomes byte XX and + a space; a literal % stays; malformed ~ stays literal.</summary>
    public static string Decode(string value) => TildeEncoding.Decode(value);
}
