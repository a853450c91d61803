using System.Text.RegularExpressions;
using Datasette.Gen.Runtime.Http;

namespace Datasette.Gen.Runtime.Plugins;

/// <summary>A plugin page's view: Datasette's view function, returning the response to send.</summary>
public delegate ValueTask<DatasetteResponse> PluginRouteHandler(DatasetteRequest request, Datasette datasette);

/// <summary>
/// One route of <c>register_routes</c>: a regular expression over the request path (base_url
/// removed, matched from its start as Python's <c>re.match</c> does; named groups become
/// <see cref="DatasetteRequest.Route"/> values) and its view, which gets every method (POST and
/// other unsafe methods after the CSRF check) and decides what to do with it.
/// </summary>
public sealed record PluginRoute(Regex Pattern, PluginRouteHandler Handler)
{
    /// <summary>A route from a pattern string such as <c>^/-/hello$</c>, interpreted (Native AOT has no compiled regexes).</summary>
    public PluginRoute(string pattern, PluginRouteHandler handler)
        : this(new Regex(pattern.StartsWith('^') ? pattern : "^(?:" + pattern + ")", RegexOptions.CultureInvariant), handler)
    {
    }

    internal Route ToRoute(string plugin, Datasette datasette) => new(
        "plugin:" + plugin + ":" + Pattern,
        Pattern,
        async request =>
        {
            var response = await Handler(request, datasette).ConfigureAwait(false);
            await response.SendAsync(request.Context).ConfigureAwait(false);
        },
        AllowPost: true,
        AnyMethod: true);
}
