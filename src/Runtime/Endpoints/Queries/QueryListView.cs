using System.Text.Json;
using Datasette.Gen.Configuration.Arguments;
using Datasette.Gen.Runtime.Data;
using Datasette.Gen.Runtime.Endpoints.Instance;
using Datasette.Gen.Runtime.Errors;
using Datasette.Gen.Runtime.Http;
using Datasette.Gen.Runtime.Internal;
using Datasette.Gen.Runtime.Json;
using Datasette.Gen.Runtime.Permissions;

namespace Datasette.Gen.Runtime.Endpoints.Queries;

/// <summary>The stored-query browser: <c>/-/queries.json</c> and <c>/{db}/-/queries.json</c>.</summary>
internal static class QueryListView
{
    private const int DefaultJsonSize = 50;

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
        var size = ParseSize(args.Get("_size"), datasette.Settings.MaxReturnedRows);
        var filter = new QueryFilter(
            null,
            args.Get("q"),
            ParseFlag(args.Get("is_write"), "is_write"),
            ParseFlag(args.Get("is_private"), "is_private"),
            args.Get("source"),
            args.Get("owner_id"));
        var listing = datasette.Permissions.AllowedResourcesSql(request.Actor, "view-query", database?.Name, includeIsPrivate: true);
        var visible = datasette.Permissions.AllowedResourcesSql(request.Actor, "view-query", database?.Name);
        var page = datasette.Internal.Queries.List(database?.Name, filter, size, args.Get("_next"), listing);
        var listPath = (database is null ? Urls.Instance(datasette) : Urls.Database(datasette, database) + "/") + "-/queries";
        await DataViews.SendAsync(request, "queries", writer =>
        {
            writer.WriteString("database", database?.Name);
            writer.WriteString("database_color", database?.Color);
            writer.WriteStartArray("queries");
            var anyTrusted = false;
            var anyPrivate = false;
            foreach (var query in page.Queries)
            {
                anyTrusted |= query.IsTrusted;
                anyPrivate |= query.IsPrivate;
                query.WriteJson(writer, isPrivateForActor: query.ActorPrivate ?? false);
            }
            writer.WriteEndArray();
            writer.WriteString("next", page.Next);
            writer.WriteString("next_url", page.Next is null ? null : request.Origin + request.Path + args.ToQueryString(new[] { "_next" }, new[] { new KeyValuePair<string, string>("_next", page.Next) }));
            writer.WriteNumber("limit", size);
            writer.WriteBoolean("show_private_note", anyPrivate);
            writer.WriteBoolean("show_trusted_note", anyTrusted);
            writer.WriteString("query_list_path", listPath);
            writer.WriteBoolean("show_database", database is null);
            writer.WriteStartArray("facets");
            WriteFacet(writer, datasette, database, filter, visible, "Mode", "is_write", ("Read-only", false), ("Writable", true), listPath);
            WriteFacet(writer, datasette, database, filter, visible, "Visibility", "is_private", ("Not private", false), ("Private", true), listPath);
            writer.WriteEndArray();
            writer.WriteStartObject("filters");
            foreach (var name in new[] { "q", "is_write", "is_private", "source", "owner_id" })
            {
                writer.WriteString(name, args.Get(name) ?? "");
            }
            writer.WriteEndObject();
        }).ConfigureAwait(false);
    }

    private static void WriteFacet(Utf8JsonWriter writer, Datasette datasette, Database? database, QueryFilter filter, ResourcesSql visible,
        string title, string key, (string Label, bool Value) first, (string Label, bool Value) second, string listPath)
    {
        writer.WriteStartObject();
        writer.WriteString("title", title);
        writer.WriteStartArray("items");
        foreach (var (label, value) in new[] { first, second })
        {
            var facetFilter = key == "is_write" ? filter with { IsWrite = value } : filter with { IsPrivate = value };
            var count = datasette.Internal.Queries.Count(database?.Name, facetFilter, visible);
            if (count == 0)
            {
                continue;
            }
            var active = key == "is_write" ? filter.IsWrite == value : filter.IsPrivate == value;
            writer.WriteStartObject();
            writer.WriteString("label", label);
            writer.WriteNumber("count", count);
            writer.WriteString("href", $"{listPath}?{key}={(value ? 1 : 0)}");
            writer.WriteBoolean("active", active);
            writer.WriteEndObject();
        }
        writer.WriteEndArray();
        writer.WriteEndObject();
    }

    private static int ParseSize(string? value, int max)
    {
        if (value is null or "")
        {
            return DefaultJsonSize;
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
