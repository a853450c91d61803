using System.Text.Json;
using Datasette.Gen.Runtime.Data;
using Datasette.Gen.Runtime.Endpoints.Databases;
using Datasette.Gen.Runtime.Http;
using Datasette.Gen.Runtime.Json;
using Datasette.Gen.Runtime.Querying;

namespace Datasette.Gen.Runtime.Endpoints.Instance;

/// <summary>The instance index, <c>/.json</c>: every visible database with its first tables.</summary>
internal static class IndexView
{
    private const long CountableSize = 100L * 1024 * 1024;
    private const int CountTimeLimitMs = 10;

    public static async Task HandleAsync(DatasetteRequest request, Datasette datasette)
    {
        request.EnsureAllowed("view-instance");
        await datasette.RefreshCatalogAsync().ConfigureAwait(false);
        var sortByRelationships = request.Args.Get("_sort") == "relationships";
        Action<Utf8JsonWriter> write = writer =>
        {
            writer.WriteString("unstable", Urls.UnstableNote);
            writer.WriteStartArray("databases");
            request.Prefetch("view-database", datasette.Databases.Select(d => ((string?)d.Name, (string?)null)), andAnonymous: true);
            request.Prefetch("view-table", datasette.Databases.SelectMany(d => d.Schema.Objects.Select(o => ((string?)d.Name, (string?)o.Name))), andAnonymous: true);
            foreach (var database in datasette.Databases.OrderBy(d => d.Name, StringComparer.Ordinal))
            {
                if (request.Allowed("view-database", database.Name))
                {
                    WriteDatabase(writer, request, datasette, database, sortByRelationships);
                }
            }
            writer.WriteEndArray();
            writer.WriteStartObject("metadata");
            foreach (var (key, value) in datasette.Internal.Metadata.Instance())
            {
                writer.WriteString(key, value);
            }
            writer.WriteEndObject();
        };
        await (request.Format is null && !request.Path.EndsWith(".json", StringComparison.Ordinal)
            ? IndexHtml.SendAsync(request, datasette, write)
            : DataViews.SendAsync(request, "index", write)).ConfigureAwait(false);
    }

    private static void WriteDatabase(Utf8JsonWriter writer, DatasetteRequest request, Datasette datasette, Database database, bool sortByRelationships)
    {
        var schema = database.Schema;
        var tables = schema.Tables.Where(t => request.Allowed("view-table", database.Name, t.Name)).ToList();
        var views = schema.Views.Where(v => request.Allowed("view-table", database.Name, v.Name)).ToList();
        var hidden = HiddenTables.For(datasette.Config, database);

        Dictionary<string, long?>? counts = null;
        if (database.Kind == DatabaseKind.ImmutableFile || database.Size < CountableSize)
        {
            counts = new Dictionary<string, long?>();
            foreach (var table in tables)
            {
                var count = TableCounts.Count(database, table.Name, CountTimeLimitMs);
                if (count is null)
                {
                    counts = null;
                    break;
                }
                counts[table.Name] = count;
            }
        }
        var relationships = sortByRelationships || counts is null;
        long Count(TableInfo table) => counts is not null && counts.TryGetValue(table.Name, out var c) ? c ?? 0 : 0;
        // Incoming keys and FTS tables are other tables' definitions: only those the actor may see count.
        int Relationships(TableInfo table) => relationships ? table.Incoming.Count(k => OtherTables.Visible(request.ActorPermissions, database, k.OtherTable)) + table.Outgoing.Count : 0;

        var visible = tables.Where(t => !hidden.Contains(t.Name)).ToList();
        var hiddenTables = tables.Where(t => hidden.Contains(t.Name)).ToList();
        var shown = visible
            .OrderByDescending(Relationships)
            .ThenByDescending(Count)
            .ThenByDescending(t => t.Name, StringComparer.Ordinal)
            .Take(5)
            .ToList();

        writer.WriteStartObject();
        writer.WriteString("name", database.Name);
        writer.WriteString("hash", database.Hash);
        writer.WriteString("color", database.Color);
        writer.WriteString("path", Urls.Database(datasette, database));
        writer.WriteStartArray("tables_and_views_truncated");
        foreach (var table in shown)
        {
            writer.WriteStartObject();
            writer.WriteString("name", table.Name);
            writer.WriteStringArray("columns", table.Columns.Select(c => c.Name));
            writer.WriteStringArray("primary_keys", table.PrimaryKeys);
            if (counts is null)
            {
                writer.WriteNull("count");
            }
            else
            {
                writer.WriteNumber("count", Count(table));
            }
            writer.WriteBoolean("hidden", false);
            writer.WriteString("fts_table", OtherTables.VisibleFtsTable(request.ActorPermissions, database, table));
            writer.WriteNumber("num_relationships_for_sorting", Relationships(table));
            writer.WriteBoolean("private", request.IsPrivate("view-table", database.Name, table.Name));
            writer.WriteEndObject();
        }
        if (shown.Count < 5)
        {
            foreach (var view in views.Take(5 - shown.Count))
            {
                writer.WriteStartObject();
                writer.WriteString("name", view.Name);
                writer.WriteBoolean("private", request.IsPrivate("view-table", database.Name, view.Name));
                writer.WriteEndObject();
            }
        }
        writer.WriteEndArray();
        writer.WriteBoolean("tables_and_views_more", visible.Count + views.Count > 5);
        writer.WriteNumber("tables_count", visible.Count);
        writer.WriteNumber("table_rows_sum", visible.Sum(Count));
        writer.WriteBoolean("show_table_row_counts", counts is not null);
        writer.WriteNumber("hidden_table_rows_sum", hiddenTables.Sum(Count));
        writer.WriteNumber("hidden_tables_count", hiddenTables.Count);
        writer.WriteNumber("views_count", views.Count);
        writer.WriteBoolean("private", request.IsPrivate("view-database", database.Name));
        writer.WriteEndObject();
    }
}
