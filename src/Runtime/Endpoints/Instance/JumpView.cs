using Datasette.Gen.Runtime.Http;
using Datasette.Gen.Runtime.Internal;
using Datasette.Gen.Runtime.Sql;

namespace Datasette.Gen.Runtime.Endpoints.Instance;

/// <summary>
/// <c>/-/jump.json?q=</c>: the jump menu's search over databases, tables, views and stored
/// queries the actor can see, best matches first. As Datasette's built-in jump items do, an item
/// is found by its names alone (never a stored query's title) and carries no description, whatever
/// the metadata says; actors allowed <c>debug-menu</c> also find the debug pages, described. The
/// plugins' jump_items_sql queries add theirs (see <see cref="PluginJumpItems"/>).
/// </summary>
internal static class JumpView
{
    private const int Limit = 100;

    private sealed record Item(string Name, string Url, string Type, string SearchText, string? Description = null, string? DisplayName = null)
    {
        /// <summary>What the item is ranked by: its display name when it has one.</summary>
        public string Shown => DisplayName ?? Name;
    }

    public static async Task HandleAsync(DatasetteRequest request, Datasette datasette)
    {
        await datasette.RefreshCatalogAsync().ConfigureAwait(false);
        var q = (request.Args.Get("q") ?? "").Trim();
        var terms = q.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
        var pattern = "%" + string.Join("%", terms) + "%";
        var lowerQ = q.ToLowerInvariant();
        var items = Candidates(request, datasette).Where(item => q.Length == 0 || SqlLike.Matches(item.SearchText, pattern)).ToList();
        var pluginTruncated = false;
        if (datasette.Plugins.JumpItemsSql.Count > 0)
        {
            // The plugins' queries are filtered by q in SQL, as Datasette filters every item.
            var (added, truncated) = PluginJumpItems.Query(request, datasette, q, terms.Length == 0 ? "%" : pattern);
            items.AddRange(added.Select(i => new Item(i.Label, i.Url, i.Type, "", i.Description, i.DisplayName)));
            pluginTruncated = truncated;
        }
        var ordered = items
            .OrderBy(i => Relevance(i.Shown.ToLowerInvariant(), lowerQ))
            .ThenBy(i => TypeRank(i.Type))
            .ThenBy(i => i.Shown.Length)
            .ThenBy(i => i.Name, StringComparer.Ordinal)
            .ToList();
        using var body = new Json.JsonBody();
        var writer = body.Writer;
        writer.WriteStartObject();
        writer.WriteBoolean("ok", true);
        writer.WriteStartArray("matches");
        foreach (var item in ordered.Take(Limit))
        {
            writer.WriteStartObject();
            writer.WriteString("name", item.Name);
            writer.WriteString("url", item.Url);
            writer.WriteString("type", item.Type);
            writer.WriteString("description", item.Description);
            if (item.DisplayName is not null)
            {
                writer.WriteString("display_name", item.DisplayName);
            }
            writer.WriteEndObject();
        }
        writer.WriteEndArray();
        writer.WriteBoolean("truncated", pluginTruncated || ordered.Count > Limit);
        writer.WriteEndObject();
        await body.SendAsync(request.Context).ConfigureAwait(false);
    }

    private static IEnumerable<Item> Candidates(DatasetteRequest request, Datasette datasette)
    {
        if (request.Allowed("debug-menu"))
        {
            foreach (var page in DebugMenuItems.All)
            {
                yield return new Item(page.Label, datasette.Urls.Path(page.Path).Value, "debug", $"debug {page.Label} {page.Description}", page.Description);
            }
        }
        foreach (var database in datasette.Databases)
        {
            if (!request.Allowed("view-database", database.Name))
            {
                continue;
            }
            yield return new Item(database.Name, Urls.Database(datasette, database), "database", database.Name);
            foreach (var table in database.Schema.Objects)
            {
                if (request.Allowed("view-table", database.Name, table.Name))
                {
                    yield return new Item($"{database.Name}: {table.Name}", Urls.Table(datasette, database, table.Name), table.IsView ? "view" : "table",
                        $"{database.Name} {table.Name}");
                }
            }
            foreach (var query in datasette.Internal.Queries.List(database.Name, QueryFilter.None, 1000, null).Queries)
            {
                if (request.Allowed("view-query", database.Name, query.Name))
                {
                    yield return new Item($"{database.Name}: {query.Name}", Urls.Query(datasette, database, query.Name), "query",
                        $"{database.Name} {query.Name}");
                }
            }
        }
    }

    /// <summary>Python's ranking: the whole name equal to q, then names starting with it, then the rest.</summary>
    private static int Relevance(string lowerName, string lowerQ) =>
        lowerName == lowerQ ? 0 : lowerName.StartsWith(lowerQ, StringComparison.Ordinal) ? 1 : 2;

    private static int TypeRank(string type) => type switch
    {
        "database" => 0,
        "table" => 1,
        "view" => 2,
        "query" => 3,
        _ => 4,
    };
}
