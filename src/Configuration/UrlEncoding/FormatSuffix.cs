namespace Datasette.Gen.Configuration.UrlEncoding;

/// <summary>
/// Datasette's <c>path_with_format</c>: a format is added as ".json" on the end of the path, or
/// as "?_format=json" when the path already has a dot in it (a base_url such as /v1.0/, or a
/// path that already ends in a format), since a second dot would be read as the format.
/// </summary>
public static class FormatSuffix
{
    public static bool NeedsQueryParameter(string path) => path.IndexOf('.') >= 0;

    public static string Apply(string path, string format) =>
        NeedsQueryParameter(path) ? path + "?_format=" + format : path + "." + format;

    /// <summary>What <see cref="Apply"/> appends to <paramref name="path"/>: ".json" or "?_format=json".</summary>
    public static string For(string path, string format) =>
        NeedsQueryParameter(path) ? "?_format=" + format : "." + format;

    /// <summary>The character that starts the next query-string pair after <paramref name="url"/>.</summary>
    public static char SeparatorAfter(string url) => url.IndexOf('?') >= 0 ? '&' : '?';
}
