using Datasette.Gen.Runtime.Data;
using Microsoft.Data.Sqlite;

namespace Datasette.Gen.Runtime.Plugins.Hooks;

/// <summary>
/// Datasette's <c>prepare_connection(conn, database, datasette)</c>: called for every connection to
/// an attached database (never the internal one) before its first use, e.g. to add SQL functions.
/// </summary>
public interface IPrepareConnection
{
    void PrepareConnection(SqliteConnection connection, Database database, Datasette datasette);
}
