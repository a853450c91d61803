using System.Security.Cryptography;
using Datasette.Gen.Runtime.Data;
using Datasette.Gen.Runtime.Endpoints.Tables;
using Datasette.Gen.Runtime.Errors;
using Datasette.Gen.Runtime.Http;
using Datasette.Gen.Runtime.Sql;
using Microsoft.AspNetCore.Http;

namespace Datasette.Gen.Runtime.Endpoints.Blobs;

/// <summary>
/// <c>.blob</c>: the raw bytes of one BLOB cell, from a row (<c>?_blob_column=</c>) or from a
/// query result (plus <c>_blob_hash</c> to pick the row whose value has that SHA-256).
/// </summary>
internal static class BlobView
{
    public static Task RowAsync(DatasetteRequest request, Database database, string table, string sql, Dictionary<string, object?> parameters,
        IReadOnlyList<string> pkValues, int timeLimit) =>
        SendAsync(request, database, sql, parameters, timeLimit, table, string.Join(",", pkValues));

    public static Task TableAsync(DatasetteRequest request, Database database, string table, string sql, Dictionary<string, object?> parameters, int timeLimit) =>
        SendAsync(request, database, sql, parameters, timeLimit, table, null);

    /// <summary>
    /// A query's cell. A query SQLite could not prepare (<paramref name="sqlError"/>) is, as in
    /// Datasette, a result with no columns: the blob column is then never valid.
    /// </summary>
    public static async Task QueryAsync(DatasetteRequest request, Database database, string sql, Dictionary<string, object?> parameters, int timeLimit, string? sqlError)
    {
        if (sqlError is null)
        {
            try
            {
                await SendAsync(request, database, sql, parameters, timeLimit, null, null).ConfigureAwait(false);
                return;
            }
            catch (SqlErrorException)
            {
                // as below: the failed query has no columns
            }
        }
        throw DatasetteHttpException.BadRequest($"{RequiredColumn(request)} is not a valid column");
    }

    private static string RequiredColumn(DatasetteRequest request)
    {
        var column = request.Args.Get("_blob_column");
        return string.IsNullOrEmpty(column) ? throw DatasetteHttpException.BadRequest("?_blob_column= is required") : column;
    }

    private static async Task SendAsync(DatasetteRequest request, Database database, string sql, Dictionary<string, object?> parameters, int timeLimit,
        string? table, string? pks)
    {
        var column = RequiredColumn(request);
        var wantedHash = request.Args.Get("_blob_hash");
        var (found, value) = QueryRunner.Run(database, sql, parameters, timeLimit, reader =>
        {
            var ordinal = -1;
            for (var i = 0; i < reader.FieldCount; i++)
            {
                if (reader.GetName(i) == column)
                {
                    ordinal = i;
                }
            }
            if (ordinal < 0)
            {
                throw DatasetteHttpException.BadRequest($"{column} is not a valid column");
            }
            while (reader.Read())
            {
                var bytes = reader.IsDBNull(ordinal) ? Array.Empty<byte>()
                    : reader.GetFieldType(ordinal) == typeof(byte[]) ? (byte[])reader.GetValue(ordinal)
                    : System.Text.Encoding.UTF8.GetBytes(Convert.ToString(reader.GetValue(ordinal), System.Globalization.CultureInfo.InvariantCulture) ?? "");
                if (wantedHash is null || Convert.ToHexStringLower(SHA256.HashData(bytes)) == wantedHash)
                {
                    return (true, bytes);
                }
            }
            return (false, Array.Empty<byte>());
        });
        if (!found)
        {
            throw wantedHash is null
                ? DatasetteHttpException.NotFound("Row not found")
                : DatasetteHttpException.BadRequest("Link has expired - the requested binary content has changed or could not be found.");
        }
        var parts = new List<string>();
        if (table is not null)
        {
            parts.Add(CssClass.Sanitise(table));
        }
        if (pks is not null)
        {
            parts.Add(pks);
        }
        parts.Add(CssClass.Sanitise(column));
        if (wantedHash is not null)
        {
            parts.Add(wantedHash[..Math.Min(6, wantedHash.Length)]);
        }
        var response = request.Context.Response;
        response.StatusCode = 200;
        response.ContentType = "application/binary";
        response.Headers.XContentTypeOptions = "nosniff";
        response.Headers.ContentDisposition = HeaderValues.Attachment(string.Join("-", parts) + ".blob");
        response.ContentLength = value.Length;
        if (!HttpMethods.IsHead(request.Method))
        {
            await response.Body.WriteAsync(value).ConfigureAwait(false);
        }
    }
}
