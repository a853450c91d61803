using System.Text.Json;

namespace Datasette.Gen.Runtime.Internal;

/// <summary>A row of the internal <c>queries</c> table: a stored ("canned") query.</summary>
internal sealed record StoredQuery(string Database, string Name, string Sql)
{
    public string? Title { get; init; }
    public string? Description { get; init; }
    public string? DescriptionHtml { get; init; }
    public bool HideSql { get; init; }
    public string? Fragment { get; init; }
    /// <summary>Explicit parameter names; empty means "derived from the SQL".</summary>
    public IReadOnlyList<string> Parameters { get; init; } = System.Array.Empty<string>();
    public bool IsWrite { get; init; }
    public bool IsPrivate { get; init; }
    public bool IsTrusted { get; init; }
    public string Source { get; init; } = "user";
    public string? OwnerId { get; init; }
    public string? OnSuccessMessage { get; init; }
    public string? OnSuccessMessageSql { get; init; }
    public string? OnSuccessRedirect { get; init; }
    public string? OnErrorMessage { get; init; }
    public string? OnErrorRedirect { get; init; }
    /// <summary>Listed for an actor: visible to it but not to an anonymous one (null when not listed for an actor).</summary>
    public bool? ActorPrivate { get; init; }

    /// <summary>Writes Datasette's stored-query object; <paramref name="isPrivateForActor"/> adds "private".</summary>
    public void WriteJson(Utf8JsonWriter writer, bool? isPrivateForActor, bool includeSource = true)
    {
        writer.WriteStartObject();
        writer.WriteString("database", Database);
        writer.WriteString("name", Name);
        writer.WriteString("sql", Sql);
        writer.WriteString("title", Title);
        writer.WriteString("description", Description);
        writer.WriteString("description_html", DescriptionHtml);
        writer.WriteBoolean("hide_sql", HideSql);
        writer.WriteString("fragment", Fragment);
        writer.WriteStartArray("parameters");
        foreach (var parameter in Parameters)
        {
            writer.WriteStringValue(parameter);
        }
        writer.WriteEndArray();
        writer.WriteBoolean("is_write", IsWrite);
        writer.WriteBoolean("is_private", IsPrivate);
        writer.WriteBoolean("is_trusted", IsTrusted);
        if (includeSource)
        {
            writer.WriteString("source", Source);
        }
        writer.WriteString("owner_id", OwnerId);
        writer.WriteString("on_success_message", OnSuccessMessage);
        writer.WriteString("on_success_message_sql", OnSuccessMessageSql);
        writer.WriteString("on_success_redirect", OnSuccessRedirect);
        writer.WriteString("on_error_message", OnErrorMessage);
        writer.WriteString("on_error_redirect", OnErrorRedirect);
        if (isPrivateForActor is { } isPrivate)
        {
            writer.WriteBoolean("private", isPrivate);
        }
        writer.WriteEndObject();
    }
}
