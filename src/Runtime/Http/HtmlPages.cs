namespace Datasette.Gen.Runtime.Http;

/// <summary>What every HTML data page shares below the templates: the URL of its JSON twin.</summary>
internal static class HtmlPages
{
    /// <summary>The route path with .json added before the query string, or _format=json when the path has a dot.</summary>
    public static string AlternateJsonUrl(DatasetteRequest request)
    {
        var path = request.RawPath;
        var query = request.QueryString;
        var last = path[(path.LastIndexOf('/') + 1)..];
        if (last.Contains('.'))
        {
            return request.Origin + path + (query.Length == 0 ? "?_format=json" : query + "&_format=json");
        }
        return request.Origin + (path == "/" ? "/.json" : path + ".json") + query;
    }
}
