using System.Text.Json.Nodes;

namespace Datasette.Gen.Runtime.Http;

/// <summary>How pages name an actor. Here, below the endpoints, so the layout and the auth pages both use it.</summary>
internal static class ActorDisplay
{
    /// <summary>Datasette's display label for an actor: display, name, username, login or id, else the JSON.</summary>
    public static string Name(JsonObject actor)
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
}
