using System.Text.Json;
using Datasette.Gen.Runtime.Data;

namespace Datasette.Gen.Runtime.Tables;

/// <summary>The <c>column_details</c> extra: declared type, storage class, nullability, default and key position.</summary>
public static class ColumnDetails
{
    public static void Write(Utf8JsonWriter writer, TableInfo table)
    {
        writer.WriteStartObject("column_details");
        foreach (var column in table.Columns)
        {
            writer.WriteStartObject(column.Name);
            writer.WriteString("type", column.Type.ToUpperInvariant());
            writer.WriteString("sqlite_type", StorageClass(column.Type));
            writer.WriteBoolean("notnull", column.NotNull);
            writer.WriteString("default", column.DefaultValue);
            writer.WriteBoolean("is_pk", column.PrimaryKeyPosition > 0);
            writer.WriteNumber("pk_position", column.PrimaryKeyPosition);
            writer.WriteNumber("hidden", column.Hidden);
            writer.WriteEndObject();
        }
        writer.WriteEndObject();
    }

    /// <summary>SQLite's affinity rules applied to a declared type.</summary>
    public static string StorageClass(string declared)
    {
        var type = declared.Trim().ToUpperInvariant();
        if (type.Length == 0)
        {
            return "BLOB";
        }
        if (type.Contains("INT"))
        {
            return "INTEGER";
        }
        if (type.Contains("CHAR") || type.Contains("CLOB") || type.Contains("TEXT"))
        {
            return "TEXT";
        }
        if (type.Contains("BLOB"))
        {
            return "BLOB";
        }
        return type.Contains("REAL") || type.Contains("FLOA") || type.Contains("DOUB") ? "REAL" : "NUMERIC";
    }
}
