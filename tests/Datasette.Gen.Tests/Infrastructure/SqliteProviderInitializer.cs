using System.Runtime.CompilerServices;

namespace Datasette.Gen.Tests.Infrastructure;

/// <summary>
/// Sets the SQLite provider when the test assembly loads, so a test that opens a runtime
/// <c>Database</c> directly passes alone as well as after tests that start a server (a filtered
/// run of ContentVersionTests failed with "call SQLitePCL.raw.SetProvider()" before this).
/// </summary>
internal static class SqliteProviderInitializer
{
#pragma warning disable CA2255 // A test assembly is the application here: its process needs one provider before any test.
    [ModuleInitializer]
    internal static void SetProvider() => TestSqlite.EnsureProvider();
#pragma warning restore CA2255
}
