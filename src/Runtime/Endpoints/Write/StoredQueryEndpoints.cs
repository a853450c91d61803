using System.Text.Json;
using Datasette.Gen.Runtime.Data;
using Datasette.Gen.Runtime.Errors;
using Datasette.Gen.Runtime.Http;
using Datasette.Gen.Runtime.Internal;
using Datasette.Gen.Runtime.Json;
using Microsoft.AspNetCore.Http;

namespace Datasette.Gen.Runtime.Endpoints.Write;

/// <summary>
/// The stored-query management API (write-api spec §15): store, analyse, update and delete the
/// user queries kept in the internal database's queries table. Refusals are Datasette's JSON
/// errors; a form post that succeeds gets its flash message and redirect.
/// </summary>
internal static class StoredQueryEndpoints
{
    /// <summary>
    /// <c>POST /{db}/-/queries/store</c>: 201 with the saved query; a form post that is refused
    /// gets the form again with the reason flashed. GET shows the form.
    /// </summary>
    public static Task StoreAsync(DatasetteRequest request, Datasette datasette) =>
        IsRead(request) ? StoredQueryPages.StoreFormAsync(request, datasette) : WriteResponses.RunAsync(request, async () =>
        {
            var database = ResolveDatabase(request, datasette);
            EnsureStoreAllowed(request, database);
            var (data, isJson) = await ReadPayloadAsync(request).ConfigureAwait(false);
            if (data is not JsonMap body)
            {
                throw WriteApiException.BadRequest("JSON must be a dictionary");
            }
            if ((isJson ? body.GetValueOrDefault("query") : body) is not JsonMap fields)
            {
                throw WriteApiException.BadRequest("JSON must contain a query dictionary");
            }
            var queries = datasette.Internal.Queries;
            StoredQuery query;
            try
            {
                query = StoredQueryInput.ForCreate(request, database, fields, name => queries.Get(database.Name, name) is not null);
                // Checked again by the insert itself: two requests storing one name cannot both succeed.
                if (!await queries.AddAsync(query).ConfigureAwait(false))
                {
                    throw WriteApiException.BadRequest(StoredQueryInput.NameTaken);
                }
            }
            catch (WriteApiException refused) when (!isJson)
            {
                await StoredQueryPages.StoreRefusedAsync(request, datasette, database, fields, refused).ConfigureAwait(false);
                return;
            }
            if (!isJson)
            {
                datasette.AddMessage(request, "Query saved", MessageType.Info);
                await Responses.RedirectAsync(request.Context, Urls.Query(datasette, database, query.Name)).ConfigureAwait(false);
                return;
            }
            var saved = queries.Get(database.Name, query.Name) ?? query;
            await WriteResponses.OkAsync(request, 201, writer =>
            {
                writer.WriteString("unstable", Urls.UnstableNote);
                writer.WritePropertyName("query");
                saved.WriteJson(writer, isPrivateForActor: null);
            }).ConfigureAwait(false);
        });

    /// <summary>
    /// <c>GET /{db}/-/queries/analyze?sql=</c> (unstable): what storing the SQL would need, for
    /// the save form; errors of the SQL are reported in the body, not as a status.
    /// </summary>
    public static async Task AnalyzeAsync(DatasetteRequest request, Datasette datasette)
    {
        try
        {
            var database = ResolveDatabase(request, datasette);
            BlockFraming(request);
            EnsureStoreAllowed(request, database);
            var invalid = request.Args.Pairs.Select(p => p.Key).Where(k => k != "sql").Distinct().Order(StringComparer.Ordinal).ToList();
            if (invalid.Count > 0)
            {
                throw WriteApiException.BadRequest("Invalid keys: " + string.Join(", ", invalid));
            }
            await SendAnalysisAsync(request, database, request.Args.Get("sql") ?? "").ConfigureAwait(false);
        }
        catch (WriteApiException refused) when (!request.Context.Response.HasStarted)
        {
            await WriteResponses.ErrorAsync(request, refused.Status, refused.Errors).ConfigureAwait(false);
        }
    }

    /// <summary><c>POST /{db}/{query}/-/update</c>: changes the fields the body names; with <c>"return"</c> the query comes back.</summary>
    public static Task UpdateAsync(DatasetteRequest request, Datasette datasette) =>
        WriteResponses.RunAsync(request, async () =>
        {
            var (database, existing) = ResolveQuery(request, datasette);
            if (!request.Allowed("update-query", database.Name, existing.Name))
            {
                throw WriteApiException.Forbidden("Permission denied: need update-query");
            }
            if (existing.IsTrusted)
            {
                throw WriteApiException.Forbidden("Trusted queries cannot be updated using the API");
            }
            var (data, _) = await ReadPayloadAsync(request).ConfigureAwait(false);
            if (data is not JsonMap body)
            {
                throw WriteApiException.BadRequest("JSON must be a dictionary");
            }
            var invalid = body.Keys.Where(k => k is not "update" and not "return").Order(StringComparer.Ordinal).ToList();
            if (invalid.Count > 0)
            {
                throw WriteApiException.BadRequest("Invalid keys: " + string.Join(", ", invalid));
            }
            if (body.GetValueOrDefault("update") is not JsonMap update)
            {
                throw WriteApiException.BadRequest("JSON must contain an update dictionary");
            }
            if (update.ContainsKey("sql") && !request.Allowed("execute-sql", database.Name))
            {
                throw WriteApiException.Forbidden("Permission denied: need execute-sql");
            }
            var change = StoredQueryInput.ForUpdate(request, database, existing, update);
            var queries = datasette.Internal.Queries;
            if (!await queries.UpdateAsync(database.Name, existing.Name, change).ConfigureAwait(false))
            {
                throw WriteApiException.NotFound($"Query not found: {existing.Name}");
            }
            var updated = body.Truthy("return") ? queries.Get(database.Name, existing.Name) : null;
            await WriteResponses.OkAsync(request, 200, updated is null ? null : writer =>
            {
                writer.WritePropertyName("query");
                updated.WriteJson(writer, isPrivateForActor: null);
            }).ConfigureAwait(false);
        });

    /// <summary>
    /// <c>POST /{db}/{query}/-/delete</c>: JSON <c>{"ok": true}</c>, or a flash message and a
    /// redirect to the database for a form. GET asks for confirmation.
    /// </summary>
    public static Task DeleteAsync(DatasetteRequest request, Datasette datasette) =>
        IsRead(request) ? StoredQueryPages.DeleteConfirmAsync(request, datasette) : WriteResponses.RunAsync(request, async () =>
        {
            var (database, existing) = ResolveQuery(request, datasette);
            if (!request.Allowed("delete-query", database.Name, existing.Name))
            {
                throw WriteApiException.Forbidden("Permission denied: need delete-query");
            }
            if (existing.IsTrusted)
            {
                throw WriteApiException.Forbidden("Trusted queries cannot be deleted using the API");
            }
            var (_, isJson) = await ReadPayloadAsync(request).ConfigureAwait(false);
            await datasette.Internal.Queries.RemoveAsync(database.Name, existing.Name).ConfigureAwait(false);
            if (isJson)
            {
                await WriteResponses.OkAsync(request, 200).ConfigureAwait(false);
                return;
            }
            var title = string.IsNullOrEmpty(existing.Title) ? existing.Name : existing.Title;
            datasette.AddMessage(request, $"Query “{title}” deleted", MessageType.Info);
            await Responses.RedirectAsync(request.Context, Urls.Database(datasette, database)).ConfigureAwait(false);
        });

    private static bool IsRead(DatasetteRequest request) => HttpMethods.IsGet(request.Method) || HttpMethods.IsHead(request.Method);

    internal static Database ResolveDatabase(DatasetteRequest request, Datasette datasette)
    {
        var route = request.Route("database") ?? "";
        return datasette.DatabaseByRoute(route) ?? throw new DatabaseNotFoundException(route);
    }

    internal static (Database Database, StoredQuery Query) ResolveQuery(DatasetteRequest request, Datasette datasette)
    {
        var database = ResolveDatabase(request, datasette);
        var name = request.Route("query") ?? "";
        var query = datasette.Internal.Queries.Get(database.Name, name) ?? throw WriteApiException.NotFound($"Query not found: {name}");
        return (database, query);
    }

    private static void EnsureStoreAllowed(DatasetteRequest request, Database database)
    {
        if (!request.Allowed("execute-sql", database.Name))
        {
            throw WriteApiException.Forbidden("Permission denied: need execute-sql");
        }
        if (!request.Allowed("store-query", database.Name))
        {
            throw WriteApiException.Forbidden("Permission denied: need store-query");
        }
    }

    /// <summary>
    /// The body: JSON when the Content-Type says so (an empty body is <c>{}</c>), otherwise form
    /// fields, the last of a repeated field winning, as Python's dict of them keeps it.
    /// </summary>
    internal static async Task<(object? Data, bool IsJson)> ReadPayloadAsync(DatasetteRequest request)
    {
        var text = await WriteRequestBody.ReadTextAsync(request).ConfigureAwait(false);
        if ((request.Header("Content-Type") ?? "").StartsWith("application/json", StringComparison.Ordinal))
        {
            try
            {
                return (PythonJsonReader.Parse(text.Length == 0 ? "{}" : text), true);
            }
            catch (PythonJsonException ex)
            {
                throw WriteApiException.BadRequest("Invalid JSON: " + ex.Message);
            }
        }
        var form = new JsonMap();
        foreach (var (key, value) in QueryArgs.Parse(text).Pairs)
        {
            form[key] = value;
        }
        return (form, false);
    }

    private static Task SendAnalysisAsync(DatasetteRequest request, Database database, string sql)
    {
        var analysis = StoredQueryAnalysis.For(request, database, sql);
        using var body = new JsonBody();
        var writer = body.Writer;
        writer.WriteStartObject();
        writer.WriteBoolean("ok", analysis.Error is null);
        writer.WriteStringArray("parameters", analysis.Parameters);
        writer.WriteString("analysis_error", analysis.Error);
        writer.WriteStartArray("analysis_rows");
        foreach (var (op, allowed) in analysis.Rows)
        {
            ExecuteWriteEndpoint.WriteAnalysisRow(writer, op, allowed, withAllowed: true);
        }
        writer.WriteEndArray();
        writer.WriteBoolean("has_sql", analysis.HasSql);
        writer.WriteBoolean("analysis_is_write", analysis.IsWrite);
        writer.WriteBoolean("save_disabled", analysis.SaveDisabled);
        writer.WriteString("unstable", Urls.UnstableNote);
        writer.WriteEndObject();
        return body.SendAsync(request.Context, 200);
    }

    // Datasette forbids framing the analysis the save form fetches.
    private static void BlockFraming(DatasetteRequest request)
    {
        var headers = request.Context.Response.Headers;
        headers["X-Frame-Options"] = "DENY";
        headers["Content-Security-Policy"] = "frame-ancestors 'none'";
    }
}
