namespace Datasette.Gen.Runtime.Http;

/// <summary>Cache-Control and Referrer-Policy on table and row responses, as Datasette sets them.</summary>
internal static class Caching
{
    /// <param name="defaultTtl">The default_cache_ttl setting; <c>?_ttl=</c> overrides it.</param>
    public static void Apply(DatasetteRequest request, int defaultTtl)
    {
        var ttl = defaultTtl;
        var requested = request.Args.Get("_ttl");
        if (requested is { Length: > 0 } && int.TryParse(requested, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var value))
        {
            ttl = value;
        }
        var headers = request.Context.Response.Headers;
        headers.CacheControl = ttl == 0 ? "no-cache" : $"max-age={ttl}";
        headers["Referrer-Policy"] = "no-referrer";
    }
}
