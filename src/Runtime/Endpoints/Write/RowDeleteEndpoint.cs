using Datasette.Gen.Runtime.Events;
using Datasette.Gen.Runtime.Http;
using Datasette.Gen.Runtime.Sql;

namespace Datasette.Gen.Runtime.Endpoints.Write;

/// <summary><c>POST /{db}/{table}/{pks}/-/delete</c> (write-api spec §7); no body needed.</summary>
internal static class RowDeleteEndpoint
{
    public static Task HandleAsync(DatasetteRequest request, Datasette datasette) =>
        WriteResponses.RunAsync(request, () => DeleteAsync(request, datasette));

    private static async Task DeleteAsync(DatasetteRequest request, Datasette datasette)
    {
        var row = WriteRow.Resolve(request, datasette);
        var target = row.Target;
        if (!request.Allowed("delete-row", target.DatabaseName, target.Name))
        {
            throw WriteApiException.Forbidden("Permission denied");
        }
        // Datasette lets SQLite refuse (400 with an empty message); a proper 403 says why.
        target.EnsureMutable();
        var redirectToTable = request.Args.Get("_redirect_to_table") is { Length: > 0 };
        var label = redirectToTable ? RowLabels.ReadLabel(datasette, row) : null;
        await target.Database.WriteInTransactionAsync(connector =>
        {
            var where = string.Join(" AND ", System.Linq.Enumerable.Select(target.Keys, (k, i) => $"{SqlIdentifier.Quote(k)} = :p{i}"));
            return RowWrites.Execute(connector.Connection, $"DELETE FROM {SqlIdentifier.Quote(target.Name)} WHERE {where}", System.Linq.Enumerable.ToList(System.Linq.Enumerable.Cast<object>(row.PkValues)));
        }).ConfigureAwait(false);
        await datasette.TrackEventAsync(new DeleteRowEvent(request.Actor, target.DatabaseName, target.Name, row.PkValues)).ConfigureAwait(false);
        if (redirectToTable)
        {
            string tableUrl = datasette.Urls.Table(target.DatabaseName, target.Name);
            datasette.AddMessage(request, RowLabels.Message("Deleted", row, label), MessageType.Info);
            await WriteResponses.OkAsync(request, 200, writer => writer.WriteString("redirect", tableUrl)).ConfigureAwait(false);
            return;
        }
        await WriteResponses.OkAsync(request, 200).ConfigureAwait(false);
    }
}
