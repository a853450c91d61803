using Datasette.Gen.Runtime.Http;

namespace Datasette.Gen.Runtime.Plugins.Hooks;

/// <summary>
/// Datasette's <c>write_wrapper(datasette, database, request, transaction)</c>: called as each write
/// is queued (every write of the write API, stored write queries, <c>ExecuteWrite*</c>, the internal
/// database's) with the database's name, the request that caused it (null outside a request) and
/// whether it runs inside a transaction. Return a <see cref="WriteWrapper"/> to run around it on the
/// writer's thread, or null to leave this write alone. Several plugins' wrappers nest, the first
/// plugin's outermost.
/// </summary>
public interface IWriteWrapper
{
    WriteWrapper? WriteWrapper(Datasette datasette, string database, DatasetteRequest? request, bool transaction);
}
