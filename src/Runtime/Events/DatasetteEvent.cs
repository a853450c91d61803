using System.Text.Json.Nodes;

namespace Datasette.Gen.Runtime.Events;

/// <summary>
/// Something that happened, for <see cref="Datasette.TrackEventAsync"/> and the <c>track_event</c>
/// hook (Datasette's <c>Event</c>): a <see cref="Name"/>, the actor who did it (or null), when
/// (UTC, set on construction) and the type's own <see cref="Properties"/>.
/// </summary>
public abstract record DatasetteEvent(JsonObject? Actor)
{
    /// <summary>The event type's name, e.g. <c>create-table</c>.</summary>
    public abstract string Name { get; }

    public DateTimeOffset Created { get; init; } = DateTimeOffset.UtcNow;

    /// <summary>Every field except actor and created (Datasette's <c>properties()</c>).</summary>
    public abstract JsonObject Properties();
}
