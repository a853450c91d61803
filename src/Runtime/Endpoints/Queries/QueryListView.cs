using Datasette.Gen.Configuration.Arguments;
using Datasette.Gen.Runtime.Data;
using Datasette.Gen.Runtime.Errors;
using Datasette.Gen.Runtime.Http;
using Datasette.Gen.Runtime.Internal;

namespace Datasette.Gen.Runtime.Endpoints.Queries;

/// <summary>The stored-query browser: <c>/-/queries</c> and <c>/{db}/-/queries</c>, as JSON or as the page.</summary>
internal static class QueryListView
{
    private const int DefaultJsonSize = 50;

    /// <summary>A page of the HTML list is shorter, as in Datasette.</summary>
    private const int DefaultHtmlSize = 20;

    public static Task InstanceAsync(DatasetteRequest request, Datasette datasette)
    {
        request.EnsureAllowed("view-instance");
        return ListAsync(request, datasette, null);
    }

    /// <summary>No database-level check, as in Datasette: the listing holds only queries the actor may view-query.</summary>
    public static Task DatabaseAsync(DatasetteRequest request, Datasette datasette) =>
        ListAsync(request, datasette, datasette.ResolveDatabase(request));

    private static async Task ListAsync(DatasetteRequest request, Datasette datasette, Database? database)
    {
        await datasette.RefreshCatalogAsync().ConfigureAwait(false);
        var args = request.Args;
        var isJson = request.Format == "json";
        var size = ParseSize(args.Get("_size"), isJson ? DefaultJsonSize : DefaultHtmlSize, datasette.Settings.MaxReturnedRows);
        var filter = new QueryFilter(
            null,
            NonEmpty(args.Get("q")),
            ParseFlag(args.Get("is_write"), "is_write"),
            ParseFlag(args.Get("is_private"), "is_private"),
            NonEmpty(args.Get("source")),
            NonEmpty(args.Get("owner_id")));
        var listing = datasette.Permissions.AllowedResourcesSql(request.Actor, "view-query", database?.Name, includeIsPrivate: true);
        var visible = datasette.Permissions.AllowedResourcesSql(request.Actor, "view-query", database?.Name);
        var page = datasette.Internal.Queries.List(database?.Name, filter, size, args.Get("_next"), listing);
        var listPath = (database is null ? Urls.Instance(datasette) : Urls.Database(datasette, database) + "/") + "-/queries";
        var nextUrl = page.Next is null ? null : request.Origin + request.Path + args.ToQueryString(["_next"], [new KeyValuePair<string, string>("_next", page.Next)]);
        var facets = QueryListFacets.For(args, filter, listPath, f => datasette.Internal.Queries.Count(database?.Name, f, visible));
        if (!isJson)
        {
            await QueryListHtml.SendAsync(request, datasette, database, page.Queries, facets, listPath, nextUrl).ConfigureAwait(false);
            return;
        }
        await DataViews.SendAsync(request, "queries", writer =>
        {
            writer.WriteString("database", database?.Name);
            writer.WriteString("database_color", database?.Color);
            writer.WriteStartArray("queries");
            foreach (var query in page.Queries)
            {
                query.WriteJson(writer, isPrivateForActor: query.ActorPrivate ?? false);
            }
            writer.WriteEndArray();
            writer.WriteString("next", page.Next);
            writer.WriteString("next_url", nextUrl);
            writer.WriteNumber("limit", size);
            writer.WriteBoolean("show_private_note", page.Queries.Any(q => q.IsPrivate));
            writer.WriteBoolean("show_trusted_note", page.Queries.Any(q => q.IsTrusted));
            writer.WriteString("query_list_path", listPath);
            writer.WriteBoolean("show_database", database is null);
            writer.WriteStartArray("facets");
            foreach (var facet in facets)
            {
                writer.WriteStartObject();
                writer.WriteString("title", facet.Title);
                writer.WriteStartArray("items");
                foreach (var item in facet.Items)
                {
                    writer.WriteStartObject();
                    writer.WriteString("label", item.Label);
                    writer.WriteNumber("count", item.Count);
                    writer.WriteString("href", item.Href);
                    writer.WriteBoolean("active", item.Active);
                    writer.WriteEndObject();
                }
                writer.WriteEndArray();
                writer.WriteEndObject();
            }
            writer.WriteEndArray();
            writer.WriteStartObject("filters");
            foreach (var name in QueryListFacets.FilterNames)
            {
                writer.WriteString(name, args.Get(name) ?? "");
            }
            writer.WriteEndObject();
        }).ConfigureAwait(false);
    }

    private static string? NonEmpty(string? value) => string.IsNullOrEmpty(value) ? null : value;

    private static int ParseSize(string? value, int byDefault, int max)
    {
        if (value is null or "")
        {
            return byDefault;
        }
        var size = SizeArgument.Parse(value, max, minimum: 1, out var error);
        return error is null ? size : throw DatasetteHttpException.BadRequest(error);
    }

    private static bool? ParseFlag(string? value, string name) => value switch
    {
        null or "" => null,
        "1" => true,
        "0" => false,
        _ => throw DatasetteHttpException.BadRequest($"{name} must be 0 or 1"),
    };
}
