using System.Security.Cryptography;
using System.Text;
using Datasette.Gen.Runtime.Csv;
using Datasette.Gen.Runtime.Data;
using Datasette.Gen.Runtime.Http;
using Datasette.Gen.Runtime.Internal;
using Datasette.Gen.Runtime.Sql;

namespace Datasette.Gen.Runtime.Endpoints.Queries;

/// <summary>A query's rows as CSV (one page, up to max_returned_rows); blob cells become .blob links.</summary>
internal static class QueryCsv
{
    public static async Task SendAsync(DatasetteRequest request, Datasette datasette, Database database, string sql, Dictionary<string, object?> parameters,
        StoredQuery? storedQuery, int timeLimit)
    {
        var buffer = new StringBuilder();
        var csv = new CsvWriter(buffer);
        var queryUrl = request.Origin + Urls.Database(datasette, database) + "/-/query.blob";
        QueryRunner.Run(database, sql, parameters, timeLimit, reader =>
        {
            var columns = new List<string>();
            for (var i = 0; i < reader.FieldCount; i++)
            {
                columns.Add(reader.GetName(i));
            }
            if (request.Args.Get("_header") != "off")
            {
                csv.WriteRow(columns);
            }
            var count = 0;
            while (count++ < datasette.Settings.MaxReturnedRows && reader.Read())
            {
                for (var i = 0; i < reader.FieldCount; i++)
                {
                    if (!reader.IsDBNull(i) && reader.GetFieldType(i) == typeof(byte[]))
                    {
                        var hash = Convert.ToHexStringLower(SHA256.HashData((byte[])reader.GetValue(i)));
                        csv.Add($"{queryUrl}?sql={QueryArgs.QuotePlus(sql)}&_blob_column={QueryArgs.QuotePlus(columns[i])}&_blob_hash={hash}");
                    }
                    else
                    {
                        csv.AddCell(reader, i);
                    }
                }
                csv.EndRow();
            }
            return 0;
        });
        if (storedQuery is not null)
        {
            Caching.Apply(request, datasette.Settings.DefaultCacheTtl);
        }
        var body = CsvResponse.Start(request, storedQuery?.Name ?? database.Name);
        await CsvResponse.FlushAsync(body, buffer).ConfigureAwait(false);
    }
}
