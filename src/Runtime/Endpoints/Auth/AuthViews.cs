using System.Text;
using System.Text.Json.Nodes;
using Datasette.Gen.Configuration.UrlEncoding;
using Datasette.Gen.Runtime.Endpoints.Pages;
using Datasette.Gen.Runtime.Errors;
using Datasette.Gen.Runtime.Events;
using Datasette.Gen.Runtime.Html;
using Datasette.Gen.Runtime.Html.Pages;
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
        var model = new LogoutPageModel
        {
            Chrome = DebugPages.Chrome(request, datasette, "Log out", "logout.html"),
            ActorName = DisplayActor(request.Actor),
            LogoutUrl = datasette.Urls.Logout().Value,
        };
        return HtmlResponse.SendAsync(request.Context, DebugSlices.Logout(model));
    }

    /// <summary><c>/-/messages</c> (view-instance): GET a test form, POST adds a message and redirects home.</summary>
    public static async Task MessagesAsync(DatasetteRequest request, Datasette datasette)
    {
        request.EnsureAllowed("view-instance");
        if (!Microsoft.AspNetCore.Http.HttpMethods.IsPost(request.Method))
        {
            var model = new MessagesPageModel
            {
                Chrome = DebugPages.Chrome(request, datasette, "Debug messages", "messages_debug.html"),
                FormUrl = datasette.Urls.Path("-/messages").Value,
            };
            await HtmlResponse.SendAsync(request.Context, DebugSlices.Messages(model)).ConfigureAwait(false);
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
            await RenderCreateTokenAsync(request, datasette, actor, null, null, Array.Empty<string>(), null).ConfigureAwait(false);
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
        await RenderCreateTokenAsync(request, datasette, actor, token, tokenBits, errors, form).ConfigureAwait(false);
    }

    /// <summary>Tracks the event (login, logout) before answering with the redirect.</summary>
    private static async Task TrackedRedirectAsync(DatasetteRequest request, Datasette datasette, DatasetteEvent tracked, string location)
    {
        await datasette.TrackEventAsync(tracked).ConfigureAwait(false);
        await Responses.RedirectAsync(request.Context, location).ConfigureAwait(false);
    }

    /// <summary>Datasette's display label for an actor: display, name, username, login or id, else the JSON.</summary>
    public static string DisplayActor(JsonObject actor) => ActorDisplay.Name(actor);

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

    private static async Task RenderCreateTokenAsync(DatasetteRequest request, Datasette datasette, JsonObject actor, string? token, JsonNode? tokenBits, IReadOnlyList<string> errors, QueryArgs? posted)
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
        // After an error the form keeps what was asked for; after a token is made it starts afresh.
        var kept = token is null ? posted : null;
        bool Checked(string name) => kept?.Get(name) is not null;
        var actions = datasette.SortedActions();
        var groups = new List<TokenRestrictionGroup>();
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
            var encoded = TildeEncoding.Encode(database.Parent);
            var boxes = new List<TokenRestrictionBox>();
            foreach (var action in actions.Where(a => a.TakesParent))
            {
                var name = $"database:{encoded}:{action.Name}";
                boxes.Add(new TokenRestrictionBox(name, action.Name, Checked(name)));
            }
            foreach (var table in tables.Where(t => t.Parent == database.Parent && t.Child is not null))
            {
                foreach (var action in actions.Where(a => a.TakesChild))
                {
                    var name = $"resource:{encoded}:{TildeEncoding.Encode(table.Child!)}:{action.Name}";
                    boxes.Add(new TokenRestrictionBox(name, table.Child + ": " + action.Name, Checked(name)));
                }
            }
            groups.Add(new TokenRestrictionGroup(database.Parent, boxes));
        }
        var model = new CreateTokenPageModel
        {
            Chrome = DebugPages.Chrome(request, datasette, "Create an API token", "create_token.html"),
            FormUrl = datasette.Urls.Path("-/create-token").Value,
            ActorName = DisplayActor(actor),
            Errors = errors,
            Token = token,
            TokenDetails = tokenBits is null ? null : Indented(tokenBits),
            ExpireType = kept?.Get("expire_type") ?? "",
            ExpireDuration = kept?.Get("expire_duration") ?? "",
            AllActions = actions.Select(a => new TokenRestrictionBox("all:" + a.Name, a.Name, Checked("all:" + a.Name))).ToList(),
            Databases = groups,
        };
        await HtmlResponse.SendAsync(request.Context, DebugSlices.CreateToken(model), errors.Count == 0 ? 200 : 400).ConfigureAwait(false);
    }

    private static string Indented(JsonNode node)
    {
        var buffer = new System.Buffers.ArrayBufferWriter<byte>();
        using (var writer = new System.Text.Json.Utf8JsonWriter(buffer, new System.Text.Json.JsonWriterOptions { Indented = true, Encoder = JsonBody.WriterOptions.Encoder }))
        {
            node.WriteTo(writer);
        }
        return Encoding.UTF8.GetString(buffer.WrittenSpan);
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
