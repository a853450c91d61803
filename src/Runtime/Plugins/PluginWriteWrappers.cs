using Datasette.Gen.Runtime.Data;
using Datasette.Gen.Runtime.Events;
using Datasette.Gen.Runtime.Http;

namespace Datasette.Gen.Runtime.Plugins;

/// <summary>
/// The write_wrapper hooks on a database's write path: asked as each write is queued (on the
/// request's flow, so they see its request), their wrappers nested on the writer's thread (the first
/// plugin's outermost), and the events they queued tracked once the write committed.
/// </summary>
internal sealed class PluginWriteWrappers(Datasette datasette, IReadOnlyList<HookImplementation<WriteWrapperHook>> hooks) : IWriteInterception
{
    public IWrappedWrite? Begin(Database database, bool transaction)
    {
        var request = CurrentRequest.Value;
        List<WriteWrapper>? wrappers = null;
        foreach (var hook in hooks)
        {
            foreach (var wrapper in hook.Invoke(datasette, database.Name, request, transaction) ?? Array.Empty<WriteWrapper>())
            {
                (wrappers ??= new()).Add(wrapper);
            }
        }
        return wrappers is null ? null : new WrappedWrite(datasette, database.Name, wrappers);
    }

    private sealed class WrappedWrite(Datasette datasette, string database, List<WriteWrapper> wrappers) : IWrappedWrite
    {
        private readonly List<DatasetteEvent> _events = new();

        public T Run<T>(SqliteConnector connector, Func<SqliteConnector, T> write)
        {
            // A group commit that replays the write runs the wrappers again: only the last run's events count.
            _events.Clear();
            return (T)Invoke(0, connector, () => write(connector))!;
        }

        public async Task CommittedAsync()
        {
            foreach (var tracked in _events)
            {
                await datasette.TrackEventAsync(tracked).ConfigureAwait(false);
            }
        }

        private object? Invoke(int level, SqliteConnector connector, Func<object?> write)
        {
            if (level == wrappers.Count)
            {
                return write();
            }
            var call = new WriteCall(connector.Connection, database, () => Invoke(level + 1, connector, write), _events.Add);
            wrappers[level](call);
            return call.Finish();
        }
    }
}
