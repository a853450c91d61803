using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json;
using System.Threading.Tasks;
using Datasette.Gen.Runtime.Data;
using Datasette.Gen.Runtime.Http;
using Datasette.Gen.Runtime.Json;
using Datasette.Gen.Runtime.Sql;
using Datasette.Gen.Runtime.Views;

namespace Datasette.Gen.Runtime.Tables;

/// <summary>
/// The table and view endpoint <c>/{db}/{table}.json</c>; a name that is not a table or view
/// but is a stored query is served as that query.
/// </summary>
public static class TableView
{
    public static async Task HandleAsync(DatasetteRequest request, Datasette datasette)
    {
        var database = Resolve.Database(request, datasette);
        var name = request.Route("table") ?? "";
        await datasette.RefreshCatalogAsync().ConfigureAwait(false);
        var table = database.Schema.Find(name);
        if (table is null)
        {
            var stored = datasette.Internal.GetQuery(database.Name, name) ?? throw DatasetteHttpException.NotFound("Table not found");
            await QueryView.StoredAsync(request, datasette, database, stored).ConfigureAwait(false);
            return;
        }
        if (request.Format is not null and not "json")
        {
            throw DatasetteHttpException.NotFound($"Invalid format: {request.Format}");
        }
        if (!request.Allowed("view-table", database.Name, table.Name))
        {
            throw DatasetteHttpException.Forbidden("You do not have permission to view this table");
        }
        if (FilterRedirect.Location(request) is { } location)
        {
            request.Context.Response.Headers.Link = $"<{location}>; rel=preload";
            await Responses.RedirectAsync(request.Context, location).ConfigureAwait(false);
            return;
        }

        var shape = RowShapes.Parse(request.Args.Get("_shape"));
        if (shape == RowShape.Object && table.PrimaryKeys.Count == 0)
        {
            throw DatasetteHttpException.BadRequest("_shape=object not available for tables with no primary keys");
        }
        var extras = Extras.Parse(request.Args, Extras.Table);
        var config = datasette.Config.Table(database.Name, table.Name);
        var query = TableQuery.Build(request, datasette, database, table, config);

        using var rows = new JsonBody();
        var keyOrdinals = table.IsView ? null : table.KeyColumns.Select(k => IndexOf(query.SelectColumns, k)).ToArray();
        var options = new RowJsonOptions(
            query.OutputColumns,
            shape,
            QueryView.IsTruthy(request.Args.Get("_json_infinity")),
            JsonColumns: null,
            KeyOrdinals: keyOrdinals,
            SortOrdinal: query.SortColumn is null ? -1 : IndexOf(query.SelectColumns, query.SortColumn));
        var result = QueryRunner.Run(database, query.PageSql, query.Parameters, QueryView.TimeLimit(request, datasette),
            reader => RowJson.Write(rows.Writer, reader, options, query.PageSize));

        string? next = null;
        if (result.HasMore && query.PageSize > 0)
        {
            next = table.IsView
                ? (query.Offset + query.PageSize).ToString(System.Globalization.CultureInfo.InvariantCulture)
                : Keyset.Token(result.LastKey, query.SortColumn is not null, result.LastSortIsNull, result.LastSortValue);
        }
        var nextUrl = next is null ? null : NextUrl(request, query, next);
        Caching.Apply(request, datasette);
        if (nextUrl is not null)
        {
            request.Context.Response.Headers.Link = $"<{nextUrl}>; rel=\"next\"";
        }
        if (shape.IsBare())
        {
            await NdJson.SendOrJsonAsync(request, rows).ConfigureAwait(false);
            return;
        }

        using var body = new JsonBody();
        var writer = body.Writer;
        writer.WriteStartObject();
        writer.WriteBoolean("ok", true);
        writer.WriteString("next", next);
        writer.WriteString("next_url", nextUrl);
        writer.WritePropertyName("rows");
        writer.WriteRawValue(rows.WrittenMemory.Span, skipInputValidation: true);
        WriteExtras(writer, request, datasette, database, table, query, extras, shape, nextUrl);
        writer.WriteBoolean("truncated", false);
        writer.WriteEndObject();
        await body.SendAsync(request.Context).ConfigureAwait(false);
    }

    private static void WriteExtras(Utf8JsonWriter writer, DatasetteRequest request, Datasette datasette, Database database, TableInfo table,
        TableQuery query, HashSet<string> extras, RowShape shape, string? nextUrl)
    {
        if (extras.Contains("count") || extras.Contains("count_truncated"))
        {
            long? count = null;
            if (request.Args.Get("_nocount") is null && !shape.IsBare())
            {
                count = Count(database, query, datasette.Settings.SqlTimeLimitMs);
            }
            if (extras.Contains("count"))
            {
                WriteNullableNumber(writer, "count", count);
            }
            writer.WriteBoolean("count_truncated", count == TableCounts.Cap);
        }
        if (extras.Contains("count_sql"))
        {
            writer.WriteString("count_sql", query.CountSql + " ");
        }
        if (extras.Contains("columns"))
        {
            writer.WriteStringArray("columns", query.OutputColumns);
        }
        if (extras.Contains("all_columns"))
        {
            writer.WriteStringArray("all_columns", (table.IsRowidTable ? new[] { "rowid" } : Array.Empty<string>()).Concat(table.Columns.Select(c => c.Name)));
        }
        if (extras.Contains("primary_keys"))
        {
            writer.WriteStringArray("primary_keys", table.PrimaryKeys);
        }
        if (extras.Contains("column_details"))
        {
            ColumnDetails.Write(writer, table);
        }
        if (extras.Contains("database"))
        {
            writer.WriteString("database", database.Name);
        }
        if (extras.Contains("table"))
        {
            writer.WriteString("table", table.Name);
        }
        if (extras.Contains("database_color"))
        {
            writer.WriteString("database_color", database.Color);
        }
        if (extras.Contains("is_view"))
        {
            writer.WriteBoolean("is_view", table.IsView);
        }
        if (extras.Contains("private"))
        {
            writer.WriteBoolean("private", false);
        }
        if (extras.Contains("query"))
        {
            writer.WriteStartObject("query");
            writer.WriteString("sql", query.PageSql);
            writer.WriteStartObject("params");
            foreach (var (name, value) in query.Parameters)
            {
                switch (value)
                {
                    case long number:
                        writer.WriteNumber(name, number);
                        break;
                    case null:
                        writer.WriteNull(name);
                        break;
                    default:
                        writer.WriteString(name, value.ToString());
                        break;
                }
            }
            writer.WriteEndObject();
            writer.WriteEndObject();
        }
        if (extras.Contains("request"))
        {
            RequestExtra.Write(writer, request);
        }
    }

    private static long? Count(Database database, TableQuery query, int timeLimitMs)
    {
        try
        {
            var sql = $"select count(*) from (select * from {SqlIdentifier.Escape(query.Table.Name)}{query.FilterWhere} limit {TableCounts.Cap})";
            return QueryRunner.Run(database, sql, query.Parameters, timeLimitMs, reader => reader.Read() ? reader.GetInt64(0) : 0);
        }
        catch (QueryInterruptedException)
        {
            return null;
        }
    }

    /// <summary>The current URL with _next replaced and the active sort re-stated, absolute.</summary>
    private static string NextUrl(DatasetteRequest request, TableQuery query, string next)
    {
        var append = new List<KeyValuePair<string, string>> { new("_next", next) };
        if (query.SortColumn is not null && query.SortFromRequest)
        {
            append.Add(new(query.SortDescending ? "_sort_desc" : "_sort", query.SortColumn));
        }
        var path = request.Context.Request.PathBase + request.RawPath;
        return request.Origin + path + request.Args.ToQueryString(new[] { "_next", "_sort", "_sort_desc" }, append);
    }

    private static void WriteNullableNumber(Utf8JsonWriter writer, string name, long? value)
    {
        if (value is { } number)
        {
            writer.WriteNumber(name, number);
        }
        else
        {
            writer.WriteNull(name);
        }
    }

    private static int IndexOf(IReadOnlyList<string> columns, string name)
    {
        for (var i = 0; i < columns.Count; i++)
        {
            if (columns[i] == name)
            {
                return i;
            }
        }
        return -1;
    }
}
