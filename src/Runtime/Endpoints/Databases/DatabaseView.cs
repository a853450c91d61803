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
        if (format is null)
        {
            await DatabaseHtml.SendAsync(request, datasette, database, writer => Write(writer, request, datasette, database)).ConfigureAwait(false);
            return;
        }
        await DataViews.SendAsync(request, database.Name, writer => Write(writer, request, datasette, database)).ConfigureAwait(false);
    }

    private static void Write(Utf8JsonWriter writer, DatasetteRequest request, Datasette datasette, Database database)
    {
        var schema = database.Schema;
        var hidden = HiddenTables.For(datasette.Config, database);
        request.Prefetch("view-table", schema.Objects.Select(o => ((string?)database.Name, (string?)o.Name)), andAnonymous: true);
        var tables = schema.Tables
            .Where(t => request.Allowed("view-table", database.Name, t.Name))
            .OrderBy(t => hidden.Contains(t.Name))
            .ThenBy(t => t.Name, StringComparer.Ordinal)
            .ToList();
        writer.WriteString("database", database.Name);
        writer.WriteBoolean("private", request.IsPrivate("view-database", database.Name));
        writer.WriteString("path", Urls.Database(datasette, database));
        writer.WriteNumber("size", database.Size);
        writer.WriteStartArray("tables");
        foreach (var table in tables)
        {
            var count = TableCounts.Count(database, table.Name, CountTimeLimitMs);
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
            writer.WriteBoolean("count_truncated", count == TableCounts.Cap);
            writer.WriteBoolean("hidden", hidden.Contains(table.Name));
            // Both come from other tables' definitions: only those the actor may see are named.
            writer.WriteString("fts_table", OtherTables.VisibleFtsTable(request.ActorPermissions, database, table));
            writer.WriteStartObject("foreign_keys");
            WriteForeignKeys(writer, "incoming", OtherTables.VisibleIncoming(request.ActorPermissions, database, table));
            WriteForeignKeys(writer, "outgoing", table.Outgoing);
            writer.WriteEndObject();
            writer.WriteBoolean("private", request.IsPrivate("view-table", database.Name, table.Name));
            writer.WriteEndObject();
        }
        writer.WriteEndArray();
        writer.WriteNumber("hidden_count", tables.Count(t => hidden.Contains(t.Name)));
        writer.WriteStartArray("views");
        foreach (var view in schema.Views.Where(v => request.Allowed("view-table", database.Name, v.Name)))
        {
            writer.WriteStartObject();
            writer.WriteString("name", view.Name);
            writer.WriteBoolean("private", request.IsPrivate("view-table", database.Name, view.Name));
            writer.WriteEndObject();
        }
        writer.WriteEndArray();

        var visible = datasette.Permissions.AllowedResourcesSql(request.Actor, "view-query", database.Name, includeIsPrivate: true);
        var queries = datasette.Internal.Queries.List(database.Name, QueryFilter.None, QueriesShown, null, visible);
        writer.WriteStartArray("queries");
        foreach (var query in queries.Queries)
        {
            query.WriteJson(writer, isPrivateForActor: query.ActorPrivate ?? false);
        }
        writer.WriteEndArray();
        writer.WriteBoolean("queries_more", queries.Next is not null);
        writer.WriteNumber("queries_count", queries.Next is null ? queries.Queries.Count
            : datasette.Internal.Queries.Count(database.Name, QueryFilter.None, datasette.Permissions.AllowedResourcesSql(request.Actor, "view-query", database.Name)));

        var allowSql = request.Allowed("execute-sql", database.Name);
        writer.WriteBoolean("allow_execute_sql", allowSql);
        writer.WriteStartObject("table_columns");
        if (allowSql)
        {
            foreach (var item in schema.Objects.OrderBy(o => o.Name, StringComparer.Ordinal))
            {
                writer.WriteStringArray(item.Name, item.IsView ? Array.Empty<string>() : item.Columns.Select(c => c.Name).OrderBy(n => n, StringComparer.Ordinal));
            }
        }
        writer.WriteEndObject();
        writer.WriteStringMap("metadata", datasette.Internal.Metadata.ForDatabase(database.Name));
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
