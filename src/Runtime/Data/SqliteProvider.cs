namespace Datasette.Gen.Runtime.Data;

/// <summary>
/// SQLite is linked into the executable (or loaded as libsqlite3 when running under dotnet): the
/// provider every way of starting an instance sets once before opening a database.
/// </summary>
internal static class SqliteProvider
{
    private static readonly object Lock = new();
    private static bool _set;

    public static void Use()
    {
        lock (Lock)
        {
            if (!_set)
            {
                SQLitePCL.raw.SetProvider(new SQLitePCL.SQLite3Provider_sqlite3());
                _set = true;
            }
        }
    }
}
