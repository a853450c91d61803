namespace Datasette.Gen.Runtime.Plugins.Hooks;

/// <summary>
/// Datasette's <c>register_events(datasette)</c>: the plugin's own event types (subclasses of
/// <see cref="Events.DatasetteEvent"/>), which <see cref="Datasette.TrackEventAsync"/> then accepts and
/// passes to every <c>track_event</c> hook. An event of a type nobody registered is refused.
/// </summary>
public interface IRegisterEvents
{
    IEnumerable<DatasetteEventType>? RegisterEvents(Datasette datasette);
}
