using Datasette.Gen.Runtime.Data;
using Datasette.Gen.Runtime.Endpoints.Pages;
using Datasette.Gen.Runtime.Errors;
using Datasette.Gen.Runtime.Html;
using Datasette.Gen.Runtime.Html.Pages;
using Datasette.Gen.Runtime.Http;
using Datasette.Gen.Runtime.Internal;
using Datasette.Gen.Runtime.Json;
using Microsoft.AspNetCore.Http;

namespace Datasette.Gen.Runtime.Endpoints.Write;

/// <summary>
/// The stored-query forms (html-ui.md §7): save, edit and delete. They post to the management
/// API's own routes and go through its checks (<see cref="StoredQueryInput"/>); a refusal shows
/// the form again with the reason flashed, success redirects with a flash. No script needed.
/// </summary>
internal static class StoredQueryPages
{
    /// <summary>The fields a form shows: what was sent back, or the stored query's.</summary>
    private sealed record FormFields(string Name, string Title, string Description, string Sql, bool IsPrivate);

    /// <summary><c>GET /{db}/-/queries/store?sql=</c>.</summary>
    public static Task StoreFormAsync(DatasetteRequest request, Datasette datasette)
    {
        var database = StoredQueryEndpoints.ResolveDatabase(request, datasette);
        request.EnsureAllowed("execute-sql", database.Name);
        request.EnsureAllowed("store-query", database.Name);
        return SendStoreFormAsync(request, datasette, database, new FormFields("", "", "", request.Args.Get("sql") ?? "", true), 200);
    }

    /// <summary>A refused form post: the form again, as it was filled in, with the reason.</summary>
    public static Task StoreRefusedAsync(DatasetteRequest request, Datasette datasette, Database database, JsonMap fields, WriteApiException refused)
    {
        datasette.AddMessage(request, StoredQueryInput.FormMessage(string.Join("; ", refused.Errors)), MessageType.Error);
        string Field(string key) => fields.GetValueOrDefault(key) as string ?? "";
        var isPrivate = !fields.TryGetValue("is_private", out var given) || StoredQueryInput.AsBool(given);
        return SendStoreFormAsync(request, datasette, database, new FormFields(Field("name"), Field("title"), Field("description"), Field("sql"), isPrivate), refused.Status);
    }

    /// <summary>
    /// <c>/{db}/{query}/-/edit</c>: GET shows the form; POST changes the title, description and
    /// privacy, and the SQL when it differs (which needs execute-sql), through the API's update.
    /// </summary>
    public static async Task EditAsync(DatasetteRequest request, Datasette datasette)
    {
        if (HttpMethods.IsGet(request.Method) || HttpMethods.IsHead(request.Method))
        {
            var (database, existing) = ResolveForPage(request, datasette, "update-query", "Trusted queries cannot be edited");
            await SendEditFormAsync(request, datasette, database, existing, Fields(existing), 200).ConfigureAwait(false);
            return;
        }
        await WriteResponses.RunAsync(request, () => SaveEditAsync(request, datasette)).ConfigureAwait(false);
    }

    /// <summary><c>GET /{db}/{query}/-/delete</c>: what would be deleted, and the button that does it.</summary>
    public static Task DeleteConfirmAsync(DatasetteRequest request, Datasette datasette)
    {
        var (database, existing) = ResolveForPage(request, datasette, "delete-query", "Trusted queries cannot be deleted using the API");
        var queryUrl = datasette.Urls.Query(database, existing.Name).Value;
        var model = new QueryDeletePageModel
        {
            Chrome = Chrome(request, datasette, database, $"Delete query: {existing.Name}", "query-delete", "query_delete.html"),
            Heading = "Delete query: " + Label(existing),
            QueryUrl = queryUrl,
            Description = existing.Description,
            Sql = existing.Sql,
        };
        return HtmlResponse.SendAsync(request.Context, StoredQuerySlices.Delete(model));
    }

    private static async Task SaveEditAsync(DatasetteRequest request, Datasette datasette)
    {
        var (database, existing) = StoredQueryEndpoints.ResolveQuery(request, datasette);
        if (!request.Allowed("update-query", database.Name, existing.Name))
        {
            throw WriteApiException.Forbidden("Permission denied: need update-query");
        }
        if (existing.IsTrusted)
        {
            throw WriteApiException.Forbidden("Trusted queries cannot be edited");
        }
        var (data, _) = await StoredQueryEndpoints.ReadPayloadAsync(request).ConfigureAwait(false);
        if (data is not JsonMap form)
        {
            throw WriteApiException.BadRequest("Invalid form submission");
        }
        var sql = form.GetValueOrDefault("sql") is string newSql ? newSql.Trim() : existing.Sql;
        var sent = new FormFields(existing.Name, form.GetValueOrDefault("title") as string ?? "", form.GetValueOrDefault("description") as string ?? "", sql,
            StoredQueryInput.AsBool(form.GetValueOrDefault("is_private")));
        var update = new JsonMap
        {
            ["title"] = sent.Title,
            ["description"] = sent.Description,
            ["is_private"] = sent.IsPrivate,
        };
        if (sql != existing.Sql)
        {
            if (!request.Allowed("execute-sql", database.Name))
            {
                await RefuseEditAsync(request, datasette, database, existing, sent, "Permission denied: need execute-sql to change the SQL", 403).ConfigureAwait(false);
                return;
            }
            update["sql"] = sql;
        }
        Func<StoredQuery, StoredQuery> change;
        try
        {
            change = StoredQueryInput.ForUpdate(request, database, existing, update);
        }
        catch (WriteApiException refused)
        {
            await RefuseEditAsync(request, datasette, database, existing, sent, string.Join("; ", refused.Errors), refused.Status).ConfigureAwait(false);
            return;
        }
        if (!await datasette.Internal.Queries.UpdateAsync(database.Name, existing.Name, change).ConfigureAwait(false))
        {
            throw WriteApiException.NotFound($"Query not found: {existing.Name}");
        }
        datasette.AddMessage(request, "Query updated", MessageType.Info);
        await Responses.RedirectAsync(request.Context, datasette.Urls.Query(database, existing.Name)).ConfigureAwait(false);
    }

    private static Task RefuseEditAsync(DatasetteRequest request, Datasette datasette, Database database, StoredQuery existing, FormFields sent, string message, int status)
    {
        datasette.AddMessage(request, message, MessageType.Error);
        return SendEditFormAsync(request, datasette, database, existing, sent, status);
    }

    /// <summary>The database and query of an HTML page: 404 and 403 as error pages, not the API's JSON.</summary>
    private static (Database Database, StoredQuery Query) ResolveForPage(DatasetteRequest request, Datasette datasette, string action, string trustedRefusal)
    {
        var database = StoredQueryEndpoints.ResolveDatabase(request, datasette);
        var name = request.Route("query") ?? "";
        var existing = datasette.Internal.Queries.Get(database.Name, name) ?? throw DatasetteHttpException.NotFound($"Query not found: {name}");
        request.EnsureAllowed(action, database.Name, existing.Name);
        if (existing.IsTrusted)
        {
            throw DatasetteHttpException.Forbidden(trustedRefusal);
        }
        return (database, existing);
    }

    private static Task SendStoreFormAsync(DatasetteRequest request, Datasette datasette, Database database, FormFields fields, int status)
    {
        var chrome = Chrome(request, datasette, database, "Create query", "query-create", "query_create.html");
        var action = datasette.Urls.Database(database).Value + "/-/queries/store";
        var model = FormModel(request, datasette, database, fields, chrome, "Create query", action, "Save query", queryUrl: null);
        return HtmlResponse.SendAsync(request.Context, StoredQuerySlices.Form(model), status);
    }

    private static Task SendEditFormAsync(DatasetteRequest request, Datasette datasette, Database database, StoredQuery existing, FormFields fields, int status)
    {
        var chrome = Chrome(request, datasette, database, $"Edit query: {existing.Name}", "query-edit", "query_edit.html");
        var queryUrl = datasette.Urls.Query(database, existing.Name).Value;
        var model = FormModel(request, datasette, database, fields, chrome, "Edit query: " + Label(existing), queryUrl + "/-/edit", "Save changes", queryUrl);
        return HtmlResponse.SendAsync(request.Context, StoredQuerySlices.Form(model), status);
    }

    private static QueryFormPageModel FormModel(DatasetteRequest request, Datasette datasette, Database database, FormFields fields,
        PageChrome chrome, string heading, string action, string saveLabel, string? queryUrl)
    {
        var analysis = StoredQueryAnalysis.For(request, database, fields.Sql);
        return new QueryFormPageModel
        {
            Chrome = chrome,
            Heading = heading,
            FormAction = action,
            SaveLabel = saveLabel,
            QueryUrl = queryUrl,
            Database = database.Name,
            DatabaseUrl = datasette.Urls.Database(database).Value,
            Name = fields.Name,
            Title = fields.Title,
            Description = fields.Description,
            Sql = fields.Sql,
            IsPrivate = fields.IsPrivate,
            HasSql = analysis.HasSql,
            IsWrite = analysis.IsWrite,
            AnalysisError = analysis.Error,
            Analysis = analysis.Rows.Select(r => AnalysisRows.For(r.Op, r.Allowed)).ToList(),
            Parameters = analysis.Parameters,
            SaveDisabled = analysis.SaveDisabled,
        };
    }

    private static PageChrome Chrome(DatasetteRequest request, Datasette datasette, Database database, string title, string kind, string template) =>
        PageChromes.Build(request, datasette, title, PageChromes.BodyClass(kind, database.Name), ["*" + template], database.Name, alternateJson: false);

    private static FormFields Fields(StoredQuery query) =>
        new(query.Name, query.Title ?? "", query.Description ?? "", query.Sql, query.IsPrivate);

    private static string Label(StoredQuery query) => string.IsNullOrEmpty(query.Title) ? query.Name : query.Title;
}
