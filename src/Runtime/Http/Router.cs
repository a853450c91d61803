using System.Text;

namespace Datasette.Gen.Runtime.Http;

/// <summary>
/// Datasette's routes tried in order; the first match wins. Each pattern's literal start
/// (<c>/-/versions</c>, <c>/</c>, …) is checked before its regex runs, so most routes are
/// skipped with one string comparison.
/// </summary>
internal sealed class Router
{
    private readonly (Route Route, string Prefix)[] _routes;

    public Router(IReadOnlyList<Route> routes)
    {
        Routes = routes;
        _routes = new (Route, string)[routes.Count];
        for (var i = 0; i < routes.Count; i++)
        {
            _routes[i] = (routes[i], LiteralPrefix(routes[i].Pattern.ToString()));
        }
    }

    public IReadOnlyList<Route> Routes { get; }

    public Route? Match(DatasetteRequest request)
    {
        var path = request.Path;
        foreach (var (route, prefix) in _routes)
        {
            if (!path.StartsWith(prefix, System.StringComparison.Ordinal))
            {
                continue;
            }
            var match = route.Pattern.Match(path);
            if (match.Success)
            {
                request.RouteMatch = match;
                return route;
            }
        }
        return null;
    }

    /// <summary>The characters an anchored pattern must start with: everything after ^ up to the first regex metacharacter.</summary>
    internal static string LiteralPrefix(string pattern)
    {
        if (!pattern.StartsWith('^'))
        {
            return "";
        }
        var prefix = new StringBuilder();
        for (var i = 1; i < pattern.Length; i++)
        {
            var c = pattern[i];
            if (c == '\\' && i + 1 < pattern.Length && !char.IsLetterOrDigit(pattern[i + 1]))
            {
                // an escaped literal such as \. may still be optional if a quantifier follows: stop to stay safe
                break;
            }
            if ("\\.[](){}*+?|^$".IndexOf(c) >= 0)
            {
                break;
            }
            prefix.Append(c);
        }
        // A quantifier after the last literal makes it optional: drop that character.
        var end = 1 + prefix.Length;
        if (end < pattern.Length && pattern[end] is '?' or '*' or '{' && prefix.Length > 0)
        {
            prefix.Length--;
        }
        return prefix.ToString();
    }
}
