using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using Datasette.Gen.Configuration.UrlEncoding;
using Datasette.Gen.Runtime.Errors;
using Datasette.Gen.Runtime.Events;
using Datasette.Gen.Runtime.Http;
using Datasette.Gen.Runtime.Json;
using Datasette.Gen.Runtime.Permissions;
using Datasette.Gen.Runtime.Signing;
using Datasette.Gen.Runtime.Tokens;

namespace Datasette.Gen.Runtime.Endpoints.Auth;

/// <summary>Signing in and out, API tokens and flash messages: /-/auth-token, /-/logout, /-/create-token, /-/messages.</summary>
internal static class AuthViews
{
    /// <summary><c>/-/auth-token?token=…</c>: the one-time root login link printed by --root.</summary>
    public static Task AuthTokenAsync(DatasetteRequest request, Datasette datasette)
    {
        var home = Urls.Instance(datasette);
        if (IsRoot(request.Actor))
        {
            return Responses.RedirectAsync(request.Context, home);
        }
        switch (datasette.UseRootToken(request.Args.Get("token") ?? ""))
        {
            case RootLogin.AlreadyUsed:
                throw new ForbiddenException("Root token has already been used");
            case RootLogin.Invalid:
                throw new ForbiddenException("Invalid token");
        }
        datasette.SetActorCookie(request.Context.Response, new JsonObject { ["id"] = "root" });
        return TrackedRedirectAsync(request, datasette, new LoginEvent(new JsonObject { ["id"] = "root" }), home);
    }

    /// <summary><c>/-/logout</c>: GET shows a confirmation form, POST signs out.</summary>
    public static Task LogoutAsync(DatasetteRequest request, Datasette datasette)
    {
        var home = Urls.Instance(datasette);
        if (Microsoft.AspNetCore.Http.HttpMethods.IsPost(request.Method))
        {
            datasette.DeleteActorCookie(request.Context.Response);
            datasette.AddMessage(request, "You are now logged out", MessageType.Warning);
            return TrackedRedirectAsync(request, datasette, new LogoutEvent(request.Actor), home);
        }
        if (request.Actor is null)
        {
            return Responses.RedirectAsync(request.Context, home);
        }
        return Responses.HtmlPageAsync(request, "Log out", $"""
            <p>You are logged in as <strong>{WebUtility.HtmlEncode(DisplayActor(request.Actor))}</strong></p>
            <form action="{WebUtility.HtmlEncode(datasette.Urls.Logout().Value)}" method="post">
              <input type="submit" value="Log out">
            </form>
            """);
    }

    /// <summary><c>/-/messages</c> (view-instance): GET a test form, POST adds a message and redirects home.</summary>
    public static async Task MessagesAsync(DatasetteRequest request, Datasette datasette)
    {
        request.EnsureAllowed("view-instance");
        if (!Microsoft.AspNetCore.Http.HttpMethods.IsPost(request.Method))
        {
            await Responses.HtmlPageAsync(request, "Debug messages", """
                <form action="" method="post">
                  <p><input type="text" name="message" placeholder="Message"></p>
                  <p><select name="message_type">
                    <option>INFO</option><option>WARNING</option><option>ERROR</option><option>all</option>
                  </select></p>
                  <p><input type="submit" value="Add message"></p>
                </form>
                """).ConfigureAwait(false);
            return;
        }
        var form = await RequestBody.ReadFormAsync(request).ConfigureAwait(false);
        var message = form.Get("message") ?? "";
        var type = form.Get("message_type") is { Length: > 0 } given ? given : "INFO";
        switch (type)
        {
            case "INFO":
                datasette.AddMessage(request, message, MessageType.Info);
                break;
            case "WARNING":
                datasette.AddMessage(request, message, MessageType.Warning);
                break;
            case "ERROR":
                datasette.AddMessage(request, message, MessageType.Error);
                break;
            case "all":
                datasette.AddMessage(request, message, MessageType.Info);
                datasette.AddMessage(request, message, MessageType.Warning);
                datasette.AddMessage(request, message, MessageType.Error);
                break;
            default:
                throw DatasetteHttpException.BadRequest("message_type must be one of INFO, WARNING, ERROR or all");
        }
        await Responses.RedirectAsync(request.Context, Urls.Instance(datasette)).ConfigureAwait(false);
    }

    /// <summary>
    /// <c>/-/create-token</c>: GET the form, POST create a signed token for the signed-in actor,
    /// optionally expiring and restricted. JSON when the client asks for it.
    /// </summary>
    public static async Task CreateTokenAsync(DatasetteRequest request, Datasette datasette)
    {
        var actor = CheckCanCreateToken(request, datasette);
        if (!Microsoft.AspNetCore.Http.HttpMethods.IsPost(request.Method))
        {
            await RenderCreateTokenAsync(request, datasette, actor, null, null, Array.Empty<string>()).ConfigureAwait(false);
            return;
        }
        var form = await RequestBody.ReadFormAsync(request).ConfigureAwait(false);
        var errors = new List<string>();
        long? expiresAfter = null;
        if (form.Get("expire_type") is { Length: > 0 } unit)
        {
            var duration = form.Get("expire_duration");
            if (string.IsNullOrEmpty(duration) || !IsDigits(duration) || !long.TryParse(duration, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var amount) || amount <= 0)
            {
                errors.Add("Invalid expire duration");
            }
            else
            {
                long? multiplier = unit switch { "minutes" => 60, "hours" => 3600, "days" => 86400, _ => null };
                if (multiplier is null)
                {
                    errors.Add("Invalid expire duration unit");
                }
                else if (amount > long.MaxValue / multiplier.Value)
                {
                    errors.Add("Invalid expire duration");
                }
                else
                {
                    expiresAfter = amount * multiplier.Value;
                }
            }
        }
        var restrictions = new TokenRestrictions();
        foreach (var (key, _) in form.Pairs)
        {
            var bits = key.Split(':');
            if (key.StartsWith("all:", StringComparison.Ordinal) && bits.Length == 2)
            {
                restrictions.AllowAll(bits[1]);
            }
            else if (key.StartsWith("database:", StringComparison.Ordinal) && bits.Length == 3)
            {
                restrictions.AllowDatabase(TildeEncoding.Decode(bits[1]), bits[2]);
            }
            else if (key.StartsWith("resource:", StringComparison.Ordinal) && bits.Length == 4)
            {
                restrictions.AllowResource(TildeEncoding.Decode(bits[1]), TildeEncoding.Decode(bits[2]), bits[3]);
            }
        }
        string? token = null;
        JsonNode? tokenBits = null;
        // Unlike Datasette, a form with errors creates no token: the user asked for an expiry it would not have.
        if (errors.Count == 0)
        {
            token = await datasette.CreateTokenAsync(ActorId(actor), expiresAfter, restrictions, handler: "signed").ConfigureAwait(false);
            tokenBits = datasette.Unsign(token[SignedTokenHandler.Prefix.Length..], "token");
            await datasette.TrackEventAsync(CreateTokenEvent.From(actor, expiresAfter, restrictions)).ConfigureAwait(false);
        }
        await RenderCreateTokenAsync(request, datasette, actor, token, tokenBits, errors).ConfigureAwait(false);
    }

    /// <summary>Tracks the event (login, logout) before answering with the redirect.</summary>
    private static async Task TrackedRedirectAsync(DatasetteRequest request, Datasette datasette, DatasetteEvent tracked, string location)
    {
        await datasette.TrackEventAsync(tracked).ConfigureAwait(false);
        await Responses.RedirectAsync(request.Context, location).ConfigureAwait(false);
    }

    /// <summary>Datasette's display label for an actor: display, name, username, login or id, else the JSON.</summary>
    public static string DisplayActor(JsonObject actor)
    {
        foreach (var key in new[] { "display", "name", "username", "login", "id" })
        {
            if (actor[key] is JsonValue value && value.ToJsonString() is var text && text is not ("\"\"" or "null" or "false" or "0"))
            {
                return value.GetValueKind() == System.Text.Json.JsonValueKind.String ? value.GetValue<string>() : text;
            }
        }
        return actor.ToJsonString();
    }

    private static JsonObject CheckCanCreateToken(DatasetteRequest request, Datasette datasette)
    {
        if (!datasette.Settings.AllowSignedTokens)
        {
            throw new ForbiddenException("Signed tokens are not enabled for this Datasette instance");
        }
        var actor = request.Actor ?? throw new ForbiddenException("You must be logged in to create a token");
        if (!Truthy(actor["id"]))
        {
            throw new ForbiddenException("You must be logged in as an actor with an ID to create a token");
        }
        if (Truthy(actor["token"]))
        {
            throw new ForbiddenException("Token authentication cannot be used to create additional tokens");
        }
        return actor;
    }

    private static async Task RenderCreateTokenAsync(DatasetteRequest request, Datasette datasette, JsonObject actor, string? token, JsonNode? tokenBits, IReadOnlyList<string> errors)
    {
        if (WantsJson(request))
        {
            using var body = new JsonBody();
            var writer = body.Writer;
            writer.WriteStartObject();
            writer.WriteBoolean("ok", errors.Count == 0);
            writer.WriteString("token", token);
            writer.WriteNode("token_bits", tokenBits);
            writer.WriteStartArray("errors");
            foreach (var error in errors)
            {
                writer.WriteStringValue(error);
            }
            writer.WriteEndArray();
            writer.WriteEndObject();
            await body.SendAsync(request.Context, errors.Count == 0 ? 200 : 400).ConfigureAwait(false);
            return;
        }
        var html = new StringBuilder();
        foreach (var error in errors)
        {
            html.Append("<p class=\"message-error\">").Append(WebUtility.HtmlEncode(error)).Append("</p>\n");
        }
        if (token is not null)
        {
            html.Append("<p>Your API token:</p>\n<input type=\"text\" readonly style=\"width: 100%\" value=\"")
                .Append(WebUtility.HtmlEncode(token)).Append("\">\n<p>Token details:</p>\n<pre>")
                .Append(WebUtility.HtmlEncode(tokenBits?.ToJsonString() ?? "")).Append("</pre>\n");
        }
        html.Append("<p>This token will allow API access with the same abilities as your current user, <strong>")
            .Append(WebUtility.HtmlEncode(DisplayActor(actor))).Append("</strong></p>\n")
            .Append("<form action=\"\" method=\"post\">\n<p>Token expires: <select name=\"expire_type\">")
            .Append("<option value=\"\">Never</option><option value=\"minutes\">minutes</option><option value=\"hours\">hours</option><option value=\"days\">days</option>")
            .Append("</select> <input type=\"text\" name=\"expire_duration\"></p>\n");
        html.Append("<h2>Restrict actions that can be performed using this token</h2>\n<h3>All databases and tables</h3>\n<ul>\n");
        foreach (var action in datasette.SortedActions())
        {
            html.Append("<li><label><input type=\"checkbox\" name=\"all:").Append(WebUtility.HtmlEncode(action.Name)).Append("\"> ")
                .Append(WebUtility.HtmlEncode(action.Name)).Append("</label></li>\n");
        }
        html.Append("</ul>\n");
        var databases = await datasette.AllowedResourcesAsync("view-database", actor, limit: 1000).ConfigureAwait(false);
        var tables = new List<Resource>();
        await foreach (var table in (await datasette.AllowedResourcesAsync("view-table", actor, limit: 1000).ConfigureAwait(false)).AllAsync().ConfigureAwait(false))
        {
            tables.Add(table);
        }
        await foreach (var database in databases.AllAsync().ConfigureAwait(false))
        {
            if (database.Parent is null or "_memory")
            {
                continue;
            }
            var encoded = WebUtility.HtmlEncode(TildeEncoding.Encode(database.Parent));
            html.Append("<h3>").Append(WebUtility.HtmlEncode(database.Parent)).Append("</h3>\n<ul>\n");
            foreach (var action in datasette.SortedActions())
            {
                if (action.TakesParent)
                {
                    html.Append("<li><label><input type=\"checkbox\" name=\"database:").Append(encoded).Append(':').Append(WebUtility.HtmlEncode(action.Name))
                        .Append("\"> ").Append(WebUtility.HtmlEncode(action.Name)).Append("</label></li>\n");
                }
            }
            foreach (var table in tables)
            {
                if (table.Parent != database.Parent || table.Child is null)
                {
                    continue;
                }
                foreach (var action in datasette.SortedActions())
                {
                    if (action.TakesChild)
                    {
                        html.Append("<li><label><input type=\"checkbox\" name=\"resource:").Append(encoded).Append(':')
                            .Append(WebUtility.HtmlEncode(TildeEncoding.Encode(table.Child))).Append(':').Append(WebUtility.HtmlEncode(action.Name))
                            .Append("\"> ").Append(WebUtility.HtmlEncode(table.Child + ": " + action.Name)).Append("</label></li>\n");
                    }
                }
            }
            html.Append("</ul>\n");
        }
        html.Append("<p><input type=\"submit\" value=\"Create token\"></p>\n</form>\n");
        await Responses.HtmlPageAsync(request, "Create an API token", html.ToString(), errors.Count == 0 ? 200 : 400).ConfigureAwait(false);
    }

    private static bool WantsJson(DatasetteRequest request) =>
        (request.Header("Accept")?.Contains("application/json", StringComparison.Ordinal) ?? false)
        || (request.Header("Content-Type")?.StartsWith("application/json", StringComparison.OrdinalIgnoreCase) ?? false);

    private static string ActorId(JsonObject actor) =>
        actor["id"] is JsonValue value && value.GetValueKind() == System.Text.Json.JsonValueKind.String ? value.GetValue<string>() : actor["id"]!.ToJsonString();

    private static bool IsRoot(JsonObject? actor) =>
        actor?["id"] is JsonValue value && value.GetValueKind() == System.Text.Json.JsonValueKind.String && value.GetValue<string>() == "root";

    /// <summary>Python truthiness of a JSON value.</summary>
    internal static bool Truthy(JsonNode? node) => node switch
    {
        null => false,
        JsonObject o => o.Count > 0,
        JsonArray a => a.Count > 0,
        JsonValue v => v.GetValueKind() switch
        {
            System.Text.Json.JsonValueKind.String => v.GetValue<string>().Length > 0,
            System.Text.Json.JsonValueKind.False => false,
            System.Text.Json.JsonValueKind.Number => v.ToJsonString() is not ("0" or "0.0" or "-0" or "-0.0"),
            _ => true,
        },
        _ => true,
    };

    private static bool IsDigits(string text)
    {
        foreach (var c in text)
        {
            if (c is < '0' or > '9')
            {
                return false;
            }
        }
        return true;
    }
}
