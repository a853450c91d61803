using Datasette.Gen.Runtime.Events;
using Datasette.Gen.Runtime.Http;
using Microsoft.Data.Sqlite;

namespace Datasette.Gen.Runtime.Plugins;

/// <summary>
/// Datasette's own write_wrapper: whatever statement renamed a table (the alter-table API's
/// rename, a write query, <c>ExecuteWrite*</c>), the table keeps its root page under its new
/// name, so comparing root pages before and after each write finds the rename, and a
/// <see cref="RenameTableEvent"/> follows the commit.
/// </summary>
internal static class TableRenameEvents
{
    /// <summary>As a default plugin, called after the deployment's plugins: its wrapper is innermost.</summary>
    public static readonly HookImplementation<WriteWrapperHook> Hook = new("datasette.events", Wrappers);

    private static IEnumerable<WriteWrapper> Wrappers(Datasette datasette, string database, DatasetteRequest? request, bool transaction) =>
        [write => Watch(write, request)];

    private static void Watch(WriteCall write, DatasetteRequest? request)
    {
        var before = TableRootPages(write.Connection);
        write.Proceed();
        var after = TableRootPages(write.Connection);
        foreach (var (rootPage, oldName) in before)
        {
            if (after.TryGetValue(rootPage, out var newName) && newName != oldName)
            {
                write.TrackEvent(new RenameTableEvent(request?.Actor, write.Database, oldName, newName));
            }
        }
    }

    /// <summary>Root page to table name, in sqlite_master's order (the order events are tracked in).</summary>
    private static Dictionary<long, string> TableRootPages(SqliteConnection connection)
    {
        using var command = connection.CreateCommand();
        command.CommandText = "select name, rootpage from sqlite_master where type = 'table' and rootpage != 0";
        using var reader = command.ExecuteReader();
        var pages = new Dictionary<long, string>();
        while (reader.Read())
        {
            pages[reader.GetInt64(1)] = reader.GetString(0);
        }
        return pages;
    }
}
