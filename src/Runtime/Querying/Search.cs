using Datasette.Gen.Configuration.Model;
using Datasette.Gen.Runtime.Data;
using Datasette.Gen.Runtime.Errors;
using Datasette.Gen.Runtime.Http;
using Datasette.Gen.Runtime.Sql;

namespace Datasette.Gen.Runtime.Querying;

/// <summary>
/// Full-text search arguments (<c>_search</c>, <c>_search_COLUMN</c>) as clauses over the table's
/// FTS table. The FTS table is another table the request reads, so it must be visible to the actor
/// (<see cref="OtherTables"/>): a hidden detected one counts as none, and a hidden one named by
/// <c>_fts_table</c> or configuration fails as a missing one does, so neither its rows nor its
/// existence can be probed from here.
/// </summary>
internal static class Search
{
    public static void Apply(QueryContext context, Database database, TableInfo table, TableConfig? config, List<string> clauses, Dictionary<string, object?> parameters, List<string> descriptions)
    {
        var args = context.Args;
        var named = NonEmpty(args.Get("_fts_table")) ?? config?.FtsTable;
        var fts = named is not null ? OtherTables.Find(context.Permissions, database, named)
            : table.FtsTable is { } detected ? OtherTables.Find(context.Permissions, database, detected)
            : null;
        var ftsName = fts?.Name ?? named;
        if (ftsName is null)
        {
            return; // no FTS table: search arguments are ignored, as in Datasette
        }
        var ftsPk = NonEmpty(args.Get("_fts_pk")) ?? config?.FtsPk ?? "rowid";
        var mode = NonEmpty(args.Get("_searchmode")) ?? config?.SearchMode;
        string Match(string parameter) => mode == "raw" ? ":" + parameter : $"escape_fts(:{parameter})";

        var search = args.Get("_search");
        if (!string.IsNullOrEmpty(search))
        {
            if (fts is null)
            {
                // SQLite's own words for a missing table, said without asking SQLite, which would find a hidden one.
                throw new SqlErrorException($"no such table: {ftsName}");
            }
            parameters["search"] = search;
            clauses.Add($"{SqlIdentifier.Escape(ftsPk)} in (select rowid from {SqlIdentifier.Escape(ftsName)} where {SqlIdentifier.Escape(ftsName)} match {Match("search")})");
            descriptions.Add($"search matches \"{search}\"");
            return;
        }
        var index = 0;
        foreach (var (key, value) in args.Pairs)
        {
            if (!key.StartsWith("_search_", StringComparison.Ordinal) || key == "_searchmode")
            {
                continue;
            }
            var column = key["_search_".Length..];
            if (fts is null || !fts.HasColumn(column))
            {
                throw DatasetteHttpException.BadRequest("Cannot search by that column");
            }
            var name = $"search_{index++}";
            parameters[name] = value;
            clauses.Add($"rowid in (select rowid from {SqlIdentifier.Escape(ftsName)} where {SqlIdentifier.Escape(column)} match {Match(name)})");
            descriptions.Add($"search column \"{column}\" matches \"{value}\"");
        }
    }

    private static string? NonEmpty(string? value) => string.IsNullOrEmpty(value) ? null : value;
}
