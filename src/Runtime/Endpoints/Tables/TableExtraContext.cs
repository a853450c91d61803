using Datasette.Gen.Runtime.Endpoints.Databases;
using Datasette.Gen.Runtime.Querying;

namespace Datasette.Gen.Runtime.Endpoints.Tables;

/// <summary>
/// What several table extras share, computed at most once and only when a block asks for it:
/// the count (<c>count</c>, <c>count_truncated</c>, <c>suggested_facets</c>), the facet
/// results (<c>facet_results</c>, <c>sorted_facet_results</c>, <c>facets_timed_out</c>) and the
/// suggestions. The HTML page reads the same values, so both renderers show one computation.
/// </summary>
internal sealed class TableExtraContext(TablePage page)
{
    private bool _counted;
    private long? _count;
    private FacetOutcome? _facets;
    private List<FacetSuggestion>? _suggestions;

    public TablePage Page { get; } = page;

    public bool NoFacets { get; } = page.Request.Args.Get("_nofacet") is { Length: > 0 };

    /// <summary>The number of matching rows, or null when <c>_nocount</c> asks not to count.</summary>
    public long? Count
    {
        get
        {
            if (!_counted)
            {
                _counted = true;
                _count = Page.Request.Args.Get("_nocount") is { Length: > 0 }
                    ? null
                    : TableCounts.Count(Page.Database, Page.Table.Name, Page.Datasette.Settings.SqlTimeLimitMs, Page.Query.FilterWhere, Page.Query.Parameters);
            }
            return _count;
        }
    }

    public FacetOutcome Facets => _facets ??= ComputeFacets();

    /// <summary>The facets worth suggesting (<c>suggested_facets</c>), none when the settings or the arguments turn them off.</summary>
    public IReadOnlyList<FacetSuggestion> Suggestions => _suggestions ??= ComputeSuggestions();

    private List<FacetSuggestion> ComputeSuggestions()
    {
        var settings = Page.Datasette.Settings;
        var args = Page.Request.Args;
        var suggest = settings.SuggestFacets && settings.AllowFacet && !NoFacets
            && args.Get("_nosuggest") is not { Length: > 0 } && args.Get("_next") is not { Length: > 0 };
        var suggestions = new List<FacetSuggestion>();
        if (!suggest)
        {
            return suggestions;
        }
        var size = Querying.Facets.Size(args, Page.Config, settings);
        if (Page.Datasette.FacetClasses.Count > 0)
        {
            // register_facet_classes: a plugin's suggestions come before the built-in ones, as Datasette lists them
            suggestions.AddRange(PluginFacets.Suggest(Page, size));
        }
        suggestions.AddRange(SuggestedFacets.Compute(Page.QueryContext, Page.Database, Page.Table, Page.Query,
            Querying.Facets.Requested(args, Page.Config, includeConfigured: true), size, Count));
        return suggestions;
    }

    private FacetOutcome ComputeFacets()
    {
        var args = Page.Request.Args;
        var requests = Querying.Facets.Requested(args, Page.Config, includeConfigured: true);
        var timedOut = new List<string>();
        var size = Querying.Facets.Size(args, Page.Config, Page.Datasette.Settings);
        // Plugins' facet types first, as pluggy calls the last registered hook (the plugin's) first.
        var keys = new HashSet<string>();
        var plugin = Page.Datasette.FacetClasses.Count == 0 ? null : PluginFacets.Compute(Page, PluginFacets.Requested(Page), size, keys, timedOut);
        var results = Querying.Facets.Compute(Page.QueryContext, Page.Database, Page.Table, Page.Query, requests, size, timedOut, keys);
        if (plugin is not null)
        {
            results.InsertRange(0, plugin);
        }
        return new FacetOutcome(results, timedOut);
    }
}

/// <summary>The facets of a table page and the names of those that ran out of time.</summary>
internal sealed record FacetOutcome(List<FacetResult> Results, List<string> TimedOut);
