using Datasette.Gen.Runtime.Html;
using Datasette.Gen.Runtime.Http;
using Datasette.Gen.Runtime.Internal;

namespace Datasette.Gen.Runtime.Endpoints.Queries;

/// <summary>
/// The two facets of the stored-query list, for its JSON and its page alike: each value's count
/// under the other filters in force, and a link that turns the value on (keeping the rest of the
/// query string) or, when it is on, off. A value that contradicts the one in force counts 0 and is
/// left out; a value with nothing to show is left out unless it is on.
/// </summary>
internal static class QueryListFacets
{
    /// <summary>The list's filters, in the order the JSON's <c>filters</c> object names them.</summary>
    public static readonly string[] FilterNames = ["q", "is_write", "is_private", "source", "owner_id"];

    public static IReadOnlyList<QueryListFacet> For(QueryArgs args, QueryFilter filter, string listPath, Func<QueryFilter, int> count) =>
    [
        new("Mode", Items(args, "is_write", filter.IsWrite, listPath, value => count(filter with { IsWrite = value }), ("Read-only", false), ("Writable", true))),
        new("Visibility", Items(args, "is_private", filter.IsPrivate, listPath, value => count(filter with { IsPrivate = value }), ("Not private", false), ("Private", true))),
    ];

    private static List<QueryListFacetItem> Items(QueryArgs args, string key, bool? current, string listPath, Func<bool, int> count,
        params (string Label, bool Value)[] values)
    {
        var items = new List<QueryListFacetItem>();
        foreach (var (label, value) in values)
        {
            var active = current == value;
            var n = current is not null && !active ? 0 : count(value);
            if (!active && n == 0)
            {
                continue;
            }
            var href = active
                ? listPath + args.ToQueryString([key, "_next"])
                : listPath + args.ToQueryString([key, "_next"], [new KeyValuePair<string, string>(key, value ? "1" : "0")]);
            items.Add(new QueryListFacetItem(label, n, href, active));
        }
        return items;
    }
}
