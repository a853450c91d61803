namespace Datasette.Gen.Runtime.Data;

/// <summary>
/// Code around every write of a database (the write_wrapper hooks): the facade installs one on each
/// database when a plugin implements the hook, so a database without one queues its writes as before.
/// </summary>
internal interface IWriteInterception
{
    /// <summary>Called on the caller's flow as a write is queued; null when nothing wraps this write.</summary>
    IWrappedWrite? Begin(Database database, bool transaction);
}

/// <summary>One write's wrappers: run on the writer's thread around it, then told it committed.</summary>
internal interface IWrappedWrite
{
    /// <summary>Runs <paramref name="write"/> inside the wrappers (again, should a group commit replay it).</summary>
    T Run<T>(SqliteConnector connector, Func<SqliteConnector, T> write);

    /// <summary>After the write committed: what the wrappers queued for then (tracked events).</summary>
    Task CommittedAsync();
}
