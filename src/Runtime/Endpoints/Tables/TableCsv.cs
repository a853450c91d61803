using System.Text;
using Datasette.Gen.Configuration.UrlEncoding;
using Datasette.Gen.Runtime.Csv;
using Datasette.Gen.Runtime.Data;
using Datasette.Gen.Runtime.Errors;
using Datasette.Gen.Runtime.Http;
using Datasette.Gen.Runtime.Json;
using Datasette.Gen.Runtime.Querying;
using Datasette.Gen.Runtime.Sql;

namespace Datasette.Gen.Runtime.Endpoints.Tables;

/// <summary>
/// <c>/{db}/{table}.csv</c>: one page, or with <c>?_stream=1</c> every row, fetched page by page
/// with keyset pagination (each page under the time limit) and sent as it goes, so memory
/// stays flat; output stops with a message past max_csv_mb.
/// </summary>
internal static class TableCsv
{
    public static async Task SendAsync(DatasetteRequest request, Datasette datasette, QueryContext firstContext, Database database, TableInfo table, TableQuery firstQuery,
        List<ExpandedColumn> firstLabels, int timeLimit)
    {
        var stream = request.Args.Get("_stream") is { Length: > 0 };
        if (stream && !datasette.Settings.AllowCsvStream)
        {
            throw DatasetteHttpException.BadRequest("CSV streaming is disabled");
        }
        if (stream && request.Args.Get("_next") is { Length: > 0 })
        {
            throw DatasetteHttpException.BadRequest("_next not allowed for CSV streaming");
        }
        var config = datasette.Config.Table(database.Name, table.Name);
        var query = firstQuery;
        var labels = firstLabels;
        if (stream)
        {
            var context = firstContext with { Args = WithArgs(request.Args, "max", null) };
            query = TableQuery.Build(context, database, table, config);
            labels = TableView.ExpandLabels(context, database, table, query, timeLimit, defaultOn: false);
        }
        var tableUrl = request.Origin + Urls.Table(datasette, database, table.Name);
        var limitChars = datasette.Settings.MaxCsvMb > 0 ? datasette.Settings.MaxCsvMb * 1024L * 1024L : long.MaxValue;
        var buffer = new StringBuilder();
        var csv = new CsvWriter(buffer);
        Stream? body = null;
        var first = true;
        while (true)
        {
            PageResult page;
            try
            {
                page = WritePage(request, tableUrl, database, table, query, labels, csv, timeLimit, writeHeader: first && request.Args.Get("_header") != "off");
            }
            catch (Exception ex) when (!first && ex is SqlErrorException or QueryInterruptedException or ResponseTooLargeException)
            {
                buffer.Append(ex.Message).Append("\r\n");
                break;
            }
            body ??= CsvResponse.Start(request, table.Name);
            if (first && page.NextUrl is not null && !stream)
            {
                request.Context.Response.Headers.Link = HeaderValues.Link(page.NextUrl, "rel=\"next\"");
            }
            first = false;
            if (csv.CharactersWritten > limitChars)
            {
                buffer.Append($"CSV contains more than {datasette.Settings.MaxCsvMb}MB - try using _size=max or filters to limit the size\r\n");
                break;
            }
            await CsvResponse.FlushAsync(body, buffer).ConfigureAwait(false);
            if (!stream || page.Next is null)
            {
                break;
            }
            var context = firstContext with { Args = WithArgs(request.Args, "max", page.Next) };
            query = TableQuery.Build(context, database, table, config);
            labels = TableView.ExpandLabels(context, database, table, query, timeLimit, defaultOn: false);
        }
        body ??= CsvResponse.Start(request, table.Name);
        await CsvResponse.FlushAsync(body, buffer).ConfigureAwait(false);
    }

    private sealed record PageResult(string? Next, string? NextUrl);

    private static PageResult WritePage(DatasetteRequest request, string tableUrl, Database database, TableInfo table, TableQuery query, List<ExpandedColumn> labels,
        CsvWriter csv, int timeLimit, bool writeHeader)
    {
        var labelByColumn = labels.ToDictionary(l => l.Column);
        if (writeHeader)
        {
            var header = new List<string>();
            foreach (var column in query.OutputColumns)
            {
                header.Add(column);
                if (labelByColumn.ContainsKey(column))
                {
                    header.Add(column + "_label");
                }
            }
            csv.WriteRow(header);
        }
        var keyOrdinals = table.IsView ? Array.Empty<int>() : table.KeyColumns.Select(k => TableView.IndexOf(query.SelectColumns, k)).ToArray();
        var sortOrdinal = query.SortColumn is null ? -1 : TableView.IndexOf(query.SelectColumns, query.SortColumn);
        return QueryRunner.Run(database, query.PageSql, query.Parameters, timeLimit, reader =>
        {
            var count = 0;
            string?[] lastKey = Array.Empty<string?>();
            object?[] pageEndKey = Array.Empty<object?>();
            object? pageEndSort = null;
            var hasMore = false;
            while (reader.Read())
            {
                if (count >= query.PageSize)
                {
                    hasMore = true;
                    break;
                }
                count++;
                lastKey = keyOrdinals.Select(o => SqliteJson.ToText(reader, o)).ToArray();
                if (count == query.PageSize)
                {
                    pageEndKey = Array.ConvertAll(keyOrdinals, o => CellValues.Read(reader, o));
                    pageEndSort = sortOrdinal >= 0 ? CellValues.Read(reader, sortOrdinal) : null;
                }
                for (var i = 0; i < query.OutputColumns.Count; i++)
                {
                    var column = query.OutputColumns[i];
                    if (!reader.IsDBNull(i) && reader.GetFieldType(i) == typeof(byte[]))
                    {
                        var pks = string.Join(",", lastKey.Select(v => TildeEncoding.Encode(v ?? "")));
                        csv.Add($"{tableUrl}/{pks}.blob?_blob_column={QueryArgs.QuotePlus(column)}");
                    }
                    else
                    {
                        csv.AddCell(reader, i);
                    }
                    if (labelByColumn.TryGetValue(column, out var expanded))
                    {
                        csv.Add(!reader.IsDBNull(i) && expanded.Labels.TryGetValue(CellValues.Key(reader, i), out var label) ? label : "");
                    }
                }
                csv.EndRow();
            }
            if (!hasMore || query.PageSize == 0)
            {
                return new PageResult(null, null);
            }
            var next = table.IsView
                ? (query.Offset + query.PageSize).ToString(System.Globalization.CultureInfo.InvariantCulture)
                : Keyset.Token(table, query.SortColumn, pageEndKey, pageEndSort);
            var append = new List<KeyValuePair<string, string>> { new("_next", next) };
            if (query.SortColumn is not null && query.SortFromRequest)
            {
                append.Add(new(query.SortDescending ? "_sort_desc" : "_sort", query.SortColumn));
            }
            return new PageResult(next, request.Origin + request.RawPath + request.Args.ToQueryString(new[] { "_next", "_sort", "_sort_desc" }, append));
        });
    }

    private static QueryArgs WithArgs(QueryArgs args, string size, string? next)
    {
        var pairs = args.Pairs.Where(p => p.Key is not ("_size" or "_next")).ToList();
        pairs.Add(new("_size", size));
        if (next is not null)
        {
            pairs.Add(new("_next", next));
        }
        return new QueryArgs(pairs);
    }
}
