using Datasette.Gen.Runtime.Errors;
using Datasette.Gen.Runtime.Events;
using Datasette.Gen.Runtime.Http;

namespace Datasette.Gen.Runtime.Endpoints.Write;

/// <summary>
/// <c>POST /{db}/-/create</c> (write-api spec §11): a table from explicit columns, or from example
/// rows (created with types inferred from them, or the rows inserted into the existing table).
/// </summary>
internal static class TableCreateEndpoint
{
    public static Task HandleAsync(DatasetteRequest request, Datasette datasette) =>
        WriteResponses.RunAsync(request, () => CreateAsync(request, datasette));

    private static async Task CreateAsync(DatasetteRequest request, Datasette datasette)
    {
        // A missing database is Datasette's HTML 404 here (resolve_database raises before the view answers).
        var route = request.Route("database") ?? "";
        var database = datasette.DatabaseByRoute(route) ?? throw new DatabaseNotFoundException(route);
        var db = database.Name;
        if (!request.Allowed("create-table", db))
        {
            throw WriteApiException.Forbidden("Permission denied");
        }
        // Datasette lets SQLite refuse (400 with an empty message); a proper 403 says why.
        WriteTable.EnsureMutable(database);
        var body = await WriteRequestBody.ReadJsonAsync(request).ConfigureAwait(false);
        if (body is not JsonMap data)
        {
            throw WriteApiException.BadRequest("JSON must be an object");
        }
        var create = CreateTableRequest.Validate(data);
        if (create.Replace && !request.Allowed("update-row", db))
        {
            throw WriteApiException.Forbidden("Permission denied: need update-row");
        }
        var existing = database.Schema.Find(create.Table) is { IsView: false } found ? found : null;
        var rows = create.RowsToInsert;
        if (rows is not null)
        {
            if (!request.Allowed("insert-row", db))
            {
                throw WriteApiException.Forbidden("Permission denied: need insert-row");
            }
            rows = rows.Select(WriteValues.DecodeRow).ToList();
        }
        var alter = false;
        if (rows is not null)
        {
            if (existing is null)
            {
                alter = true;
            }
            else if (create.Alter)
            {
                if (!request.Allowed("alter-table", db))
                {
                    throw WriteApiException.Forbidden("Permission denied: need alter-table");
                }
                alter = true;
            }
        }
        IReadOnlyList<string>? primaryKey = create.Pks ?? (create.Pk is { } pk ? new[] { pk } : null);
        if (existing is not null)
        {
            var actual = existing.PrimaryKeys;
            var changed = (actual.Count == 1 && create.Pk is not null && create.Pk != actual[0])
                || (actual.Count > 1 && create.Pks is not null && !actual.ToHashSet().SetEquals(create.Pks));
            if (changed)
            {
                throw WriteApiException.BadRequest("pk cannot be changed for existing table");
            }
            primaryKey = actual;
        }
        var conflict = create.Replace ? " OR REPLACE" : create.Ignore ? " OR IGNORE" : "";

        var (before, schema) = await database.WriteInTransactionAsync(connector =>
        {
            var connection = connector.Connection;
            var initial = existing is null ? null : RowWrites.Schema(connection, create.Table);
            if (rows is not null)
            {
                if (existing is null)
                {
                    connection.ExecuteSql(TableSql.CreateTable(create.Table, ColumnsFromRows(rows), primaryKey));
                }
                else if (alter)
                {
                    RowWrites.AddMissingColumns(connection, new WriteTable(database, existing), rows);
                }
                RowWrites.InsertAll(connection, create.Table, rows, conflict);
            }
            else
            {
                var columns = create.Columns!.Select(c => new ColumnDefinition(
                    c.Name,
                    c.SqlType,
                    c.NotNull,
                    c.DefaultExpr is { } expression ? TableSql.DefaultExpressionSql(expression) : c.HasDefault && c.Default is not null ? TableSql.DefaultSql(connection, c.Default) : null,
                    c.FkTable,
                    c.FkTable is { } fkTable ? TableSql.ForeignColumn(connection, fkTable, c.FkColumn) : null)).ToList();
                connection.ExecuteSql(TableSql.CreateTable(create.Table, columns, primaryKey));
            }
            return (initial, RowWrites.Schema(connection, create.Table));
        }).ConfigureAwait(false);
        database.InvalidateSchema();

        if (before is not null && before != schema)
        {
            await datasette.TrackEventAsync(new AlterTableEvent(request.Actor, db, create.Table, before, schema)).ConfigureAwait(false);
        }
        if (existing is null)
        {
            await datasette.TrackEventAsync(new CreateTableEvent(request.Actor, db, create.Table, schema)).ConfigureAwait(false);
        }
        if (rows is not null)
        {
            await datasette.TrackEventAsync(new InsertRowsEvent(request.Actor, db, create.Table, rows.Count, create.Ignore, create.Replace)).ConfigureAwait(false);
        }
        await WriteResponses.OkAsync(request, 201, writer =>
        {
            writer.WriteString("database", db);
            writer.WriteString("table", create.Table);
            writer.WriteString("table_url", datasette.AbsoluteUrl(request, datasette.Urls.Table(db, create.Table)));
            writer.WriteString("table_api_url", datasette.AbsoluteUrl(request, datasette.Urls.Table(db, create.Table, "json")));
            writer.WriteString("schema", schema);
            if (rows is not null)
            {
                writer.WriteNumber("row_count", rows.Count);
            }
        }).ConfigureAwait(false);
    }

    /// <summary>sqlite-utils' columns for a new table from rows: every key in first-seen order, typed by suggest_column_types.</summary>
    private static List<ColumnDefinition> ColumnsFromRows(IReadOnlyList<JsonMap> rows)
    {
        var names = new List<string>();
        var seen = new HashSet<string>(System.StringComparer.Ordinal);
        foreach (var key in rows.SelectMany(r => r.Keys))
        {
            if (seen.Add(key))
            {
                names.Add(key);
            }
        }
        return names.Select(name => new ColumnDefinition(name, WriteValues.ColumnType(rows.Where(r => r.ContainsKey(name)).Select(r => r[name])))).ToList();
    }
}

/// <summary>Runs SQL without parameters on the writer.</summary>
internal static class ConnectionSql
{
    /// <summary>
    /// Names from the request are part of the text: one holding a NUL is refused (SqlErrorException,
    /// a 400) before it could leave Microsoft.Data.Sqlite preparing the same text forever.
    /// </summary>
    public static void ExecuteSql(this Microsoft.Data.Sqlite.SqliteConnection connection, string sql) =>
        Data.SqliteConnectionExtensions.Execute(connection, sql);
}
