using Datasette.Gen.Configuration.UrlEncoding;

namespace Datasette.Gen.Configuration.OpenApi;

/// <summary>
/// Builds the parts that describe the write API (write-api.md) for one actor: per table, the
/// endpoints it may use with request bodies typed from the table's columns; per database,
/// create and execute-write. Every operation names the bearer scheme, the way scripts write.
/// </summary>
public static class OpenApiWriteBuilder
{
    /// <summary>The fingerprint kinds of write parts: <see cref="OpenApiDocument"/> adds the shared write schemas when one is present.</summary>
    public const string TableKind = "table-writes";
    public const string DatabaseKind = "database-writes";

    private const string Json = "application/json";

    public static bool IsWritePart(OpenApiPart part) =>
        part.Fingerprint.StartsWith(TableKind + ":", System.StringComparison.Ordinal) || part.Fingerprint.StartsWith(DatabaseKind + ":", System.StringComparison.Ordinal);

    public static string TableFingerprint(OpenApiTableWrites writes) =>
        OpenApiBuilder.Fingerprint(TableKind, OpenApiBuilder.TableFingerprint(writes.Table), ((int)writes.Endpoints).ToString(System.Globalization.CultureInfo.InvariantCulture));

    public static string DatabaseFingerprint(OpenApiDatabaseWrites writes) =>
        OpenApiBuilder.Fingerprint(DatabaseKind, OpenApiBuilder.DatabaseFingerprint(writes.Database), writes.CreateTable ? "create" : "-", writes.ExecuteWrite ? "execute-write" : "-");

    public static OpenApiPart Table(OpenApiTableWrites writes)
    {
        var table = writes.Table;
        var names = new OpenApiBuilder.TableNames(table.TypeName);
        bool Has(OpenApiTableWriteEndpoints endpoint) => (writes.Endpoints & endpoint) != 0;
        var keys = table.IsRowidTable ? new[] { "rowid" } : table.PrimaryKeys.ToArray();
        var path = "/" + TildeEncoding.Encode(table.Route) + "/" + TildeEncoding.Encode(table.Name);
        var schemas = OpenApiJsonWriter.Members();
        var paths = OpenApiJsonWriter.Members();

        if (Has(OpenApiTableWriteEndpoints.Insert) || Has(OpenApiTableWriteEndpoints.Update))
        {
            RowInput(schemas.Name(names.RowInput), table, required: System.Array.Empty<string>(),
                $"Column values for a row of {table.Name}: omitted columns keep their default (or, in an update, their value). BLOB values are {{\"$base64\": true, \"encoded\": …}} objects.");
        }
        if (Has(OpenApiTableWriteEndpoints.Insert))
        {
            WriteRequest(schemas.Name(names.InsertRequest), $"Rows to insert into {table.Name}: `row` or `rows` (at most max_insert_rows), not both.", names.RowInput, insert: true);
            WriteResponse(schemas.Name(names.InsertResponse), names.Row, "`rows`: the stored rows, with `return: true` or a single `row`.");
            Post(paths, path + "/-/insert", table, names.InsertRequest, names.InsertResponse, OpenApiTypeNames.InsertSuffix, "201",
                $"Insert rows into {table.Name}",
                "Needs insert-row; `replace` also needs update-row and `alter` alter-table. One transaction: a failing row (a constraint, say) writes nothing.");
        }
        if (Has(OpenApiTableWriteEndpoints.Upsert))
        {
            RowInput(schemas.Name(names.UpsertRowInput), table, keys,
                $"A row of {table.Name} to insert or update, found by its key ({string.Join(", ", keys)}, required): supplied columns are written, others kept.");
            WriteRequest(schemas.Name(names.UpsertRequest), $"Rows to insert into {table.Name} or update by key: `row` or `rows`, not both.", names.UpsertRowInput, insert: false);
            WriteResponse(schemas.Name(names.UpsertResponse), names.Row, "`rows`: the rows as stored, with `return: true`.");
            Post(paths, path + "/-/upsert", table, names.UpsertRequest, names.UpsertResponse, OpenApiTypeNames.UpsertSuffix, "200",
                $"Insert or update rows of {table.Name} by key", "Needs insert-row and update-row (and alter-table for `alter`).");
        }
        if (Has(OpenApiTableWriteEndpoints.Update))
        {
            schemas.Name(names.UpdateRequest).StartObject().Property("type", "object").Property("description", $"New values for one row of {table.Name}.")
                .Name("properties").StartObject()
                .Name("update").RefObject("schemas", names.RowInput);
            Flag(schemas, "return", "Answer with the row after the update.");
            Flag(schemas, "alter", "Add columns the table lacks (needs alter-table).");
            schemas.EndObject().Strings("required", new[] { "update" }).Property("additionalProperties", false).EndObject();
            WriteResponse(schemas.Name(names.UpdateResponse), names.Row, "`rows`: the row after the update, with `return: true`.");
            Post(paths, path + "/{pks}/-/update", table, names.UpdateRequest, names.UpdateResponse, OpenApiTypeNames.UpdateSuffix, "200",
                $"Update one row of {table.Name}", "Needs update-row.", rowKey: true);
        }
        if (Has(OpenApiTableWriteEndpoints.Delete))
        {
            Post(paths, path + "/{pks}/-/delete", table, null, "DeleteRowResponse", OpenApiTypeNames.DeleteSuffix, "200",
                $"Delete one row of {table.Name}", "Needs delete-row.", rowKey: true);
        }
        if (Has(OpenApiTableWriteEndpoints.Alter))
        {
            Post(paths, path + "/-/alter", table, "AlterTableRequest", "AlterTableResponse", OpenApiTypeNames.AlterSuffix, "200",
                $"Change the schema of {table.Name}", "Needs alter-table. The operations run in one transaction; any error changes nothing.");
        }
        if (Has(OpenApiTableWriteEndpoints.Drop))
        {
            Post(paths, path + "/-/drop", table, "DropTableRequest", "DropTableResponse", OpenApiTypeNames.DropSuffix, "200",
                $"Drop {table.Name}", "Needs drop-table. Without `confirm: true` nothing is dropped: the answer says how many rows would go.", bodyRequired: false);
        }
        if (Has(OpenApiTableWriteEndpoints.SetColumnType))
        {
            Post(paths, path + "/-/set-column-type", table, "SetColumnTypeRequest", "SetColumnTypeResponse", OpenApiTypeNames.SetColumnTypeSuffix, "200",
                $"Assign a column type to a column of {table.Name}", "Needs set-column-type. Stored in the internal database, so it works on views and immutable databases too.");
        }
        return new OpenApiPart(TableFingerprint(writes), paths.ToString(), schemas.ToString());
    }

    public static OpenApiPart Database(OpenApiDatabaseWrites writes)
    {
        var database = writes.Database;
        var path = "/" + TildeEncoding.Encode(database.Route) + "/-/";
        var paths = OpenApiJsonWriter.Members();
        if (writes.CreateTable)
        {
            paths.Name(path + "create").StartObject().Name("post").StartObject();
            OpenApiBuilder.Operation(paths, database.Name, OpenApiTypeNames.OperationId(database.TypeName, OpenApiTypeNames.CreateTableSuffix), $"Create a table in {database.Name}",
                "Needs create-table; with rows also insert-row (`replace`: update-row, `alter` on an existing table: alter-table).");
            Body(paths, "CreateTableRequest", required: true);
            Security(paths);
            OpenApiBuilder.Responses(paths, w => w.RefObject("schemas", "CreateTableResponse"), notFound: true, status: "201", bodyLimit: true);
            paths.EndObject().EndObject();
        }
        if (writes.ExecuteWrite)
        {
            paths.Name(path + "execute-write").StartObject().Name("post").StartObject();
            OpenApiBuilder.Operation(paths, database.Name, OpenApiTypeNames.OperationId(database.TypeName, OpenApiTypeNames.ExecuteWriteSuffix), $"Run one writing SQL statement against {database.Name}",
                "Needs execute-write-sql, and for each operation the statement performs the permission a write endpoint would need (the analysis lists them). Read-only SQL is a 400: use the query endpoint.");
            Body(paths, "ExecuteWriteRequest", required: true);
            Security(paths);
            OpenApiBuilder.Responses(paths, w => w.RefObject("schemas", "ExecuteWriteResponse"), notFound: true, bodyLimit: true);
            paths.EndObject().EndObject();

            paths.Name(path + "execute-write/analyze").StartObject().Name("get").StartObject();
            OpenApiBuilder.Operation(paths, database.Name, OpenApiTypeNames.OperationId(database.TypeName, OpenApiTypeNames.AnalyzeWriteSuffix), $"Analyse a writing SQL statement for {database.Name} (unstable)",
                "The operations the statement would perform, the permission each needs and whether the actor holds it; nothing is executed.");
            paths.Name("parameters").StartArray()
                .StartObject().Property("name", "sql").Property("in", "query").Property("description", "The statement to analyse.")
                .Name("schema").StartObject().Property("type", "string").EndObject().EndObject()
                .EndArray();
            Security(paths);
            OpenApiBuilder.Responses(paths, w => w.RefObject("schemas", "ExecuteWriteAnalysis"), notFound: true);
            paths.EndObject().EndObject();
        }
        return new OpenApiPart(DatabaseFingerprint(writes), paths.ToString(), "");
    }

    private static void Post(OpenApiJsonWriter paths, string path, OpenApiTable table, string? request, string response, string suffix, string status,
        string summary, string description, bool rowKey = false, bool bodyRequired = true)
    {
        paths.Name(path).StartObject().Name("post").StartObject();
        OpenApiBuilder.Operation(paths, table.Database, OpenApiTypeNames.OperationId(table.TypeName, suffix), summary, description);
        paths.Name("parameters").StartArray();
        if (rowKey)
        {
            OpenApiBuilder.RowKeyParameter(paths, table);
        }
        paths.EndArray();
        if (request is not null)
        {
            Body(paths, request, bodyRequired);
        }
        Security(paths);
        OpenApiBuilder.Responses(paths, w => w.RefObject("schemas", response), notFound: true, status: status, bodyLimit: request is not null);
        paths.EndObject().EndObject();
    }

    private static void Body(OpenApiJsonWriter w, string schema, bool required)
    {
        w.Name("requestBody").StartObject();
        if (required)
        {
            w.Property("required", true);
        }
        w.Name("content").StartObject().Name(Json).StartObject().Name("schema").RefObject("schemas", schema).EndObject().EndObject().EndObject();
    }

    /// <summary>A write needs an actor: the bearer token (cookies work too, from browsers).</summary>
    private static void Security(OpenApiJsonWriter w) =>
        w.Name("security").StartArray().StartObject().Name("bearer").StartArray().EndArray().EndObject().EndArray();

    /// <summary>A row's columns as write input, typed as the row schema types them; <paramref name="required"/> the key columns an upsert needs.</summary>
    private static void RowInput(OpenApiJsonWriter w, OpenApiTable table, IReadOnlyList<string> required, string description)
    {
        w.StartObject().Property("type", "object").Property("description", description).Name("properties").StartObject();
        // An insert may leave the key to SQLite (null or omitted); an upsert finds rows by it.
        var keyMayBeNull = required.Count == 0;
        if (table.IsRowidTable)
        {
            w.Name("rowid").StartObject();
            if (keyMayBeNull)
            {
                w.Strings("type", new[] { "integer", "null" });
            }
            else
            {
                w.Property("type", "integer");
            }
            w.Property("description", "The row's rowid (its key).").EndObject();
        }
        foreach (var column in table.Columns)
        {
            w.Name(column.Name);
            OpenApiBuilder.ColumnSchema(w, column, labelled: false, keyMayBeNull);
        }
        w.EndObject();
        if (required.Count > 0)
        {
            w.Strings("required", required);
        }
        // Columns the table lacks are accepted only with `alter`: typed clients name existing ones.
        w.Property("additionalProperties", false).EndObject();
    }

    private static void WriteRequest(OpenApiJsonWriter w, string description, string rowInput, bool insert)
    {
        w.StartObject().Property("type", "object").Property("description", description).Name("properties").StartObject()
            .Name("row").RefObject("schemas", rowInput)
            .Name("rows").StartObject().Property("type", "array").Name("items").RefObject("schemas", rowInput).EndObject();
        if (insert)
        {
            Flag(w, "ignore", "Skip rows whose key exists (INSERT OR IGNORE).");
            Flag(w, "replace", "Replace rows whose key exists (INSERT OR REPLACE; needs update-row).");
        }
        Flag(w, "alter", "Add columns the table lacks (needs alter-table).");
        Flag(w, "return", "Answer with the rows as stored.");
        w.EndObject().Property("additionalProperties", false).EndObject();
    }

    private static void Flag(OpenApiJsonWriter w, string name, string description) =>
        w.Name(name).StartObject().Property("type", "boolean").Property("description", description).EndObject();

    private static void WriteResponse(OpenApiJsonWriter w, string row, string description) =>
        w.StartObject().Property("type", "object").Property("description", description).Name("properties").StartObject()
            .Name("ok").RawValue("{\"const\":true}")
            .Name("rows").StartObject().Property("type", "array").Name("items").RefObject("schemas", row).EndObject()
            .EndObject().Strings("required", new[] { "ok" }).EndObject();
}
