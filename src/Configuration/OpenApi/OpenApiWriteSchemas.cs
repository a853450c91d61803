namespace Datasette.Gen.Configuration.OpenApi;

/// <summary>
/// The components every write part refers to: the bodies and answers of the endpoints whose
/// shape does not depend on a table's columns (delete, alter, drop, set-column-type, create,
/// execute-write). The document holds them only when it describes a write endpoint.
/// </summary>
public static class OpenApiWriteSchemas
{
    /// <summary>Their names: table, query and database names must not take them either.</summary>
    public static readonly IReadOnlyList<string> Names = new[]
    {
        "DeleteRowResponse", "AlterTableRequest", "AlterOperation", "AlterOperationName", "AlterOperationArgs", "ForeignKeyInput", "AlterTableResponse",
        "DropTableRequest", "DropTableResponse", "SetColumnTypeRequest", "ColumnTypeAssignment", "SetColumnTypeResponse",
        "CreateTableRequest", "CreateTableColumn", "NewColumnType", "DefaultExpression", "CreateTableResponse",
        "ExecuteWriteRequest", "ExecuteWriteResponse", "WriteOperation", "ExecuteWriteAnalysis",
    };

    public static string Members { get; } = MembersOf("""
        {"DeleteRowResponse": {"type": "object", "properties": {"ok": {"const": true},
             "redirect": {"type": "string", "description": "With `?_redirect_to_table=1`: the path of the table."}}, "required": ["ok"]},
         "AlterTableRequest": {"type": "object", "description": "Operations applied in one transaction; `rename_table` last.",
           "properties": {"operations": {"type": "array", "minItems": 1, "items": {"$ref": "#/components/schemas/AlterOperation"}}}, "required": ["operations"], "additionalProperties": false},
         "AlterOperation": {"type": "object", "properties": {"op": {"$ref": "#/components/schemas/AlterOperationName"}, "args": {"$ref": "#/components/schemas/AlterOperationArgs"}},
           "required": ["op", "args"], "additionalProperties": false},
         "AlterOperationName": {"type": "string", "enum": ["add_column", "rename_column", "rename_table", "alter_column", "drop_column", "set_primary_key", "reorder_columns", "add_foreign_key", "drop_foreign_key", "set_foreign_keys"]},
         "AlterOperationArgs": {"type": "object", "description": "The arguments of one operation. add_column: name, type, not_null, default or default_expr (required with not_null). rename_column: name, to. rename_table: to. alter_column: name and at least one of type, not_null, default (null removes it), default_expr. drop_column: name. set_primary_key: columns. reorder_columns: columns (unlisted ones follow in their order). add_foreign_key: column, fk_table, fk_column (default: fk_table's primary key). drop_foreign_key: column. set_foreign_keys: foreign_keys (empty removes every one). Other keys are a 400.",
           "properties": {"name": {"type": "string"}, "to": {"type": "string"}, "type": {"$ref": "#/components/schemas/NewColumnType"}, "not_null": {"type": "boolean"},
             "default": {"description": "A literal default value."}, "default_expr": {"$ref": "#/components/schemas/DefaultExpression"},
             "columns": {"type": "array", "items": {"type": "string"}}, "column": {"type": "string"}, "fk_table": {"type": "string"}, "fk_column": {"type": "string"},
             "foreign_keys": {"type": "array", "items": {"$ref": "#/components/schemas/ForeignKeyInput"}}}, "additionalProperties": false},
         "ForeignKeyInput": {"type": "object", "properties": {"column": {"type": "string"}, "fk_table": {"type": "string"}, "fk_column": {"type": "string", "description": "Default: fk_table's primary key."}},
           "required": ["column", "fk_table"], "additionalProperties": false},
         "AlterTableResponse": {"type": "object", "properties": {"ok": {"const": true}, "database": {"type": "string"}, "table": {"type": "string"}, "table_url": {"type": "string"}, "table_api_url": {"type": "string"},
             "altered": {"type": "boolean"}, "schema": {"type": "string"}, "before_schema": {"type": "string"}, "operations_applied": {"type": "integer"}},
           "required": ["ok", "database", "table", "table_url", "table_api_url", "altered", "schema", "before_schema", "operations_applied"]},
         "DropTableRequest": {"type": "object", "properties": {"confirm": {"type": "boolean", "description": "true drops the table; otherwise the answer previews the drop."}}},
         "DropTableResponse": {"type": "object", "description": "Without confirm: what would be dropped and how to confirm; with it: `ok` alone.",
           "properties": {"ok": {"const": true}, "database": {"type": "string"}, "table": {"type": "string"}, "row_count": {"type": "integer"}, "message": {"type": "string"}}, "required": ["ok"]},
         "SetColumnTypeRequest": {"type": "object", "properties": {"column": {"type": "string"},
             "column_type": {"oneOf": [{"$ref": "#/components/schemas/ColumnTypeAssignment"}, {"type": "null"}], "description": "The column type to assign; null clears it."}},
           "required": ["column", "column_type"], "additionalProperties": false},
         "ColumnTypeAssignment": {"type": "object", "properties": {"type": {"type": "string", "description": "A registered column type (email, url, json, …)."}, "config": {"$ref": "#/components/schemas/JsonObject"}},
           "required": ["type"], "additionalProperties": false},
         "SetColumnTypeResponse": {"type": "object", "properties": {"ok": {"const": true}, "database": {"type": "string"}, "table": {"type": "string"}, "column": {"type": "string"},
             "column_type": {"oneOf": [{"$ref": "#/components/schemas/ColumnType"}, {"type": "null"}]}}, "required": ["ok", "database", "table", "column", "column_type"]},
         "CreateTableRequest": {"type": "object", "description": "A new table from `columns`, or from example `row`/`rows` (types inferred; the rows are inserted). With rows, an existing table gets more rows (`ignore`, `replace`, `alter` as for insert).",
           "properties": {"table": {"type": "string"}, "columns": {"type": "array", "items": {"$ref": "#/components/schemas/CreateTableColumn"}},
             "pk": {"type": "string"}, "pks": {"type": "array", "items": {"type": "string"}},
             "row": {"$ref": "#/components/schemas/JsonObject"}, "rows": {"type": "array", "items": {"$ref": "#/components/schemas/JsonObject"}},
             "ignore": {"type": "boolean"}, "replace": {"type": "boolean"}, "alter": {"type": "boolean"}}, "required": ["table"], "additionalProperties": false},
         "CreateTableColumn": {"type": "object", "properties": {"name": {"type": "string"}, "type": {"$ref": "#/components/schemas/NewColumnType"}, "not_null": {"type": "boolean"},
             "default": {"description": "A literal default value."}, "default_expr": {"$ref": "#/components/schemas/DefaultExpression"},
             "fk_table": {"type": "string"}, "fk_column": {"type": "string", "description": "Default: fk_table's primary key."}}, "required": ["name"], "additionalProperties": false},
         "NewColumnType": {"type": "string", "description": "The SQLite type of a created or altered column: TEXT, INTEGER, REAL, BLOB (default text).", "enum": ["text", "integer", "float", "blob"]},
         "DefaultExpression": {"type": "string", "description": "A default computed when a row is inserted.", "enum": ["current_timestamp", "current_date", "current_time", "current_unixtime", "current_unixtime_ms"]},
         "CreateTableResponse": {"type": "object", "properties": {"ok": {"const": true}, "database": {"type": "string"}, "table": {"type": "string"}, "table_url": {"type": "string"}, "table_api_url": {"type": "string"},
             "schema": {"type": "string"}, "row_count": {"type": "integer", "description": "With row or rows: how many were submitted."}},
           "required": ["ok", "database", "table", "table_url", "table_api_url", "schema"]},
         "ExecuteWriteRequest": {"type": "object", "properties": {"sql": {"type": "string", "description": "One statement that writes."},
             "params": {"$ref": "#/components/schemas/JsonObject", "description": "Values of the SQL's :named parameters (missing ones are \"\")."}}, "required": ["sql"], "additionalProperties": false},
         "ExecuteWriteResponse": {"type": "object", "properties": {"ok": {"const": true}, "message": {"type": "string"}, "rowcount": {"type": "integer", "description": "-1 when unknown or when `truncated`."},
             "rows": {"type": "array", "description": "What a RETURNING clause returned, at most 10 rows.", "items": {"$ref": "#/components/schemas/QueryRow"}},
             "truncated": {"type": "boolean"}, "analysis": {"type": "array", "description": "Unstable.", "items": {"$ref": "#/components/schemas/WriteOperation"}}},
           "required": ["ok", "message", "rowcount", "rows", "truncated"]},
         "WriteOperation": {"type": "object", "description": "One operation the statement performs and the permission it needs (unstable).",
           "properties": {"operation": {"type": "string"}, "database": {"type": ["string", "null"]}, "table": {"type": ["string", "null"]}, "required_permission": {"type": "string"},
             "source": {"type": ["string", "null"]}, "allowed": {"type": ["boolean", "null"]}}, "required": ["operation"]},
         "ExecuteWriteAnalysis": {"type": "object", "description": "Unstable.", "properties": {"ok": {"type": "boolean"}, "parameters": {"type": "array", "items": {"type": "string"}},
             "analysis_error": {"type": ["string", "null"]}, "analysis_rows": {"type": "array", "items": {"$ref": "#/components/schemas/WriteOperation"}},
             "execute_disabled": {"type": "boolean"}, "execute_disabled_reason": {"type": ["string", "null"]}, "unstable": {"type": "string"}},
           "required": ["ok", "parameters", "analysis_rows", "execute_disabled"]}}
        """);

    private static string MembersOf(string json)
    {
        var minified = OpenApiDocument.Minify(json);
        return minified.Substring(1, minified.Length - 2);
    }
}
