using System.Text.Json;
using Datasette.Gen.Runtime.Data;
using Datasette.Gen.Runtime.Endpoints.Tables;
using Datasette.Gen.Runtime.Http;
using Datasette.Gen.Runtime.Json;

namespace Datasette.Gen.Runtime.Endpoints.Databases;

/// <summary>
/// The database page's <c>createTable</c> (html-ui.md §10, Datasette's <c>_datasetteDatabaseData</c>):
/// what the create-table dialog posts to, written only on a mutable database whose actor may create tables.
/// </summary>
internal static class CreateTableData
{
    public static bool Offered(DatasetteRequest request, Database database) =>
        database.IsMutable && request.Allowed("create-table", database.Name);

    public static void Write(Utf8JsonWriter w, DatasetteRequest request, Datasette datasette, Database database)
    {
        if (!Offered(request, database))
        {
            return;
        }
        var databaseUrl = (string)datasette.Urls.Database(database);
        w.WriteStartObject("createTable");
        w.WriteString("path", databaseUrl + "/-/create");
        w.WriteString("databaseName", database.Name);
        w.WriteStringArray("columnTypes", TableEditData.ColumnTypes);
        w.WriteBoolean("canInsertRows", request.Allowed("insert-row", database.Name));
        w.WriteEndObject();
    }
}
