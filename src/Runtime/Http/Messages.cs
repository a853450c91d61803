using System.Text.Json;
using System.Text.Json.Nodes;
using Datasette.Gen.Runtime.Signing;

namespace Datasette.Gen.Runtime.Http;

/// <summary>
/// Flash messages in the signed <c>ds_messages</c> cookie (tokens spec §5): a JSON list of
/// <c>[text, type]</c> pairs, loaded when a request arrives, shown once by the next HTML page.
/// </summary>
internal static class Messages
{
    public const string CookieName = "ds_messages";

    /// <summary>Reads the cookie into the request's pending messages; a bad cookie is ignored (and left as it is).</summary>
    public static void Load(Signer signer, DatasetteRequest request)
    {
        var cookie = request.Cookie(CookieName);
        if (string.IsNullOrEmpty(cookie))
        {
            return;
        }
        JsonNode? decoded;
        try
        {
            decoded = signer.Unsign(cookie, "messages");
        }
        catch (BadSignatureException)
        {
            return;
        }
        if (decoded is not JsonArray list)
        {
            return;
        }
        foreach (var item in list)
        {
            if (item is JsonArray { Count: 2 } pair && pair[0] is JsonValue text && text.GetValueKind() == JsonValueKind.String
                && pair[1] is JsonValue type && type.TryGetValue<int>(out var level))
            {
                request.Messages.Add((text.GetValue<string>(), (MessageType)level));
            }
        }
    }

    /// <summary>After the view: re-sets the cookie while messages are pending, deletes it once they were shown.</summary>
    public static void Write(Signer signer, DatasetteRequest request)
    {
        if (request.SuppressMessageCookie)
        {
            return;
        }
        var response = request.Context.Response;
        if (request.Messages.Count > 0)
        {
            Cookies.Set(response, CookieName, signer.Sign(ToJson(request), "messages"));
        }
        else if (request.MessagesShown)
        {
            Cookies.Delete(response, CookieName);
        }
    }

    private static JsonArray ToJson(DatasetteRequest request)
    {
        var list = new JsonArray();
        foreach (var (message, type) in request.Messages)
        {
            list.Add((JsonNode)new JsonArray(JsonValue.Create(message), JsonValue.Create((int)type)));
        }
        return list;
    }
}

/// <summary>Flash message levels (Datasette's INFO, WARNING, ERROR constants).</summary>
public enum MessageType
{
    Info = 1,
    Warning = 2,
    Error = 3,
}
