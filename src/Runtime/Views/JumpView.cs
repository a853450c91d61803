using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading.Tasks;
using Datasette.Gen.Runtime.Http;
using Datasette.Gen.Runtime.Internal;

namespace Datasette.Gen.Runtime.Views;

/// <summary>
/// <c>/-/jump.json?q=</c>: the jump menu's search over databases, tables, views and stored
/// queries the actor can see, best matches first.
/// </summary>
public static class JumpView
{
    private const int Limit = 100;

    private sealed record Item(string Name, string Url, string Type, string? Description, string SearchText);

    public static async Task HandleAsync(DatasetteRequest request, Datasette datasette)
    {
        await datasette.RefreshCatalogAsync().ConfigureAwait(false);
        var q = (request.Args.Get("q") ?? "").Trim();
        var terms = q.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
        var items = Candidates(request, datasette).Where(item => Matches(item.SearchText, terms)).ToList();
        var ordered = items
            .OrderBy(i => string.Equals(i.Name, q, StringComparison.OrdinalIgnoreCase) ? 0 : i.Name.StartsWith(q, StringComparison.OrdinalIgnoreCase) ? 1 : 2)
            .ThenBy(i => TypeRank(i.Type))
            .ThenBy(i => i.Name.Length)
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
            writer.WriteEndObject();
        }
        writer.WriteEndArray();
        writer.WriteBoolean("truncated", ordered.Count > Limit);
        writer.WriteEndObject();
        await body.SendAsync(request.Context).ConfigureAwait(false);
    }

    private static IEnumerable<Item> Candidates(DatasetteRequest request, Datasette datasette)
    {
        foreach (var database in datasette.Databases)
        {
            if (!request.Allowed("view-database", database.Name))
            {
                continue;
            }
            var metadata = datasette.Internal.DatabaseMetadata(database.Name).FirstOrDefault(p => p.Key == "description").Value;
            yield return new Item(database.Name, Urls.Database(datasette, database), "database", metadata, database.Name);
            foreach (var table in database.Schema.Objects)
            {
                if (request.Allowed("view-table", database.Name, table.Name))
                {
                    var description = datasette.Internal.ResourceMetadata(database.Name, table.Name).FirstOrDefault(p => p.Key == "description").Value;
                    yield return new Item($"{database.Name}: {table.Name}", Urls.Table(datasette, database, table.Name), table.IsView ? "view" : "table",
                        description, $"{database.Name} {table.Name}");
                }
            }
            foreach (var query in datasette.Internal.ListQueries(database.Name, QueryFilter.None, 1000, null).Queries)
            {
                if (request.Allowed("view-query", database.Name, query.Name))
                {
                    yield return new Item($"{database.Name}: {query.Name}", Urls.Query(datasette, database, query.Name), "query",
                        query.Description ?? query.Title, $"{database.Name} {query.Name} {query.Title}");
                }
            }
        }
    }

    /// <summary>Datasette's LIKE '%term1%term2%': every term, in order, case-insensitively.</summary>
    private static bool Matches(string text, string[] terms)
    {
        var position = 0;
        foreach (var term in terms)
        {
            var found = text.IndexOf(term, position, StringComparison.OrdinalIgnoreCase);
            if (found < 0)
            {
                return false;
            }
            position = found + term.Length;
        }
        return true;
    }

    private static int TypeRank(string type) => type switch
    {
        "database" => 0,
        "table" => 1,
        "view" => 2,
        "query" => 3,
        _ => 4,
    };
}
