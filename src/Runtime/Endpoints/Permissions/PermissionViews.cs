using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Datasette.Gen.Configuration.Arguments;
using Datasette.Gen.Configuration.Permissions;
using Datasette.Gen.Configuration.Tree;
using Datasette.Gen.Runtime.Http;
using Datasette.Gen.Runtime.Json;
using Datasette.Gen.Runtime.Permissions;

namespace Datasette.Gen.Runtime.Endpoints.Permissions;

/// <summary>
/// Datasette's permission debugging endpoints (permissions spec §11): /-/actions, /-/allowed,
/// /-/rules, /-/check, /-/permissions and /-/allow-debug. Unstable JSON shapes, as in 1.0a37.
/// </summary>
internal static class PermissionViews
{
    private const int DefaultPageSize = 50;
    private const int MaxPageSize = 200;

    /// <summary><c>/-/actions(.json)</c> (permissions-debug): every registered action, by name.</summary>
    public static Task ActionsAsync(DatasetteRequest request, Datasette datasette)
    {
        request.EnsureAllowed("permissions-debug");
        return DataViews.SendAsync(request, "actions", writer =>
        {
            writer.WriteStartArray("actions");
            foreach (var action in datasette.SortedActions())
            {
                writer.WriteStartObject();
                writer.WriteString("name", action.Name);
                writer.WriteString("abbr", action.Abbr);
                writer.WriteString("description", action.Description);
                writer.WriteBoolean("takes_parent", action.TakesParent);
                writer.WriteBoolean("takes_child", action.TakesChild);
                writer.WriteString("resource_class", Resource.ClassName(action.Resource));
                writer.WriteString("also_requires", action.AlsoRequires);
                writer.WriteEndObject();
            }
            writer.WriteEndArray();
        });
    }

    /// <summary><c>/-/allowed(.json)</c> (public): resources the actor may access for an action, offset-paginated.</summary>
    public static async Task AllowedAsync(DatasetteRequest request, Datasette datasette)
    {
        await datasette.RefreshCatalogAsync().ConfigureAwait(false);
        var debug = request.Allowed("permissions-debug");
        if (request.Format is null)
        {
            await Responses.HtmlPageAsync(request, "Allowed resources", ActionForm(datasette, "/-/allowed.json", "parent", "child")).ConfigureAwait(false);
            return;
        }
        var args = request.Args;
        var action = args.Get("action");
        if (string.IsNullOrEmpty(action))
        {
            await Error(request, "action parameter is required", 400).ConfigureAwait(false);
            return;
        }
        if (!datasette.Actions.ContainsKey(action))
        {
            await Error(request, "Unknown action: " + action, 404).ConfigureAwait(false);
            return;
        }
        var parent = args.Get("parent");
        var child = args.Get("child");
        if (!string.IsNullOrEmpty(child) && string.IsNullOrEmpty(parent))
        {
            await Error(request, "parent must be provided when child is specified", 400).ConfigureAwait(false);
            return;
        }
        if (Paging(request, out var page, out var size, out var offset) is { } pagingError)
        {
            await Error(request, pagingError, 400).ConfigureAwait(false);
            return;
        }
        var actorId = ActorId(request.Actor);
        var items = new List<(string? Parent, string? Child, IReadOnlyList<string>? Reasons)>();
        try
        {
            var listing = await datasette.AllowedResourcesAsync(action, request.Actor, parent: string.IsNullOrEmpty(parent) ? null : parent, includeReasons: debug).ConfigureAwait(false);
            await foreach (var resource in listing.AllAsync().ConfigureAwait(false))
            {
                if (child is null || resource.Child == child)
                {
                    items.Add((resource.Parent, resource.Child, resource.Reasons));
                }
            }
        }
        catch (Exception ex) when (ex is ArgumentException or InvalidOperationException or Microsoft.Data.Sqlite.SqliteException)
        {
            // Datasette answers an empty listing when it cannot list (e.g. a global action).
            items.Clear();
        }
        await SendPageAsync(request, action, actorId, page, size, offset, items.Count, writer =>
        {
            for (var i = offset; i < items.Count && i < offset + size; i++)
            {
                var (itemParent, itemChild, reasons) = items[(int)i];
                writer.WriteStartObject();
                writer.WriteString("parent", itemParent);
                writer.WriteString("child", itemChild);
                writer.WriteString("resource", ResourcePath(itemParent, itemChild));
                if (debug && reasons is not null)
                {
                    writer.WriteStringArray("reason", reasons);
                }
                writer.WriteEndObject();
            }
        }).ConfigureAwait(false);
    }

    /// <summary><c>/-/rules(.json)</c> (view-instance + permissions-debug): the raw rules for the signed-in actor.</summary>
    public static async Task RulesAsync(DatasetteRequest request, Datasette datasette)
    {
        request.EnsureAllowed("view-instance");
        request.EnsureAllowed("permissions-debug");
        if (request.Format is null)
        {
            await Responses.HtmlPageAsync(request, "Permission rules", ActionForm(datasette, "/-/rules.json")).ConfigureAwait(false);
            return;
        }
        var action = request.Args.Get("action");
        if (string.IsNullOrEmpty(action))
        {
            await Error(request, "action parameter is required", 400).ConfigureAwait(false);
            return;
        }
        if (!datasette.Actions.ContainsKey(action))
        {
            await Error(request, "Unknown action: " + action, 404).ConfigureAwait(false);
            return;
        }
        if (Paging(request, out var page, out var size, out var offset) is { } pagingError)
        {
            await Error(request, pagingError, 400).ConfigureAwait(false);
            return;
        }
        var (union, parameters) = datasette.Permissions.RulesSql(request.Actor, action);
        await datasette.RefreshCatalogAsync().ConfigureAwait(false);
        var total = datasette.Permissions.Query($"WITH rules AS (\n{union}\n)\nSELECT COUNT(*) FROM rules", parameters, reader => reader.Read() ? reader.GetInt64(0) : 0);
        var bound = new Dictionary<string, object?>(parameters) { ["limit"] = size, ["offset"] = offset };
        var rows = datasette.Permissions.Query($"""
            WITH rules AS (
            {union}
            )
            SELECT parent, child, allow, reason, source_plugin
            FROM rules
            ORDER BY allow DESC, (parent IS NOT NULL), parent, child
            LIMIT :limit OFFSET :offset
            """, bound, reader =>
        {
            var list = new List<(string?, string?, long?, string?, string?)>();
            while (reader.Read())
            {
                list.Add((Text(reader, 0), Text(reader, 1), reader.IsDBNull(2) ? null : reader.GetInt64(2), Text(reader, 3), Text(reader, 4)));
            }
            return list;
        });
        await SendPageAsync(request, action, ActorId(request.Actor), page, size, offset, total, writer =>
        {
            foreach (var (parent, child, allow, reason, source) in rows)
            {
                writer.WriteStartObject();
                writer.WriteString("parent", parent);
                writer.WriteString("child", child);
                writer.WriteString("resource", ResourcePath(parent, child));
                if (allow is { } value)
                {
                    writer.WriteNumber("allow", value);
                }
                else
                {
                    writer.WriteNull("allow");
                }
                writer.WriteString("reason", reason);
                writer.WriteString("source_plugin", source);
                writer.WriteEndObject();
            }
        }).ConfigureAwait(false);
    }

    /// <summary><c>/-/check(.json)</c> (permissions-debug): explain one decision, for the signed-in actor or <c>?actor=</c>.</summary>
    public static async Task CheckAsync(DatasetteRequest request, Datasette datasette)
    {
        request.EnsureAllowed("permissions-debug");
        if (request.Format is null)
        {
            await Responses.HtmlPageAsync(request, "Permission check", ActionForm(datasette, "/-/check.json", "parent", "child", "actor")).ConfigureAwait(false);
            return;
        }
        var args = request.Args;
        var action = args.Get("action");
        if (string.IsNullOrEmpty(action))
        {
            await Error(request, "action parameter is required", 400).ConfigureAwait(false);
            return;
        }
        var actor = request.Actor;
        if (args.Get("actor") is { } actorJson)
        {
            switch (ParseActor(actorJson, out var parsed))
            {
                case { } problem:
                    await Error(request, problem, 400).ConfigureAwait(false);
                    return;
                default:
                    actor = parsed;
                    break;
            }
        }
        await ExplainAsync(request, datasette, action, NullIfEmpty(args.Get("parent")), NullIfEmpty(args.Get("child")), actor, args.Get("parent"), args.Get("child")).ConfigureAwait(false);
    }

    /// <summary>
    /// <c>/-/permissions</c> (view-instance + permissions-debug): GET the recent checks, POST a
    /// check of <c>actor</c>, <c>permission</c>, <c>resource_1</c>, <c>resource_2</c> as /-/check.json answers it.
    /// </summary>
    public static async Task PermissionsAsync(DatasetteRequest request, Datasette datasette)
    {
        request.EnsureAllowed("view-instance");
        request.EnsureAllowed("permissions-debug");
        if (Microsoft.AspNetCore.Http.HttpMethods.IsPost(request.Method))
        {
            var form = await RequestBody.ReadFormAsync(request).ConfigureAwait(false);
            if (ParseActor(form.Get("actor") ?? "", out var actor) is { } problem)
            {
                await Error(request, problem, 400).ConfigureAwait(false);
                return;
            }
            var permission = form.Get("permission");
            if (string.IsNullOrEmpty(permission))
            {
                await Error(request, "permission is required", 400).ConfigureAwait(false);
                return;
            }
            var parent = NullIfEmpty(form.Get("resource_1"));
            var child = NullIfEmpty(form.Get("resource_2"));
            await ExplainAsync(request, datasette, permission, parent, child, actor, parent, child).ConfigureAwait(false);
            return;
        }
        var filter = request.Args.Get("filter") is { Length: > 0 } given ? given : "all";
        var yours = ActorId(request.Actor);
        var html = new StringBuilder();
        html.Append("<p>Filter: <a href=\"?filter=all\">all</a> · <a href=\"?filter=exclude-yours\">exclude yours</a> · <a href=\"?filter=only-yours\">only yours</a></p>\n");
        html.Append("<form action=\"\" method=\"post\">\n<p><label>Actor <textarea name=\"actor\">").Append(WebUtility.HtmlEncode(request.Actor?.ToJsonString() ?? "null"))
            .Append("</textarea></label></p>\n<p><label>Action <select name=\"permission\">");
        foreach (var action in datasette.SortedActions())
        {
            html.Append("<option>").Append(WebUtility.HtmlEncode(action.Name)).Append("</option>");
        }
        html.Append("</select></label> <input type=\"text\" name=\"resource_1\" placeholder=\"Parent\"> <input type=\"text\" name=\"resource_2\" placeholder=\"Child\"> <input type=\"submit\" value=\"Check\"></p>\n</form>\n");
        html.Append("<h2>Recent permission checks</h2>\n<table>\n<tr><th>When</th><th>Actor</th><th>Action</th><th>Resource</th><th>Result</th></tr>\n");
        var checks = datasette.Permissions.RecentChecks;
        for (var i = checks.Count - 1; i >= 0; i--)
        {
            var check = checks[i];
            var theirs = ActorId(check.Actor);
            if ((filter == "only-yours" && theirs != yours) || (filter == "exclude-yours" && theirs == yours))
            {
                continue;
            }
            html.Append("<tr><td>").Append(WebUtility.HtmlEncode(check.When)).Append("</td><td>").Append(WebUtility.HtmlEncode(check.Actor?.ToJsonString() ?? "null"))
                .Append("</td><td>").Append(WebUtility.HtmlEncode(check.Action)).Append("</td><td>").Append(WebUtility.HtmlEncode(ResourcePath(check.Parent, check.Child)))
                .Append("</td><td>").Append(check.Result ? "allowed" : "denied").Append("</td></tr>\n");
        }
        html.Append("</table>\n");
        await Responses.HtmlPageAsync(request, "Debug permissions", html.ToString()).ConfigureAwait(false);
    }

    /// <summary><c>/-/allow-debug?actor=…&amp;allow=…</c>: does this allow block match this actor?</summary>
    public static Task AllowDebugAsync(DatasetteRequest request, Datasette datasette)
    {
        var errors = new List<string>();
        var actorInput = request.Args.Get("actor") is { Length: > 0 } a ? a : "{\"id\": \"root\"}";
        var allowInput = request.Args.Get("allow") is { Length: > 0 } b ? b : "{\"id\": \"*\"}";
        JsonObject? actor = null;
        if (ParseActor(actorInput, out var parsedActor) is { } actorProblem)
        {
            errors.Add("Actor JSON error: " + actorProblem);
        }
        else
        {
            actor = parsedActor;
        }
        AllowBlock? block = null;
        // JSON first, with a depth limit, before the configuration reader builds its tree.
        var allowDocument = ValidJson(allowInput, out var allowProblem) ? ConfigReader.Read("allow", allowInput) : null;
        if (allowDocument is null || allowDocument.Diagnostics.Count > 0 || allowDocument.Root is null)
        {
            errors.Add("Allow JSON error: " + (allowProblem ?? (allowDocument?.Diagnostics.Count > 0 ? allowDocument.Diagnostics[0].Message : "empty")));
        }
        else if (allowDocument.Root is ConfigMapping or ConfigScalar { Kind: ScalarKind.Boolean } or ConfigScalar { Kind: ScalarKind.Integer, Text: "0" or "1" })
        {
            block = PermissionCompiler.Block(allowDocument.Root);
        }
        else
        {
            errors.Add("Allow JSON error: allow must be a JSON object, true or false");
        }
        var html = new StringBuilder();
        html.Append("<form action=\"\" method=\"get\">\n<p><label>Allow block<br><textarea name=\"allow\">").Append(WebUtility.HtmlEncode(allowInput))
            .Append("</textarea></label></p>\n<p><label>Actor<br><textarea name=\"actor\">").Append(WebUtility.HtmlEncode(actorInput))
            .Append("</textarea></label></p>\n<p><input type=\"submit\" value=\"Apply allow block to actor\"></p>\n</form>\n");
        if (errors.Count > 0)
        {
            html.Append("<p class=\"message-error\">").Append(WebUtility.HtmlEncode(string.Join("\n\n", errors))).Append("</p>\n");
        }
        else
        {
            var result = AllowMatcher.Matches(block!, JsonActor.From(actor));
            html.Append("<p>Result: <strong>").Append(result ? "True" : "False").Append("</strong></p>\n");
        }
        return Responses.HtmlPageAsync(request, "Debug allow rules", html.ToString());
    }

    private static async Task ExplainAsync(DatasetteRequest request, Datasette datasette, string action, string? parent, string? child, JsonObject? actor, string? rawParent, string? rawChild)
    {
        if (!datasette.Actions.TryGetValue(action, out var definition))
        {
            await Error(request, "Unknown action: " + action, 404).ConfigureAwait(false);
            return;
        }
        if (!string.IsNullOrEmpty(rawChild) && string.IsNullOrEmpty(rawParent))
        {
            await Error(request, "parent is required when child is provided", 400).ConfigureAwait(false);
            return;
        }
        // The check uses the resource the action targets: none for global actions.
        var resource = definition.TakesChild ? Resource.For(definition.Resource, parent, child)
            : definition.TakesParent ? Resource.For(definition.Resource, parent, null)
            : null;
        var allowed = datasette.Permissions.Allowed(actor, action, resource?.Parent, resource?.Child);
        var explanation = datasette.Permissions.Explain(actor, action, parent, child);
        using var body = new JsonBody();
        var writer = body.Writer;
        writer.WriteStartObject();
        writer.WriteBoolean("ok", true);
        writer.WriteString("unstable", Urls.UnstableNote);
        writer.WriteString("action", action);
        writer.WriteBoolean("allowed", allowed);
        writer.WriteNode("actor", actor);
        writer.WriteStartObject("resource");
        writer.WriteString("parent", parent);
        writer.WriteString("child", child);
        writer.WriteString("path", ResourcePath(parent, child));
        writer.WriteEndObject();
        writer.WritePropertyName("explanation");
        explanation.WriteJson(writer);
        if (actor is not null && actor.TryGetPropertyValue("id", out var id))
        {
            writer.WriteNode("actor_id", id);
        }
        writer.WriteEndObject();
        await body.SendAsync(request.Context).ConfigureAwait(false);
    }

    private static bool ValidJson(string text, out string? problem)
    {
        try
        {
            using var _ = JsonDocument.Parse(text, new JsonDocumentOptions { MaxDepth = 64 });
            problem = null;
            return true;
        }
        catch (JsonException ex)
        {
            problem = ex.Message;
            return false;
        }
    }

    /// <summary>JSON for an actor: an object, or null for anonymous; anything else is a problem to report.</summary>
    private static string? ParseActor(string json, out JsonObject? actor)
    {
        actor = null;
        JsonNode? node;
        try
        {
            node = JsonNode.Parse(json, documentOptions: new JsonDocumentOptions { MaxDepth = 64 });
        }
        catch (Exception ex) when (ex is JsonException or ArgumentException or InvalidOperationException)
        {
            return "Invalid actor JSON: " + ex.Message;
        }
        if (node is null)
        {
            return null;
        }
        if (node is not JsonObject found)
        {
            return "actor must be a JSON object or null";
        }
        actor = found;
        return null;
    }

    /// <summary><c>_page</c> and <c>_size</c> as Datasette reads them; the 400 message when one is invalid.</summary>
    private static string? Paging(DatasetteRequest request, out long page, out long size, out long offset)
    {
        page = size = offset = 0;
        if (!PythonInt.TryParse(request.Args.Get("_page") ?? "1", int.MaxValue, out var pageNumber) || pageNumber < 1)
        {
            return "_page must be a positive integer";
        }
        var sizeText = request.Args.Get("_size");
        string? error = null;
        size = string.IsNullOrEmpty(sizeText) ? DefaultPageSize : SizeArgument.Parse(sizeText, MaxPageSize, minimum: 0, out error);
        if (error is not null)
        {
            return error;
        }
        // Absurd page numbers simply land past the end.
        page = Math.Min(pageNumber, int.MaxValue);
        offset = (page - 1) * size;
        return null;
    }

    private static Task SendPageAsync(DatasetteRequest request, string action, JsonNode? actorId, long page, long size, long offset, long total, Action<Utf8JsonWriter> writeItems)
    {
        using var body = new JsonBody();
        var writer = body.Writer;
        writer.WriteStartObject();
        writer.WriteBoolean("ok", true);
        writer.WriteString("action", action);
        writer.WriteNode("actor_id", actorId);
        writer.WriteNumber("page", page);
        writer.WriteNumber("page_size", size);
        writer.WriteNumber("total", total);
        writer.WriteStartArray("items");
        writeItems(writer);
        writer.WriteEndArray();
        if (total > offset + size)
        {
            writer.WriteString("next_url", PageUrl(request, page + 1, size));
        }
        if (page > 1)
        {
            writer.WriteString("previous_url", PageUrl(request, page - 1, size));
        }
        writer.WriteEndObject();
        return body.SendAsync(request.Context);
    }

    private static string PageUrl(DatasetteRequest request, long page, long size) =>
        request.Path + request.Args.ToQueryString(new[] { "_page", "_size" }, new KeyValuePair<string, string>[]
        {
            new("_page", page.ToString(CultureInfo.InvariantCulture)),
            new("_size", size.ToString(CultureInfo.InvariantCulture)),
        });

    private static Task Error(DatasetteRequest request, string message, int status) => Responses.JsonErrorAsync(request.Context, status, message);

    private static JsonNode? ActorId(JsonObject? actor) => actor is not null && actor.TryGetPropertyValue("id", out var id) ? id : null;

    private static string? NullIfEmpty(string? value) => string.IsNullOrEmpty(value) ? null : value;

    private static string? Text(Microsoft.Data.Sqlite.SqliteDataReader reader, int ordinal) => reader.IsDBNull(ordinal) ? null : reader.GetValue(ordinal).ToString();

    /// <summary><c>/</c>, <c>/parent</c> or <c>/parent/child</c>, not encoded.</summary>
    private static string ResourcePath(string? parent, string? child) =>
        parent is null ? "/" : child is null ? "/" + parent : "/" + parent + "/" + child;

    private static string ActionForm(Datasette datasette, string target, params string[] fields)
    {
        var html = new StringBuilder("<form action=\"").Append(WebUtility.HtmlEncode(datasette.Urls.Path(target.TrimStart('/')).Value)).Append("\" method=\"get\">\n<p><label>Action <select name=\"action\">");
        foreach (var action in datasette.SortedActions())
        {
            html.Append("<option>").Append(WebUtility.HtmlEncode(action.Name)).Append("</option>");
        }
        html.Append("</select></label>");
        foreach (var field in fields)
        {
            html.Append(" <input type=\"text\" name=\"").Append(field).Append("\" placeholder=\"").Append(field).Append("\">");
        }
        return html.Append(" <input type=\"submit\" value=\"Go\"></p>\n</form>\n").ToString();
    }
}
