using Datasette.Gen.Runtime.Http;

namespace Datasette.Gen.Runtime.Endpoints.Tables;

/// <summary>
/// The table form's redirects: _filter_column/_filter_op/_filter_value (and their _N forms)
/// become column__op=value, and _sort_by_desc becomes _sort_desc.
/// </summary>
internal static class FilterRedirect
{
    public static string? Location(DatasetteRequest request)
    {
        var args = request.Args.Pairs;
        var keys = args.Select(p => p.Key).ToList();
        if (keys.Contains("_sort_by_desc"))
        {
            var sort = request.Args.Get("_sort") ?? "";
            return request.RawPath + request.Args.ToQueryString(new[] { "_sort", "_sort_by_desc" }, new[] { new KeyValuePair<string, string>("_sort_desc", sort) });
        }
        var suffixes = keys.Where(k => k.StartsWith("_filter_column", StringComparison.Ordinal)).Select(k => k["_filter_column".Length..]).ToList();
        if (suffixes.Count == 0)
        {
            return null;
        }
        var remove = new List<string>();
        var append = new List<KeyValuePair<string, string>>();
        foreach (var suffix in suffixes)
        {
            remove.AddRange(new[] { "_filter_column" + suffix, "_filter_op" + suffix, "_filter_value" + suffix });
            var column = request.Args.Get("_filter_column" + suffix) ?? "";
            if (column.Length == 0)
            {
                continue;
            }
            var op = request.Args.Get("_filter_op" + suffix) ?? "exact";
            var value = request.Args.Get("_filter_value" + suffix) ?? "";
            var split = op.IndexOf("__", StringComparison.Ordinal);
            if (split >= 0)
            {
                value = op[(split + 2)..];
                op = op[..split];
            }
            append.Add(new($"{column}__{op}", value));
        }
        return request.RawPath + request.Args.ToQueryString(remove, append);
    }
}
