using Datasette.Gen.Runtime.Events;

namespace Datasette.Gen.Runtime.Plugins.Hooks;

/// <summary>Datasette's <c>track_event(datasette, event)</c>: every tracked event, in plugin order.</summary>
public interface ITrackEvent
{
    ValueTask TrackEventAsync(Datasette datasette, DatasetteEvent datasetteEvent);
}
