using Datasette.Gen.Runtime.Data;
using Datasette.Gen.Runtime.Http;

namespace Datasette.Gen.Runtime.Views;

/// <summary>Turns route variables into databases and tables, or Datasette's 404s.</summary>
public static class Resolve
{
    public static Database Database(DatasetteRequest request, Datasette datasette) =>
        datasette.DatabaseByRoute(request.Route("database") ?? "") ?? throw DatasetteHttpException.NotFound("Database not found");

    public static TableInfo? Table(Database database, string name) => database.Schema.Find(name);
}
