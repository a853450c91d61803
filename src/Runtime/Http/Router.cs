using System.Collections.Generic;

namespace Datasette.Gen.Runtime.Http;

/// <summary>Datasette's routes tried in order; the first match wins.</summary>
public sealed class Router(IReadOnlyList<Route> routes)
{
    public IReadOnlyList<Route> Routes { get; } = routes;

    public Route? Match(DatasetteRequest request)
    {
        foreach (var route in Routes)
        {
            var match = route.Pattern.Match(request.Path);
            if (match.Success)
            {
                request.RouteMatch = match;
                return route;
            }
        }
        return null;
    }
}
