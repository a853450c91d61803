using Datasette.Gen.Configuration.Model;
using Datasette.Gen.Runtime.Data;
using Datasette.Gen.Runtime.Http;
using Datasette.Gen.Runtime.Plugins;
using Datasette.Gen.Runtime.Querying;
using Datasette.Gen.Runtime.Sql;

namespace Datasette.Gen.Runtime.Endpoints.Tables;

/// <summary>
/// The plugins' facet types (register_facet_classes) on a table page: <c>_facet_{type}=column</c>
/// asks for one, as <c>_facet_array</c> does for the built-in array facet. Their results and
/// suggestions join the built-in ones in the same JSON shapes.
/// </summary>
internal static class PluginFacets
{
    /// <summary>The plugin facets the query string asks for, each once, in the order asked.</summary>
    public static List<(FacetClass Facet, FacetRequest Request)> Requested(TablePage page)
    {
        var requested = new List<(FacetClass, FacetRequest)>();
        var classes = page.Datasette.FacetClasses;
        foreach (var (key, value) in page.Request.Args.Pairs)
        {
            if (value.Length == 0 || !key.StartsWith("_facet_", StringComparison.Ordinal))
            {
                continue;
            }
            var type = key["_facet_".Length..];
            var facet = classes.FirstOrDefault(c => c.Type == type);
            if (facet is not null && !requested.Any(r => r.Item2.PluginType == type && r.Item2.Column == value))
            {
                requested.Add((facet, new FacetRequest(FacetType.Column, value, false, key, value, type)));
            }
        }
        return requested;
    }

    /// <summary>Computes each requested plugin facet; one whose query runs out of time is named in <paramref name="timedOut"/>.</summary>
    public static List<FacetResult> Compute(TablePage page, List<(FacetClass Facet, FacetRequest Request)> requested, int size,
        HashSet<string> keys, List<string> timedOut)
    {
        var results = new List<FacetResult>();
        if (requested.Count == 0)
        {
            return results;
        }
        var input = Input(page, size, page.Datasette.Settings.FacetTimeLimitMs);
        foreach (var (facet, request) in requested)
        {
            TableQuery.EnsureColumn(page.Table, request.Column);
            var key = request.Column;
            for (var suffix = 2; !keys.Add(key); suffix++)
            {
                key = $"{request.Column}_{suffix}";
            }
            FacetClassResult computed;
            try
            {
                computed = facet.FacetResults(input, request.Column);
            }
            catch (QueryInterruptedException)
            {
                timedOut.Add(key);
                continue;
            }
            var values = computed.Results
                .Select(v => new FacetValue(v.Value ?? DBNull.Value, v.Label ?? v.Value ?? DBNull.Value, v.Count, v.ToggleUrl, v.Selected))
                .ToList();
            // Relative, as the built-in facets' toggle_url is.
            var remove = new QueryArgs(page.Request.Args.Pairs.Where(p => !(p.Key == request.ArgName && p.Value == request.ArgValue)).ToList());
            results.Add(new FacetResult(key, request, values, computed.Truncated, page.Request.RawPath + remove.ToQueryString()));
        }
        return results;
    }

    /// <summary>What each plugin facet type suggests for this page (a suggestion that runs out of time is left out).</summary>
    public static List<FacetSuggestion> Suggest(TablePage page, int size)
    {
        var suggestions = new List<FacetSuggestion>();
        var input = Input(page, size, page.Datasette.Settings.FacetSuggestTimeLimitMs);
        foreach (var facet in page.Datasette.FacetClasses)
        {
            try
            {
                suggestions.AddRange(facet.Suggest(input).Select(s => new FacetSuggestion(s.Name, FacetType.Column, s.ToggleUrl, facet.Type)));
            }
            catch (QueryInterruptedException)
            {
                // As the built-in probes: a suggestion that takes too long is not made.
            }
        }
        return suggestions;
    }

    private static FacetInput Input(TablePage page, int size, int facetLimit) => new(
        page.Datasette,
        page.Database,
        page.Table.Name,
        page.Table.Columns.Where(c => c.Hidden == 0).Select(c => c.Name).ToList(),
        $"select * from {SqlIdentifier.Escape(page.Table.Name)}{page.Query.FilterWhere}",
        page.Query.Parameters,
        page.Request.Args,
        page.Request.Origin + page.Request.RawPath,
        size,
        TimeLimits.Effective(page.Datasette.Settings.SqlTimeLimitMs, facetLimit));
}
