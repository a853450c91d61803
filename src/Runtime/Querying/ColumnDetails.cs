using System.Text.Json;
using Datasette.Gen.Runtime.Data;

namespace Datasette.Gen.Runtime.Querying;

/// <summary>The <c>column_details</c> extra: declared type, storage class, nullability, default and key position.</summary>
internal static class ColumnDetails
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

    /// <summary>The storage class Datasette reports: the declared type's affinity, BLOB when undeclared.</summary>
    public static string StorageClass(string declared) => Configuration.Sqlite.SqliteAffinity.Of(declared) ?? "BLOB";
}
