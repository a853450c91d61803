using Datasette.Gen.Runtime.Data;

namespace Datasette.Gen.Runtime;

/// <summary>Shorthands the views use; they go through <see cref="Datasette.Urls"/> so base_url is applied in one place.</summary>
public static class Urls
{
    public const string UnstableNote = "This API is not part of Datasette's stable interface and may change at any time";

    public static string Instance(Datasette datasette) => datasette.Urls.Instance();

    public static string Database(Datasette datasette, Database database) => datasette.Urls.Database(database);

    public static string Table(Datasette datasette, Database database, string table) => datasette.Urls.Table(database, table);

    public static string Query(Datasette datasette, Database database, string query) => datasette.Urls.Query(database, query);
}
