using Datasette.Gen.Configuration.UrlEncoding;
using Datasette.Gen.Runtime.Data;
using Datasette.Gen.Runtime.Errors;
using Datasette.Gen.Runtime.Http;
using Datasette.Gen.Runtime.Sql;

namespace Datasette.Gen.Runtime.Endpoints.Write;

/// <summary>The table a table-level write names (<c>/{db}/{table}/-/…</c>).</summary>
internal sealed record WriteTable(Database Database, TableInfo Table)
{
    public string DatabaseName => Database.Name;

    public string Name => Table.Name;

    /// <summary>Datasette's pks for writes: the declared primary key, else <c>rowid</c>.</summary>
    public IReadOnlyList<string> Keys => Table.KeyColumns;

    /// <summary>
    /// Resolves as Datasette's resolve_table: 404 <c>Database not found</c>, 404 <c>Table not found</c>
    /// (nothing of that name, percent-encoded names included: only tilde-encoding decodes), then 404
    /// <c>Table not found: name</c> for a view, which no table write accepts.
    /// </summary>
    public static WriteTable Resolve(DatasetteRequest request, Datasette datasette)
    {
        var database = datasette.DatabaseByRoute(request.Route("database") ?? "") ?? throw WriteApiException.NotFound("Database not found");
        var name = request.Route("table") ?? "";
        var table = database.Schema.Find(name) ?? throw WriteApiException.NotFound("Table not found");
        if (table.IsView)
        {
            throw WriteApiException.NotFound($"Table not found: {name}");
        }
        return new WriteTable(database, table);
    }

    /// <summary>403 <c>Database is immutable</c> unless the database can be written.</summary>
    public void EnsureMutable() => EnsureMutable(Database);

    public static void EnsureMutable(Database database)
    {
        if (!database.IsMutable)
        {
            throw WriteApiException.Forbidden("Database is immutable");
        }
    }
}

/// <summary>The row a row-level write names (<c>/{db}/{table}/{pks}/-/…</c>), found by its primary key values.</summary>
internal sealed record WriteRow(WriteTable Target, IReadOnlyList<string> PkValues)
{
    /// <summary>
    /// Resolves as Datasette's resolve_row: 404 <c>Database not found: name</c>, <c>Table not found: name</c>,
    /// a pk count that does not fit the table is Datasette's HTML 400, and 404 <c>Record not found: ['1']</c>.
    /// </summary>
    public static WriteRow Resolve(DatasetteRequest request, Datasette datasette)
    {
        var route = request.Route("database") ?? "";
        var database = datasette.DatabaseByRoute(route) ?? throw WriteApiException.NotFound($"Database not found: {route}");
        var name = request.Route("table") ?? "";
        var table = database.Schema.Find(name) ?? throw WriteApiException.NotFound($"Table not found: {name}");
        if (table.IsView)
        {
            throw WriteApiException.NotFound($"Table not found: {name}");
        }
        var values = request.RouteMatch.Groups["pks"].Value.Split(',').Select(TildeEncoding.Decode).ToArray();
        var target = new WriteTable(database, table);
        if (values.Length != target.Keys.Count)
        {
            throw DatasetteHttpException.BadRequest("URL row identifier does not match the primary key for this table");
        }
        var row = new WriteRow(target, values);
        var exists = QueryRunner.Run(database, $"select 1 from {SqlIdentifier.Escape(table.Name)} where {row.Where}", row.Parameters(), null, reader => reader.Read());
        if (!exists)
        {
            throw WriteApiException.NotFound($"Record not found: {PythonRepr.StringList(values)}");
        }
        return row;
    }

    /// <summary><c>"pk1" = :pk0 AND …</c> over the URL's values.</summary>
    public string Where => string.Join(" AND ", Target.Keys.Select((key, i) => $"{SqlIdentifier.Quote(key)} = :pk{i}"));

    public Dictionary<string, object?> Parameters()
    {
        var parameters = new Dictionary<string, object?>();
        for (var i = 0; i < PkValues.Count; i++)
        {
            parameters["pk" + i] = PkValues[i];
        }
        return parameters;
    }
}
