using Datasette.Gen.Runtime.Data;
using Datasette.Gen.Runtime.Http;

namespace Datasette.Gen.Runtime;

/// <summary>Datasette's URL scheme: base_url prefix plus tilde-encoded names.</summary>
public static class Urls
{
    public const string UnstableNote = "This API is not part of Datasette's stable interface and may change at any time";

    public static string Instance(Datasette datasette) => datasette.Settings.BaseUrl;

    public static string Database(Datasette datasette, Database database) => datasette.Settings.BaseUrl + Tilde.Encode(database.Route);

    public static string Table(Datasette datasette, Database database, string table) => Database(datasette, database) + "/" + Tilde.Encode(table);

    public static string Query(Datasette datasette, Database database, string query) => Table(datasette, database, query);
}
