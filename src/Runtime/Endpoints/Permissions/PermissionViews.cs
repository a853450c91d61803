using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Datasette.Gen.Configuration.Arguments;
using Datasette.Gen.Configuration.Permissions;
using Datasette.Gen.Configuration.Tree;
using Datasette.Gen.Runtime.Endpoints.Pages;
using Datasette.Gen.Runtime.Html;
using Datasette.Gen.Runtime.Html.Pages;
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
        if (!DebugPages.WantsJson(request))
        {
            var page = new ActionsPageModel
            {
                Chrome = DebugPages.Chrome(request, datasette, "Registered actions", "debug_actions.html", alternateJson: true),
                Tabs = DebugPages.Tabs(request, datasette, "Actions"),
                JsonUrl = datasette.Urls.Path("-/actions.json").Value,
                Actions = datasette.SortedActions().Select(a => new ActionRow(a.Name, a.Abbr, a.Description, a.TakesParent, a.TakesChild, Resource.ClassName(a.Resource), a.AlsoRequires)).ToList(),
            };
            return HtmlResponse.SendAsync(request.Context, DebugSlices.Actions(page));
        }
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
            await ToolPageAsync(request, datasette, "Allowed", "Allowed resources", "debug_allowed.html", "-/allowed.json",
                "Which resources may the current actor access for an action? Leave parent empty to list them all.",
                new ToolField("parent", "Parent (database)", "optional"), new ToolField("child", "Child (table or query)", "needs a parent")).ConfigureAwait(false);
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
            await ToolPageAsync(request, datasette, "Rules", "Permission rules", "debug_rules.html", "-/rules.json",
                "The permission rules that apply to the current actor for an action, from every source.").ConfigureAwait(false);
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
            await ToolPageAsync(request, datasette, "Check", "Permission check", "debug_check.html", "-/check.json",
                "Explain one permission decision for the current actor, or for the actor given as JSON.",
                new ToolField("parent", "Parent (database)", "optional"), new ToolField("child", "Child (table or query)", "needs a parent"),
                new ToolField("actor", "Actor JSON", "optional, e.g. {\"id\": \"alice\"}")).ConfigureAwait(false);
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
        var yours = ActorId(request.Actor)?.ToJsonString();
        var checks = new List<CheckRow>();
        var recent = datasette.Permissions.RecentChecks;
        for (var i = recent.Count - 1; i >= 0; i--)
        {
            var check = recent[i];
            var theirs = ActorId(check.Actor)?.ToJsonString();
            if ((filter == "only-yours" && theirs != yours) || (filter == "exclude-yours" && theirs == yours))
            {
                continue;
            }
            checks.Add(new CheckRow(check.When, check.Actor?.ToJsonString() ?? "null", check.Action, ResourcePath(check.Parent, check.Child), check.Result));
        }
        var here = datasette.Urls.Path("-/permissions").Value;
        var model = new PermissionsPageModel
        {
            Chrome = DebugPages.Chrome(request, datasette, "Permission playground", "debug_permissions_playground.html"),
            Tabs = DebugPages.Tabs(request, datasette, "Playground"),
            FormUrl = here,
            ActorJson = request.Actor?.ToJsonString() ?? "null",
            ActionNames = datasette.SortedActions().Select(a => a.Name).ToList(),
            Filter = filter,
            FilterLinks = [new LinkItem("all", here + "?filter=all"), new LinkItem("exclude-yours", here + "?filter=exclude-yours"), new LinkItem("only-yours", here + "?filter=only-yours")],
            Checks = checks,
        };
        await HtmlResponse.SendAsync(request.Context, DebugSlices.Permissions(model)).ConfigureAwait(false);
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
        var model = new AllowDebugPageModel
        {
            Chrome = DebugPages.Chrome(request, datasette, "Debug allow rules", "allow_debug.html"),
            Tabs = DebugPages.Tabs(request, datasette, "Allow debug"),
            Actor = actorInput,
            Allow = allowInput,
            Errors = errors,
            Result = errors.Count == 0 && AllowMatcher.Matches(block!, JsonActor.From(actor)),
        };
        return HtmlResponse.SendAsync(request.Context, DebugSlices.AllowDebug(model));
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

    private static Task ToolPageAsync(DatasetteRequest request, Datasette datasette, string tab, string heading, string template, string jsonPath, string intro, params ToolField[] fields)
    {
        var model = new PermissionToolPageModel
        {
            Chrome = DebugPages.Chrome(request, datasette, heading, template),
            Tabs = DebugPages.Tabs(request, datasette, tab),
            Heading = heading,
            Intro = intro,
            JsonUrl = datasette.Urls.Path(jsonPath).Value,
            ActionNames = datasette.SortedActions().Select(a => a.Name).ToList(),
            Fields = fields,
        };
        return HtmlResponse.SendAsync(request.Context, DebugSlices.PermissionTool(model));
    }
}
