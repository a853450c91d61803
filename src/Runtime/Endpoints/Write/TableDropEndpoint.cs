using Datasette.Gen.Runtime.Events;
using Datasette.Gen.Runtime.Http;
using Datasette.Gen.Runtime.Sql;

namespace Datasette.Gen.Runtime.Endpoints.Write;

/// <summary>
/// <c>POST /{db}/{table}/-/drop</c> (write-api spec §13): without <c>"confirm"</c> (any truthy value)
/// a preview with the row count; with it the table is dropped.
/// </summary>
internal static class TableDropEndpoint
{
    public static Task HandleAsync(DatasetteRequest request, Datasette datasette) =>
        WriteResponses.RunAsync(request, () => DropAsync(request, datasette));

    private static async Task DropAsync(DatasetteRequest request, Datasette datasette)
    {
        var target = WriteTable.Resolve(request, datasette);
        if (!request.Allowed("drop-table", target.DatabaseName, target.Name))
        {
            throw WriteApiException.Forbidden("Permission denied");
        }
        target.EnsureMutable();
        if (!await ConfirmedAsync(request).ConfigureAwait(false))
        {
            var count = QueryRunner.Run(target.Database, $"select count(*) from {SqlIdentifier.Quote(target.Name)}", null, null, reader => reader.Read() ? reader.GetInt64(0) : 0);
            await WriteResponses.OkAsync(request, 200, writer =>
            {
                writer.WriteString("database", target.DatabaseName);
                writer.WriteString("table", target.Name);
                writer.WriteNumber("row_count", count);
                writer.WriteString("message", "Pass \"confirm\": true to confirm");
            }).ConfigureAwait(false);
            return;
        }
        await target.Database.WriteInTransactionAsync(connector =>
            RowWrites.Execute(connector.Connection, $"DROP TABLE {SqlIdentifier.Quote(target.Name)}", System.Array.Empty<object>())).ConfigureAwait(false);
        target.Database.InvalidateSchema();
        await datasette.TrackEventAsync(new DropTableEvent(request.Actor, target.DatabaseName, target.Name)).ConfigureAwait(false);
        datasette.AddMessage(request, $"Table {target.Name} dropped", MessageType.Warning);
        await WriteResponses.OkAsync(request, 200).ConfigureAwait(false);
    }

    /// <summary>
    /// A body that is not JSON asks for the preview, as in Datasette. A JSON value that is not an
    /// object is a 400 here (Datasette fails with a 500 calling .get on it).
    /// </summary>
    private static async Task<bool> ConfirmedAsync(DatasetteRequest request)
    {
        object? body;
        try
        {
            body = await WriteRequestBody.ReadJsonAsync(request).ConfigureAwait(false);
        }
        catch (WriteApiException invalid) when (invalid.Status == 400)
        {
            return false;
        }
        return body switch
        {
            JsonMap data => data.Truthy("confirm"),
            _ => throw WriteApiException.BadRequest("JSON must be a dictionary"),
        };
    }
}
