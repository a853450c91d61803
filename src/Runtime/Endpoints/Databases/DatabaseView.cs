using System.Text.Json;
using Datasette.Gen.Runtime.Data;
using Datasette.Gen.Runtime.Errors;
using Datasette.Gen.Runtime.Http;
using Datasette.Gen.Runtime.Internal;
using Datasette.Gen.Runtime.Json;
using Datasette.Gen.Runtime.Querying;

namespace Datasette.Gen.Runtime.Endpoints.Databases;

/// <summary>The database page, <c>/{db}.json</c>: tables with counts and keys, views, stored queries.</summary>
internal static class DatabaseView
{
    private const int CountTimeLimitMs = 100;
    private const int QueriesShown = 5;

    public static async Task HandleAsync(DatasetteRequest request, Datasette datasette)
    {
        var database = datasette.ResolveDatabase(request);
        if (!request.Allowed("view-database", database.Name))
        {
            throw DatasetteHttpException.Forbidden("You do not have permission to view this database");
        }
        var format = request.Format;
        var sql = request.Args.Get("sql");
        if (!string.IsNullOrWhiteSpace(sql))
        {
            var target = Urls.Database(datasette, database) + "/-/query" + (request.FormatSuffix is { } suffix ? "." + suffix : "");
            await Responses.RedirectAsync(request.Context, target + request.QueryString).ConfigureAwait(false);
            return;
        }
        if (format is not null and not "json")
        {
            throw DatasetteHttpException.InvalidFormat(format);
        }
        await datasette.RefreshCatalogAsync().ConfigureAwait(false);
        var content = Gather(request, datasette, database);
        if (format is null)
        {
            await DatabaseHtml.SendAsync(request, datasette, content).ConfigureAwait(false);
            return;
        }
        await DataViews.SendAsync(request, database.Name, writer => Write(writer, request, datasette, content)).ConfigureAwait(false);
    }

    private static DatabaseContent Gather(DatasetteRequest request, Datasette datasette, Database database)
    {
        var schema = database.Schema;
        var hidden = HiddenTables.For(datasette.Config, database);
        request.Prefetch("view-table", schema.Objects.Select(o => ((string?)database.Name, (string?)o.Name)), andAnonymous: true);
        var tables = schema.Tables
            .Where(t => request.Allowed("view-table", database.Name, t.Name))
            .OrderBy(t => hidden.Contains(t.Name))
            .ThenBy(t => t.Name, StringComparer.Ordinal)
            .Select(t => new ListedDatabaseTable(t, TableCounts.Count(database, t.Name, CountTimeLimitMs), hidden.Contains(t.Name),
                request.IsPrivate("view-table", database.Name, t.Name)))
            .ToList();
        var views = schema.Views
            .Where(v => request.Allowed("view-table", database.Name, v.Name))
            .Select(v => new ListedView(v.Name, request.IsPrivate("view-table", database.Name, v.Name)))
            .ToList();
        var visible = datasette.Permissions.AllowedResourcesSql(request.Actor, "view-query", database.Name, includeIsPrivate: true);
        var queries = datasette.Internal.Queries.List(database.Name, QueryFilter.None, QueriesShown, null, visible);
        return new DatabaseContent
        {
            Database = database,
            IsPrivate = request.IsPrivate("view-database", database.Name),
            Tables = tables,
            Views = views,
            Queries = queries.Queries,
            QueriesMore = queries.Next is not null,
            QueriesCount = queries.Next is null ? queries.Queries.Count
                : datasette.Internal.Queries.Count(database.Name, QueryFilter.None, datasette.Permissions.AllowedResourcesSql(request.Actor, "view-query", database.Name)),
            AllowExecuteSql = request.Allowed("execute-sql", database.Name),
            Metadata = datasette.Internal.Metadata.ForDatabase(database.Name),
        };
    }

    private static void Write(Utf8JsonWriter writer, DatasetteRequest request, Datasette datasette, DatabaseContent content)
    {
        var database = content.Database;
        writer.WriteString("database", database.Name);
        writer.WriteBoolean("private", content.IsPrivate);
        writer.WriteString("path", Urls.Database(datasette, database));
        writer.WriteNumber("size", database.Size);
        writer.WriteStartArray("tables");
        foreach (var (table, count, hidden, isPrivate) in content.Tables)
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
            writer.WriteBoolean("count_truncated", TableCounts.Truncated(count));
            writer.WriteBoolean("hidden", hidden);
            // Both come from other tables' definitions: only those the actor may see are named.
            // Only the JSON shows them, so only it asks.
            writer.WriteString("fts_table", OtherTables.VisibleFtsTable(request.ActorPermissions, database, table));
            writer.WriteStartObject("foreign_keys");
            WriteForeignKeys(writer, "incoming", OtherTables.VisibleIncoming(request.ActorPermissions, database, table));
            WriteForeignKeys(writer, "outgoing", table.Outgoing);
            writer.WriteEndObject();
            writer.WriteBoolean("private", isPrivate);
            writer.WriteEndObject();
        }
        writer.WriteEndArray();
        writer.WriteNumber("hidden_count", content.HiddenCount);
        writer.WriteStartArray("views");
        foreach (var view in content.Views)
        {
            writer.WriteStartObject();
            writer.WriteString("name", view.Name);
            writer.WriteBoolean("private", view.IsPrivate);
            writer.WriteEndObject();
        }
        writer.WriteEndArray();
        writer.WriteStartArray("queries");
        foreach (var query in content.Queries)
        {
            query.WriteJson(writer, isPrivateForActor: query.ActorPrivate ?? false);
        }
        writer.WriteEndArray();
        writer.WriteBoolean("queries_more", content.QueriesMore);
        writer.WriteNumber("queries_count", content.QueriesCount);
        writer.WriteBoolean("allow_execute_sql", content.AllowExecuteSql);
        content.WriteTableColumns(writer, "table_columns");
        writer.WriteStringMap("metadata", content.Metadata);
    }

    internal static void WriteForeignKeys(Utf8JsonWriter writer, string name, System.Collections.Generic.IReadOnlyList<ForeignKey> keys)
    {
        writer.WriteStartArray(name);
        foreach (var key in keys)
        {
            writer.WriteStartObject();
            writer.WriteString("other_table", key.OtherTable);
            writer.WriteString("column", key.Column);
            writer.WriteString("other_column", key.OtherColumn);
            writer.WriteEndObject();
        }
        writer.WriteEndArray();
    }
}
