using Datasette.Gen.Runtime.Events;
using Datasette.Gen.Runtime.Http;
using Datasette.Gen.Runtime.Plugins;
using Microsoft.AspNetCore.Http;

namespace Datasette.Gen.Runtime;

public sealed partial class Datasette
{
    private static readonly DatasetteEventType[] BuiltInEventTypes =
    [
        DatasetteEventType.Of<LoginEvent>(),
        DatasetteEventType.Of<LogoutEvent>(),
        DatasetteEventType.Of<CreateTableEvent>(),
        DatasetteEventType.Of<CreateTokenEvent>(),
        DatasetteEventType.Of<AlterTableEvent>(),
        DatasetteEventType.Of<RenameTableEvent>(),
        DatasetteEventType.Of<DropTableEvent>(),
        DatasetteEventType.Of<InsertRowsEvent>(),
        DatasetteEventType.Of<UpsertRowsEvent>(),
        DatasetteEventType.Of<UpdateRowEvent>(),
        DatasetteEventType.Of<DeleteRowEvent>(),
    ];

    private readonly List<DatasetteEventType> _eventTypes = new(BuiltInEventTypes);

    /// <summary>
    /// The event types <see cref="TrackEventAsync"/> accepts (Datasette's <c>datasette.event_classes</c>):
    /// the built-in ones, then those of every plugin's <c>register_events</c>.
    /// </summary>
    public IReadOnlyList<DatasetteEventType> EventTypes => _eventTypes;

    /// <summary>The Server group's hooks that act at start-up: event types, the write path.</summary>
    private void InstallServerHooks()
    {
        foreach (var hook in Plugins.RegisterEvents)
        {
            _eventTypes.AddRange(hook.Invoke(this) ?? Array.Empty<DatasetteEventType>());
        }
        Internal.Database.WriteInterception = WriteInterception;
    }

    /// <summary>What every database's writes go through: the write_wrapper hooks, or nothing.</summary>
    private Data.IWriteInterception? WriteInterception =>
        WriteWrappers.Count > 0 ? _writeWrappers ??= new PluginWriteWrappers(this, WriteWrappers) : null;

    private PluginWriteWrappers? _writeWrappers;

    /// <summary>
    /// The plugins' write_wrapper hooks, then Datasette's own that tracks table renames. That one is
    /// left out when no plugin's track_event would hear its event: it would only cost two reads a write.
    /// </summary>
    private IReadOnlyList<HookImplementation<WriteWrapperHook>> WriteWrappers =>
        _writeWrapperHooks ??= Plugins.TrackEvent.Count > 0 ? [.. Plugins.WriteWrapper, TableRenameEvents.Hook] : Plugins.WriteWrapper;

    private IReadOnlyList<HookImplementation<WriteWrapperHook>>? _writeWrapperHooks;

    private void CheckEventType(DatasetteEvent datasetteEvent)
    {
        foreach (var type in _eventTypes)
        {
            if (type.Matches(datasetteEvent))
            {
                return;
            }
        }
        throw new ArgumentException(
            $"Invalid event type: {datasetteEvent.GetType().Name} (register it with a plugin's register_events hook)", nameof(datasetteEvent));
    }

    /// <summary>The pipeline's plugin hooks: null when no plugin implements any, so requests take the plain path.</summary>
    private PipelineHooks? CreatePipelineHooks()
    {
        if (Plugins.Forbidden.Count == 0 && Plugins.HandleException.Count == 0 && Plugins.AsgiWrapper.Count == 0 && WriteWrappers.Count == 0)
        {
            return null;
        }
        var wrappers = new List<Func<RequestDelegate, RequestDelegate>>();
        foreach (var hook in Plugins.AsgiWrapper)
        {
            wrappers.AddRange(hook.Invoke(this) ?? Array.Empty<Func<RequestDelegate, RequestDelegate>>());
        }
        return new PipelineHooks(
            Plugins.Forbidden.Count > 0 ? ForbiddenResponseAsync : null,
            Plugins.HandleException.Count > 0 ? ExceptionResponseAsync : null,
            wrappers,
            TrackRequest: WriteWrappers.Count > 0);
    }

    private async ValueTask<DatasetteResponse?> ForbiddenResponseAsync(DatasetteRequest request, string message)
    {
        foreach (var hook in Plugins.Forbidden)
        {
            if (await hook.Invoke(this, request, message).ConfigureAwait(false) is { } response)
            {
                return response;
            }
        }
        return null;
    }

    private async ValueTask<DatasetteResponse?> ExceptionResponseAsync(DatasetteRequest request, Exception exception)
    {
        foreach (var hook in Plugins.HandleException)
        {
            if (await hook.Invoke(this, request, exception).ConfigureAwait(false) is { } response)
            {
                return response;
            }
        }
        return null;
    }
}
