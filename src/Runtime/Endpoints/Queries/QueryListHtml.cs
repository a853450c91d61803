using Datasette.Gen.Runtime.Data;
using Datasette.Gen.Runtime.Endpoints.Pages;
using Datasette.Gen.Runtime.Html;
using Datasette.Gen.Runtime.Html.Pages;
using Datasette.Gen.Runtime.Http;
using Datasette.Gen.Runtime.Internal;

namespace Datasette.Gen.Runtime.Endpoints.Queries;

/// <summary>The page of <c>/-/queries</c> and <c>/{db}/-/queries</c> (html-ui.md §7), from what the JSON lists.</summary>
internal static class QueryListHtml
{
    public static Task SendAsync(DatasetteRequest request, Datasette datasette, Database? database, IReadOnlyList<StoredQuery> queries,
        IReadOnlyList<QueryListFacet> facets, string listPath, string? nextUrl)
    {
        var args = request.Args;
        var urls = datasette.Urls;
        var model = new QueryListPageModel
        {
            Chrome = PageChromes.Build(request, datasette, database is null ? "queries" : $"{database.Name}: queries",
                PageChromes.BodyClass("query-list", database?.Name), ["*query_list.html"], database?.Name),
            Database = database?.Name,
            ListPath = listPath,
            Search = args.Get("q") ?? "",
            KeptFilters = QueryListFacets.FilterNames.Skip(1)
                .Select(name => KeyValuePair.Create(name, args.Get(name) ?? ""))
                .Where(pair => pair.Value.Length > 0).ToList(),
            Facets = facets,
            Queries = queries.Select(q => new QueryListItem(
                q.Database,
                urls.Database(q.Database).Value,
                q.Name,
                urls.Query(q.Database, q.Name).Value + (string.IsNullOrEmpty(q.Fragment) ? "" : "#" + q.Fragment),
                string.IsNullOrEmpty(q.Title) ? q.Name : q.Title,
                string.IsNullOrEmpty(q.Description) ? null : q.Description,
                string.IsNullOrEmpty(q.Description) ? q.Sql : q.Description,
                q.OwnerId,
                q.IsWrite,
                q.IsPrivate,
                q.IsTrusted,
                q.ActorPrivate ?? false)).ToList(),
            ShowPrivateNote = queries.Any(q => q.IsPrivate),
            ShowTrustedNote = queries.Any(q => q.IsTrusted),
            NextUrl = nextUrl,
        };
        return HtmlResponse.SendAsync(request.Context, StoredQuerySlices.List(model));
    }
}
