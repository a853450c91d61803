using System.Text;
using Datasette.Gen.Configuration.UrlEncoding;
using Datasette.Gen.Runtime.Data;
using Datasette.Gen.Runtime.Errors;
using Datasette.Gen.Runtime.Http;
using Datasette.Gen.Runtime.Sql;

namespace Datasette.Gen.Runtime;

/// <summary>A resolved <c>{database}/{table}</c> route: the database, the table or view name, and which it is.</summary>
public sealed record ResolvedTable(Database Db, string Table, bool IsView);

/// <summary>
/// A resolved <c>{database}/{table}/{pks}</c> route: the database and table, the full SELECT that
/// fetched the row with its parameters (<c>p0</c>, <c>p1</c>… as strings), the primary-key columns
/// (<c>rowid</c> for rowid tables), the decoded values from the URL, and the row itself.
/// </summary>
public sealed record ResolvedRow(
    Database Db,
    string Table,
    string Sql,
    IReadOnlyDictionary<string, object?> Params,
    IReadOnlyList<string> Pks,
    IReadOnlyList<string> PkValues,
    Row Row);

// Turning route variables into databases, tables and rows, for custom views (internal-database spec §8).
public sealed partial class Datasette
{
    /// <summary>The database whose route is the request's tilde-decoded <c>database</c> variable; <see cref="DatabaseNotFoundException"/> (404) otherwise.</summary>
    public Database ResolveDatabase(DatasetteRequest request)
    {
        var route = request.Route("database") ?? "";
        return DatabaseByRoute(route) ?? throw new DatabaseNotFoundException(route);
    }

    /// <summary>The request's <c>table</c> variable in its database: a table of that name, else a view; <see cref="TableNotFoundException"/> (404) otherwise.</summary>
    public ResolvedTable ResolveTable(DatasetteRequest request)
    {
        var database = ResolveDatabase(request);
        var name = request.Route("table") ?? "";
        var table = database.Schema.Find(name) ?? throw new TableNotFoundException(database.Name, name);
        return new ResolvedTable(database, table.Name, table.IsView);
    }

    /// <summary>
    /// The row the request's <c>pks</c> variable names (comma-separated, each tilde-decoded): 400 when
    /// the number of values does not match the primary key, <see cref="RowNotFoundException"/> (404)
    /// when no row matches.
    /// </summary>
    public ResolvedRow ResolveRow(DatasetteRequest request)
    {
        var (database, tableName, _) = ResolveTable(request);
        var table = database.Schema.Find(tableName)!;
        var raw = request.RouteMatch.Groups["pks"];
        var pkValues = new List<string>();
        foreach (var part in (raw.Success ? raw.Value : "").Split(','))
        {
            pkValues.Add(TildeEncoding.Decode(part));
        }
        var pks = table.IsRowidTable ? new List<string> { "rowid" } : new List<string>(table.PrimaryKeys);
        if (pks.Count != pkValues.Count)
        {
            throw DatasetteHttpException.BadRequest("URL row identifier does not match the primary key for this table");
        }
        var where = new StringBuilder();
        var parameters = new Dictionary<string, object?>(StringComparer.Ordinal);
        for (var i = 0; i < pks.Count; i++)
        {
            if (i > 0)
            {
                where.Append(" AND ");
            }
            // Datasette quotes these names without escaping embedded quotes; so do we.
            where.Append('"').Append(pks[i]).Append("\"=:p").Append(i);
            parameters["p" + i] = pkValues[i];
        }
        var sql = $"select {(table.IsRowidTable ? "rowid, " : "")}* from {SqlIdentifier.Escape(tableName)} where {where}";
        var row = QueryRunner.Run(database, sql, parameters, Settings.SqlTimeLimitMs, reader => reader.Read() ? Row.From(reader) : null)
            ?? throw new RowNotFoundException(database.Name, tableName, pkValues);
        return new ResolvedRow(database, tableName, sql, parameters, pks, pkValues, row);
    }
}
