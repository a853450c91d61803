using System.Diagnostics;
using Datasette.Gen.Configuration.UrlEncoding;
using Datasette.Gen.Runtime.Data;
using Datasette.Gen.Runtime.Endpoints.Blobs;
using Datasette.Gen.Runtime.Endpoints.Pages;
using Datasette.Gen.Runtime.Endpoints.Queries;
using Datasette.Gen.Runtime.Endpoints.Renderers;
using Datasette.Gen.Runtime.Errors;
using Datasette.Gen.Runtime.Extras;
using Datasette.Gen.Runtime.Http;
using Datasette.Gen.Runtime.Json;
using Datasette.Gen.Runtime.Plugins;
using Datasette.Gen.Runtime.Querying;
using Datasette.Gen.Runtime.Sql;

namespace Datasette.Gen.Runtime.Endpoints.Rows;

/// <summary>One row by its primary key values (or rowid): <c>/{db}/{table}/{pks}.json</c>.</summary>
internal static class RowView
{
    public static async Task HandleAsync(DatasetteRequest request, Datasette datasette)
    {
        var database = datasette.ResolveDatabase(request);
        await datasette.RefreshCatalogAsync().ConfigureAwait(false);
        var table = database.Schema.Find(request.Route("table") ?? "") ?? throw DatasetteHttpException.NotFound("Table not found");
        var rawPks = request.RouteMatch.Groups["pks"].Value;
        var values = rawPks.Split(',').Select(TildeEncoding.Decode).ToArray();
        // Like Datasette, a view (no primary key) is addressed by rowid too; SQLite decides whether it has one.
        var keys = table.PrimaryKeys.Count == 0 ? RowidKey : table.PrimaryKeys;
        if (values.Length != keys.Count)
        {
            throw DatasetteHttpException.BadRequest("URL row identifier does not match the primary key for this table");
        }
        var parameters = new Dictionary<string, object?>();
        var conditions = new List<string>();
        for (var i = 0; i < keys.Count; i++)
        {
            parameters["p" + i] = values[i];
            conditions.Add($"{SqlIdentifier.Quote(keys[i])}=:p{i}");
        }
        var select = table.PrimaryKeys.Count == 0 ? "select rowid, *" : "select *";
        var sql = $"{select} from {SqlIdentifier.Escape(table.Name)} where {string.Join(" AND ", conditions)}";
        var format = request.Format;
        var timeLimit = request.SqlTimeLimitMs;

        if (format is not (null or "json"))
        {
            // Datasette finds the row, checks permission and extras, and only then looks at the format.
            if (!QueryRunner.Run(database, sql, parameters, timeLimit, reader => reader.Read()))
            {
                throw new RowNotFoundException(database.Name, table.Name, values);
            }
            EnsureVisible(request, database, table);
            _ = ExtraRegistry.Parse(request.Args, ExtraScopes.Row);
            switch (format)
            {
                case "csv":
                    await RowCsvAsync(request, datasette, database, table, sql, parameters, values).ConfigureAwait(false);
                    return;
                case "blob":
                    await BlobView.RowAsync(request, database, table.Name, sql, parameters, values, timeLimit).ConfigureAwait(false);
                    return;
                default:
                    if (datasette.OutputRenderers.TryGetValue(format, out var renderer))
                    {
                        var (rowColumns, rowValues, _) = OutputRendering.Read(database, sql, parameters, timeLimit, maxRows: 1);
                        await OutputRendering.SendAsync(renderer, new OutputRenderContext
                        {
                            Datasette = datasette,
                            Request = request,
                            Columns = rowColumns,
                            Rows = rowValues,
                            Sql = sql,
                            Database = database.Name,
                            Table = table.Name,
                            ViewName = "row",
                        }).ConfigureAwait(false);
                        return;
                    }
                    throw DatasetteHttpException.InvalidFormat(format);
            }
        }

        if (format is null)
        {
            await HtmlAsync(request, datasette, database, table, keys, values, sql, parameters, timeLimit).ConfigureAwait(false);
            return;
        }

        // .json rejects a bad _shape and unknown extras, but only once the row is found.
        var shape = RowShapes.TryParse(request.Args.Get("_shape")) ?? RowShape.Objects;
        var renderCell = RenderedCells.Wanted(datasette, database, table.Name) && ExtraRegistry.Asks(request.Args, ExtraScopes.Row, Extra.RenderCell);
        var typed = renderCell ? new List<PageCell[]>(1) : null;
        var started = Stopwatch.GetTimestamp();
        using var rows = new JsonBody();
        var (result, columns) = QueryRunner.Run(database, sql, parameters, timeLimit, reader =>
        {
            var names = RowJson.ColumnNames(reader);
            var keyOrdinals = keys.Select(k => names.IndexOf(k)).ToArray();
            var options = new RowJsonOptions(names, shape, QueryArgs.IsTruthy(request.Args.Get("_json_infinity")), KeyOrdinals: keyOrdinals,
                Transforms: datasette.ValueTransforms(database, table.Name, names));
            return (RowJson.Write(rows.Writer, reader, options, limit: 1, typed), names);
        });
        var elapsed = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
        if (result.Count == 0)
        {
            throw new RowNotFoundException(database.Name, table.Name, values);
        }
        EnsureVisible(request, database, table);
        var requested = ExtraRegistry.Parse(request.Args, ExtraScopes.Row, rejectUnknown: request.FormatSuffix is not null);
        if (RowShapes.TryParse(request.Args.Get("_shape")) is null)
        {
            throw RowShapes.Invalid(request.Args.Get("_shape"));
        }
        Caching.Apply(request, datasette.Settings.DefaultCacheTtl);
        if (shape.IsBare())
        {
            await NdJson.SendOrJsonAsync(request, rows).ConfigureAwait(false);
            return;
        }

        using var body = new JsonBody();
        var writer = body.Writer;
        writer.WriteStartObject();
        writer.WriteBoolean("ok", true);
        var resolved = ExtraRegistry.Resolve(requested, ExtraScopes.Row);
        var rendered = typed is not null && resolved.Has(Extra.RenderCell)
            ? await RenderedCells.RenderForExtraAsync(request, datasette, database, table.Name, RenderedCells.PksForDisplay(table), columns, typed).ConfigureAwait(false)
            : null;
        var context = new RowExtraContext(request, datasette, database, table, columns, keys, values, sql, parameters, rawPks, requested, rendered);
        ExtraWriter<RowExtraContext>.WriteAll(writer, RowExtras.BeforeRows, resolved, context);
        writer.WritePropertyName("rows");
        writer.WriteRawValue(rows.WrittenMemory.Span, skipInputValidation: true);
        ExtraWriter<RowExtraContext>.WriteAll(writer, RowExtras.AfterRows, resolved, context);
        writer.WriteNumber("query_ms", elapsed);
        writer.WriteBoolean("truncated", false);
        writer.WriteEndObject();
        await body.SendAsync(request.Context).ConfigureAwait(false);
    }

    /// <summary>
    /// The HTML page: the JSON page's steps in its order (so the same error wins), the row read as typed cells
    /// through the same reader, and no JSON made. It ignores <c>_shape</c>.
    /// </summary>
    private static async Task HtmlAsync(DatasetteRequest request, Datasette datasette, Database database, TableInfo table, IReadOnlyList<string> keys,
        string[] values, string sql, Dictionary<string, object?> parameters, int timeLimit)
    {
        var (rows, columns) = QueryRunner.Run(database, sql, parameters, timeLimit, reader =>
        {
            var names = RowJson.ColumnNames(reader);
            var options = new RowJsonOptions(names, RowShape.Objects, Transforms: datasette.ValueTransforms(database, table.Name, names));
            return (PageRows.Read(reader, options, limit: 1, labelOrdinals: []), names);
        });
        if (rows.Rows.Count == 0)
        {
            throw new RowNotFoundException(database.Name, table.Name, values);
        }
        EnsureVisible(request, database, table);
        // A .html suffix is a format to Datasette: it rejects unknown extras there.
        _ = ExtraRegistry.Parse(request.Args, ExtraScopes.Row, rejectUnknown: request.FormatSuffix is not null);
        Caching.Apply(request, datasette.Settings.DefaultCacheTtl);
        var incoming = ForeignKeyTables(request, datasette, database, table, values);
        await RowHtml.SendAsync(request, datasette, database, table, keys, values, columns, rows.Rows[0], incoming).ConfigureAwait(false);
    }

    private static readonly IReadOnlyList<string> RowidKey = new[] { "rowid" };

    private static void EnsureVisible(DatasetteRequest request, Database database, TableInfo table)
    {
        if (!request.Allowed("view-table", database.Name, table.Name))
        {
            throw DatasetteHttpException.Forbidden("You do not have permission to view this table");
        }
    }

    private static async Task RowCsvAsync(DatasetteRequest request, Datasette datasette, Database database, TableInfo table, string sql,
        Dictionary<string, object?> parameters, string[] values)
    {
        var buffer = new System.Text.StringBuilder();
        var csv = new Csv.CsvWriter(buffer);
        var rowUrl = request.Origin + Urls.Table(datasette, database, table.Name) + "/" + string.Join(",", values.Select(TildeEncoding.Encode)) + ".blob";
        var found = QueryRunner.Run(database, sql, parameters, request.SqlTimeLimitMs, reader =>
        {
            var names = RowJson.ColumnNames(reader);
            if (request.Args.Get("_header") != "off")
            {
                csv.WriteRow(names);
            }
            if (!reader.Read())
            {
                return false;
            }
            for (var i = 0; i < names.Count; i++)
            {
                if (!reader.IsDBNull(i) && reader.GetFieldType(i) == typeof(byte[]))
                {
                    csv.Add($"{rowUrl}?_blob_column={QueryArgs.QuotePlus(names[i])}");
                }
                else
                {
                    csv.AddCell(reader, i);
                }
            }
            csv.EndRow();
            return true;
        });
        if (!found)
        {
            throw DatasetteHttpException.NotFound("Row not found");
        }
        Caching.Apply(request, datasette.Settings.DefaultCacheTtl);
        var body = CsvResponse.Start(request, table.Name);
        await CsvResponse.FlushAsync(body, buffer).ConfigureAwait(false);
    }

    /// <summary>One table referencing this row: how many of its rows point here, and the link to them.</summary>
    internal sealed record IncomingRows(string OtherTable, string Column, string OtherColumn, long Count, string Link);

    /// <summary>
    /// For each table referencing this one: how many rows point at this row, and a link to them.
    /// A referencing table the actor may not view is left out (<see cref="OtherTables"/>): its count
    /// is a fact about its rows, and the entry would name it.
    /// </summary>
    internal static List<IncomingRows> ForeignKeyTables(DatasetteRequest request, Datasette datasette, Database database, TableInfo table, string[] values)
    {
        var tables = new List<IncomingRows>();
        if (table.PrimaryKeys.Count != 1)
        {
            return tables;
        }
        foreach (var key in table.Incoming.Where(k => OtherTables.Visible(request.ActorPermissions, database, k.OtherTable)))
        {
            long count;
            try
            {
                count = QueryRunner.Run(database,
                    $"select count(*) from {SqlIdentifier.Escape(key.OtherTable)} where {SqlIdentifier.Quote(key.OtherColumn)} = :id",
                    new Dictionary<string, object?> { ["id"] = values[0] }, datasette.Settings.SqlTimeLimitMs,
                    reader => reader.Read() ? reader.GetInt64(0) : 0);
            }
            catch (QueryInterruptedException)
            {
                continue;
            }
            var column = key.OtherColumn.StartsWith('_') ? key.OtherColumn + "__exact" : key.OtherColumn;
            tables.Add(new IncomingRows(key.OtherTable, key.Column, key.OtherColumn, count,
                $"{Urls.Table(datasette, database, key.OtherTable)}?{QueryArgs.QuotePlus(column)}={QueryArgs.QuotePlus(values[0])}"));
        }
        return tables;
    }

    internal static void WriteForeignKeyTables(System.Text.Json.Utf8JsonWriter writer, DatasetteRequest request, Datasette datasette, Database database, TableInfo table, string[] values)
    {
        writer.WriteStartArray("foreign_key_tables");
        foreach (var incoming in ForeignKeyTables(request, datasette, database, table, values))
        {
            writer.WriteStartObject();
            writer.WriteString("other_table", incoming.OtherTable);
            writer.WriteString("column", incoming.Column);
            writer.WriteString("other_column", incoming.OtherColumn);
            writer.WriteNumber("count", incoming.Count);
            writer.WriteString("link", incoming.Link);
            writer.WriteEndObject();
        }
        writer.WriteEndArray();
    }
}
