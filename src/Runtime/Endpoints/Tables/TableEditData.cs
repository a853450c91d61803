using System.Text.Json;
using Datasette.Gen.Runtime.ColumnTypes;
using Datasette.Gen.Runtime.Data;
using Datasette.Gen.Runtime.Http;
using Datasette.Gen.Runtime.Json;

namespace Datasette.Gen.Runtime.Endpoints.Tables;

/// <summary>
/// What the table page's editing scripts are given (html-ui.md §10, Datasette's
/// <c>_datasetteTableData</c>): <c>insertRow</c>, <c>alterTable</c> and <c>foreignKeys</c>, each written
/// only when the actor may use it, so a page never offers a form whose post would be refused.
/// </summary>
internal static class TableEditData
{
    /// <summary>The SQLite types the create and alter forms offer (the write API's column types).</summary>
    public static readonly string[] ColumnTypes = ["text", "integer", "float", "blob"];

    public static void Write(Utf8JsonWriter w, DatasetteRequest request, Datasette datasette, Database database, TableInfo table)
    {
        if (table.IsView)
        {
            return;
        }
        var tableUrl = (string)datasette.Urls.Table(database, table.Name);
        if (database.IsMutable && request.Allowed("insert-row", database.Name, table.Name))
        {
            WriteInsertRow(w, request, datasette, database, table, tableUrl);
        }
        if (database.IsMutable && request.Allowed("update-row", database.Name, table.Name))
        {
            // The edit dialog's fields: every column, keys included (shown, not editable).
            w.WritePropertyName("editColumns");
            WriteColumns(w, table, skipAutoPk: false);
        }
        if (database.IsMutable && request.Allowed("alter-table", database.Name, table.Name))
        {
            WriteAlterTable(w, request, database, table, tableUrl);
        }
        WriteForeignKeys(w, request, datasette, database, table);
    }

    private static void WriteInsertRow(Utf8JsonWriter w, DatasetteRequest request, Datasette datasette, Database database, TableInfo table, string tableUrl)
    {
        w.WriteStartObject("insertRow");
        w.WriteString("path", tableUrl + "/-/insert");
        w.WriteString("tableName", table.Name);
        w.WritePropertyName("columns");
        WriteColumns(w, table, skipAutoPk: true);
        w.WritePropertyName("bulkColumns");
        WriteColumns(w, table, skipAutoPk: false);
        w.WriteStringArray("primaryKeys", table.PrimaryKeys);
        w.WriteNumber("maxInsertRows", datasette.Settings.MaxInsertRows);
        if (request.Allowed("update-row", database.Name, table.Name))
        {
            w.WriteString("upsertPath", tableUrl + "/-/upsert");
        }
        w.WriteEndObject();
    }

    /// <summary>The form's view of each column: SQLite type, null and default, key, and whether its input is a number.</summary>
    private static void WriteColumns(Utf8JsonWriter w, TableInfo table, bool skipAutoPk)
    {
        w.WriteStartArray();
        foreach (var column in VisibleColumns(table))
        {
            var affinity = SqliteAffinities.FromDeclaredType(column.Type);
            // An INTEGER single primary key is the rowid: SQLite numbers a new row itself.
            var isAutoPk = table.PrimaryKeys.Count == 1 && table.PrimaryKeys[0] == column.Name && affinity == SqliteAffinity.Integer;
            if (isAutoPk && skipAutoPk)
            {
                continue;
            }
            w.WriteStartObject();
            w.WriteString("name", column.Name);
            w.WriteString("sqlite_type", affinity.Name().ToLowerInvariant());
            w.WriteBoolean("notnull", column.NotNull);
            w.WriteString("default", column.DefaultValue);
            w.WriteBoolean("has_default", column.DefaultValue is not null);
            w.WriteBoolean("is_pk", table.PrimaryKeys.Contains(column.Name));
            w.WriteBoolean("is_auto_pk", isAutoPk);
            w.WriteString("value_kind", affinity is SqliteAffinity.Integer or SqliteAffinity.Real ? "number" : "string");
            w.WriteEndObject();
        }
        w.WriteEndArray();
    }

    private static void WriteAlterTable(Utf8JsonWriter w, DatasetteRequest request, Database database, TableInfo table, string tableUrl)
    {
        w.WriteStartObject("alterTable");
        w.WriteString("path", tableUrl + "/-/alter");
        w.WriteString("tableName", table.Name);
        w.WriteStartArray("columns");
        foreach (var column in VisibleColumns(table))
        {
            w.WriteStartObject();
            w.WriteString("name", column.Name);
            w.WriteString("type", ApiType(column.Type));
            w.WriteBoolean("notnull", column.NotNull);
            // SQLite's text of the default (a literal or an expression), or null.
            w.WriteString("default", column.DefaultValue);
            w.WriteBoolean("is_pk", table.PrimaryKeys.Contains(column.Name));
            if (table.Outgoing.FirstOrDefault(k => k.Column == column.Name) is { } key)
            {
                w.WriteStartObject("fk");
                w.WriteString("fk_table", key.OtherTable);
                w.WriteString("fk_column", key.OtherColumn);
                w.WriteEndObject();
            }
            w.WriteEndObject();
        }
        w.WriteEndArray();
        w.WriteStringArray("primaryKeys", table.PrimaryKeys);
        WriteForeignKeyTargets(w, request, database);
        w.WriteStringArray("columnTypes", ColumnTypes);
        if (request.Allowed("drop-table", database.Name, table.Name))
        {
            w.WriteString("dropPath", tableUrl + "/-/drop");
        }
        w.WriteEndObject();
    }

    /// <summary>
    /// What a column's foreign key may point at (write-api.md §12.1's targets): tables with a single
    /// primary key, not hidden, not SQLite's own, that the actor may view.
    /// </summary>
    private static void WriteForeignKeyTargets(Utf8JsonWriter w, DatasetteRequest request, Database database)
    {
        w.WriteStartArray("foreignKeyTargets");
        foreach (var target in database.Schema.Tables)
        {
            if (target.IsView || target.IsHidden || target.PrimaryKeys.Count != 1 || target.Name.StartsWith("sqlite_", StringComparison.Ordinal)
                || !request.Allowed("view-table", database.Name, target.Name))
            {
                continue;
            }
            w.WriteStartObject();
            w.WriteString("fk_table", target.Name);
            w.WriteString("fk_column", target.PrimaryKeys[0]);
            w.WriteEndObject();
        }
        w.WriteEndArray();
    }

    /// <summary>
    /// Per foreign-key column, the autocomplete of the table it points at: only for a key onto that
    /// table's single primary key, and only when the actor may view that table (the endpoint would refuse).
    /// </summary>
    private static void WriteForeignKeys(Utf8JsonWriter w, DatasetteRequest request, Datasette datasette, Database database, TableInfo table)
    {
        var written = false;
        foreach (var key in table.Outgoing)
        {
            if (database.Schema.Find(key.OtherTable) is not { IsView: false } other || other.PrimaryKeys.Count != 1
                || other.PrimaryKeys[0] != key.OtherColumn || !request.Allowed("view-table", database.Name, other.Name))
            {
                continue;
            }
            if (!written)
            {
                w.WriteStartObject("foreignKeys");
                written = true;
            }
            w.WriteString(key.Column, datasette.Urls.Table(database, other.Name) + "/-/autocomplete");
        }
        if (written)
        {
            w.WriteEndObject();
        }
    }

    private static IEnumerable<ColumnInfo> VisibleColumns(TableInfo table) => table.Columns.Where(c => c.Hidden == 0);

    /// <summary>The write API's name for a declared type: integer, float, blob, else text.</summary>
    internal static string ApiType(string declared) => SqliteAffinities.FromDeclaredType(declared) switch
    {
        SqliteAffinity.Integer => "integer",
        SqliteAffinity.Real => "float",
        SqliteAffinity.Blob => "blob",
        _ => "text",
    };
}
