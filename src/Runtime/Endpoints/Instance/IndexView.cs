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
    private const int ListedMost = 5;

    public static async Task HandleAsync(DatasetteRequest request, Datasette datasette)
    {
        request.EnsureAllowed("view-instance");
        await datasette.RefreshCatalogAsync().ConfigureAwait(false);
        var content = Gather(request, datasette);
        await (request.Format is null && !request.Path.EndsWith(".json", StringComparison.Ordinal)
            ? IndexHtml.SendAsync(request, datasette, content)
            : DataViews.SendAsync(request, "index", writer => Write(writer, request, datasette, content))).ConfigureAwait(false);
    }

    private static IndexContent Gather(DatasetteRequest request, Datasette datasette)
    {
        var sortByRelationships = request.Args.Get("_sort") == "relationships";
        request.Prefetch("view-database", datasette.Databases.Select(d => ((string?)d.Name, (string?)null)), andAnonymous: true);
        request.Prefetch("view-table", datasette.Databases.SelectMany(d => d.Schema.Objects.Select(o => ((string?)d.Name, (string?)o.Name))), andAnonymous: true);
        var databases = datasette.Databases
            .OrderBy(d => d.Name, StringComparer.Ordinal)
            .Where(d => request.Allowed("view-database", d.Name))
            .Select(d => GatherDatabase(request, datasette, d, sortByRelationships))
            .ToList();
        return new IndexContent(databases, datasette.Internal.Metadata.Instance());
    }

    private static IndexDatabaseContent GatherDatabase(DatasetteRequest request, Datasette datasette, Database database, bool sortByRelationships)
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
            .Select(t => (Table: t, Relationships: Relationships(t)))
            .OrderByDescending(t => t.Relationships)
            .ThenByDescending(t => Count(t.Table))
            .ThenByDescending(t => t.Table.Name, StringComparer.Ordinal)
            .Take(ListedMost)
            .Select(t => new IndexListedTable(t.Table, counts is null ? null : Count(t.Table), t.Relationships,
                request.IsPrivate("view-table", database.Name, t.Table.Name)))
            .ToList();
        return new IndexDatabaseContent
        {
            Database = database,
            IsPrivate = request.IsPrivate("view-database", database.Name),
            Tables = shown,
            // Views fill the list up to its length.
            Views = views.Take(Math.Max(0, ListedMost - shown.Count))
                .Select(v => new ListedView(v.Name, request.IsPrivate("view-table", database.Name, v.Name)))
                .ToList(),
            More = visible.Count + views.Count > ListedMost,
            Counted = counts is not null,
            TablesCount = visible.Count,
            TableRowsSum = visible.Sum(Count),
            HiddenTablesCount = hiddenTables.Count,
            HiddenTableRowsSum = hiddenTables.Sum(Count),
            ViewsCount = views.Count,
        };
    }

    private static void Write(Utf8JsonWriter writer, DatasetteRequest request, Datasette datasette, IndexContent content)
    {
        writer.WriteString("unstable", Urls.UnstableNote);
        writer.WriteStartArray("databases");
        foreach (var database in content.Databases)
        {
            WriteDatabase(writer, request, datasette, database);
        }
        writer.WriteEndArray();
        writer.WriteStartObject("metadata");
        foreach (var (key, value) in content.Metadata)
        {
            writer.WriteString(key, value);
        }
        writer.WriteEndObject();
    }

    private static void WriteDatabase(Utf8JsonWriter writer, DatasetteRequest request, Datasette datasette, IndexDatabaseContent content)
    {
        var database = content.Database;
        writer.WriteStartObject();
        writer.WriteString("name", database.Name);
        writer.WriteString("hash", database.Hash);
        writer.WriteString("color", database.Color);
        writer.WriteString("path", Urls.Database(datasette, database));
        writer.WriteStartArray("tables_and_views_truncated");
        foreach (var (table, count, relationships, isPrivate) in content.Tables)
        {
            writer.WriteStartObject();
            writer.WriteString("name", table.Name);
            writer.WriteStringArray("columns", table.Columns.Select(c => c.Name));
            writer.WriteStringArray("primary_keys", table.PrimaryKeys);
            if (count is { } value)
            {
                writer.WriteNumber("count", value);
            }
            else
            {
                writer.WriteNull("count");
            }
            writer.WriteBoolean("hidden", false);
            // Only the JSON names it, so only it asks.
            writer.WriteString("fts_table", OtherTables.VisibleFtsTable(request.ActorPermissions, database, table));
            writer.WriteNumber("num_relationships_for_sorting", relationships);
            writer.WriteBoolean("private", isPrivate);
            writer.WriteEndObject();
        }
        foreach (var view in content.Views)
        {
            writer.WriteStartObject();
            writer.WriteString("name", view.Name);
            writer.WriteBoolean("private", view.IsPrivate);
            writer.WriteEndObject();
        }
        writer.WriteEndArray();
        writer.WriteBoolean("tables_and_views_more", content.More);
        writer.WriteNumber("tables_count", content.TablesCount);
        writer.WriteNumber("table_rows_sum", content.TableRowsSum);
        writer.WriteBoolean("show_table_row_counts", content.Counted);
        writer.WriteNumber("hidden_table_rows_sum", content.HiddenTableRowsSum);
        writer.WriteNumber("hidden_tables_count", content.HiddenTablesCount);
        writer.WriteNumber("views_count", content.ViewsCount);
        writer.WriteBoolean("private", content.IsPrivate);
        writer.WriteEndObject();
    }
}
