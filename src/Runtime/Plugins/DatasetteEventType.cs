using Datasette.Gen.Runtime.Events;

namespace Datasette.Gen.Runtime.Plugins;

/// <summary>
/// An event type a plugin registers with <c>register_events</c> (Datasette's Event subclass):
/// <see cref="Of{TEvent}"/> names the record type; events of it and of types derived from it may
/// then be tracked.
/// </summary>
public sealed class DatasetteEventType
{
    private DatasetteEventType(Type type) => Type = type;

    /// <summary>The event record type.</summary>
    public Type Type { get; }

    public static DatasetteEventType Of<TEvent>()
        where TEvent : DatasetteEvent => new(typeof(TEvent));

    /// <summary>Whether <paramref name="datasetteEvent"/> is of this type (or one derived from it).</summary>
    public bool Matches(DatasetteEvent datasetteEvent) => Type.IsInstanceOfType(datasetteEvent);

    public override string ToString() => Type.Name;
}
