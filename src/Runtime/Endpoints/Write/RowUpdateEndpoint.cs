using Datasette.Gen.Runtime.Events;
using Datasette.Gen.Runtime.Http;
using Datasette.Gen.Runtime.Sql;

namespace Datasette.Gen.Runtime.Endpoints.Write;

/// <summary><c>POST /{db}/{table}/{pks}/-/update</c> (write-api spec §6).</summary>
internal static class RowUpdateEndpoint
{
    private static readonly HashSet<string> Keys = new(StringComparer.Ordinal) { "update", "return", "alter" };

    public static Task HandleAsync(DatasetteRequest request, Datasette datasette) =>
        WriteResponses.RunAsync(request, () => UpdateAsync(request, datasette));

    private static async Task UpdateAsync(DatasetteRequest request, Datasette datasette)
    {
        var row = WriteRow.Resolve(request, datasette);
        var target = row.Target;
        if (!request.Allowed("update-row", target.DatabaseName, target.Name))
        {
            throw WriteApiException.Forbidden("Permission denied");
        }
        // Datasette lets SQLite refuse (400 with an empty message); a proper 403 says why.
        target.EnsureMutable();
        var body = await WriteRequestBody.ReadJsonAsync(request).ConfigureAwait(false);
        if (body is not JsonMap data)
        {
            throw WriteApiException.BadRequest("JSON must be a dictionary");
        }
        if (!data.TryGetValue("update", out var updateValue) || updateValue is not JsonMap update)
        {
            throw WriteApiException.BadRequest("JSON must contain an update dictionary");
        }
        var invalid = data.Keys.Where(k => !Keys.Contains(k)).OrderBy(k => k, StringComparer.Ordinal).ToList();
        if (invalid.Count > 0)
        {
            throw WriteApiException.BadRequest($"Invalid keys: {string.Join(", ", invalid)}");
        }
        update = WriteValues.DecodeRow(update);
        await ColumnTypeChecks.EnsureValidAsync(datasette, target, new[] { update }).ConfigureAwait(false);
        var alter = data.Truthy("alter");
        if (alter && !request.Allowed("alter-table", target.DatabaseName, target.Name))
        {
            throw WriteApiException.Forbidden("Permission denied for alter-table");
        }
        var shouldReturn = data.Truthy("return");

        var result = await target.Database.WriteInTransactionAsync(connector =>
        {
            var connection = connector.Connection;
            var before = alter ? RowWrites.Schema(connection, target.Name) : null;
            if (update.Count > 0)
            {
                if (alter)
                {
                    RowWrites.AddMissingColumns(connection, target, new[] { update });
                }
                var sets = string.Join(", ", update.Keys.Select((c, i) => $"{SqlIdentifier.Quote(c)} = :p{i}"));
                var where = string.Join(" AND ", target.Keys.Select((k, i) => $"{SqlIdentifier.Quote(k)} = :k{i}"));
                RowWrites.Execute(connection, $"UPDATE {SqlIdentifier.Quote(target.Name)} SET {sets} WHERE {where}",
                    update.Values.Select(WriteValues.ToSqlite).ToList(), row.PkValues.Cast<object>().ToList());
            }
            byte[]? returned = null;
            if (shouldReturn)
            {
                // A changed primary key moves the row: read it back under its new key.
                var keyValues = target.Keys.Select((k, i) => update.TryGetValue(k, out var changed) ? WriteValues.ToSqlite(changed) : row.PkValues[i]).ToList();
                var select = target.Table.IsRowidTable ? "select rowid, *" : "select *";
                var where = string.Join(" AND ", target.Keys.Select((k, i) => $"{SqlIdentifier.Quote(k)} = :p{i}"));
                returned = RowWrites.RowsJson(connection, $"{select} from {SqlIdentifier.Quote(target.Name)} where {where}", keyValues);
            }
            return (Returned: returned, Before: before, After: alter ? RowWrites.Schema(connection, target.Name) : null);
        }).ConfigureAwait(false);

        if (alter)
        {
            target.Database.InvalidateSchema();
        }
        await datasette.TrackEventAsync(new UpdateRowEvent(request.Actor, target.DatabaseName, target.Name, row.PkValues)).ConfigureAwait(false);
        if (result.Before is not null && result.Before != result.After)
        {
            await datasette.TrackEventAsync(new AlterTableEvent(request.Actor, target.DatabaseName, target.Name, result.Before, result.After!)).ConfigureAwait(false);
        }
        if (request.Args.Get("_message") is { Length: > 0 })
        {
            datasette.AddMessage(request, RowLabels.Message("Updated", row, RowLabels.ReadLabel(datasette, row)), MessageType.Info);
        }
        await WriteResponses.OkAsync(request, 200, writer =>
        {
            if (result.Returned is { } rowsJson)
            {
                writer.WritePropertyName("rows");
                writer.WriteRawValue(rowsJson, skipInputValidation: true);
            }
        }).ConfigureAwait(false);
    }
}
