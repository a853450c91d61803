using Datasette.Gen.Runtime.Http;
using Datasette.Gen.Runtime.Json;

namespace Datasette.Gen.Runtime.Endpoints.Write;

/// <summary>
/// <c>POST /{db}/{table}/-/set-column-type</c> (write-api spec §14): assigns or clears a column's
/// type in the internal database, so it works on views and immutable databases too.
/// </summary>
internal static class SetColumnTypeEndpoint
{
    public static Task HandleAsync(DatasetteRequest request, Datasette datasette) =>
        WriteResponses.RunAsync(request, () => SetAsync(request, datasette));

    private static async Task SetAsync(DatasetteRequest request, Datasette datasette)
    {
        var database = datasette.DatabaseByRoute(request.Route("database") ?? "") ?? throw WriteApiException.NotFound("Database not found");
        var table = database.Schema.Find(request.Route("table") ?? "") ?? throw WriteApiException.NotFound("Table not found");
        if (!request.Allowed("set-column-type", database.Name, table.Name))
        {
            throw WriteApiException.Forbidden("Permission denied");
        }
        if (await WriteRequestBody.ReadJsonAsync(request).ConfigureAwait(false) is not JsonMap data)
        {
            throw WriteApiException.BadRequest("JSON must be a dictionary");
        }
        var invalid = data.Keys.Where(k => k is not ("column" or "column_type")).OrderBy(k => k, StringComparer.Ordinal).ToList();
        if (invalid.Count > 0)
        {
            throw WriteApiException.BadRequest($"Invalid parameter: \"{string.Join("\", \"", invalid)}\"");
        }
        if (!data.TryGetValue("column", out var columnValue))
        {
            throw WriteApiException.BadRequest("\"column\" is required");
        }
        if (columnValue is not string column)
        {
            throw WriteApiException.BadRequest("\"column\" must be a string");
        }
        if (!data.TryGetValue("column_type", out var typeValue))
        {
            throw WriteApiException.BadRequest("\"column_type\" is required");
        }
        if (!table.HasColumn(column))
        {
            throw WriteApiException.BadRequest($"Column not found: {column}");
        }
        if (typeValue is null)
        {
            await datasette.RemoveColumnTypeAsync(database.Name, table.Name, column).ConfigureAwait(false);
            await RespondAsync(request, database.Name, table.Name, column, null, null).ConfigureAwait(false);
            return;
        }
        if (typeValue is not JsonMap columnType)
        {
            throw WriteApiException.BadRequest("\"column_type\" must be an object or null");
        }
        var invalidTypeKeys = columnType.Keys.Where(k => k is not ("type" or "config")).OrderBy(k => k, StringComparer.Ordinal).ToList();
        if (invalidTypeKeys.Count > 0)
        {
            throw WriteApiException.BadRequest($"Invalid column_type parameter: \"{string.Join("\", \"", invalidTypeKeys)}\"");
        }
        if (!columnType.TryGetValue("type", out var nameValue))
        {
            throw WriteApiException.BadRequest("\"column_type.type\" is required");
        }
        if (nameValue is not string name)
        {
            throw WriteApiException.BadRequest("\"column_type.type\" must be a string");
        }
        var config = columnType.GetValueOrDefault("config");
        if (config is not (null or JsonMap))
        {
            throw WriteApiException.BadRequest("\"column_type.config\" must be a dictionary");
        }
        if (!datasette.ColumnTypes.ContainsKey(name))
        {
            throw WriteApiException.BadRequest($"Unknown column type: {name}");
        }
        var configObject = config is JsonMap map ? (System.Text.Json.Nodes.JsonObject)WriteValues.ToJsonNode(map)! : null;
        try
        {
            await datasette.SetColumnTypeAsync(database.Name, table.Name, column, name, configObject).ConfigureAwait(false);
        }
        catch (ArgumentException notApplicable)
        {
            throw WriteApiException.BadRequest(notApplicable.Message);
        }
        await RespondAsync(request, database.Name, table.Name, column, name, config is JsonMap ? WriteValues.ToJsonNode(config) : null).ConfigureAwait(false);
    }

    private static Task RespondAsync(DatasetteRequest request, string database, string table, string column, string? type, System.Text.Json.Nodes.JsonNode? config) =>
        WriteResponses.OkAsync(request, 200, writer =>
        {
            writer.WriteString("database", database);
            writer.WriteString("table", table);
            writer.WriteString("column", column);
            if (type is null)
            {
                writer.WriteNull("column_type");
                return;
            }
            writer.WriteStartObject("column_type");
            writer.WriteString("type", type);
            writer.WriteNode("config", config);
            writer.WriteEndObject();
        });
}
