namespace Datasette.Gen.Configuration.Sqlite;

/// <summary>SQLite's column affinity rules, shared by the runtime (column_details) and the OpenAPI builder.</summary>
public static class SqliteAffinity
{
    /// <summary>
    /// INTEGER, TEXT, BLOB, REAL or NUMERIC for a declared type, first matching rule winning
    /// (INT, then CHAR/CLOB/TEXT, then BLOB, then REAL/FLOA/DOUB); null for no declared type.
    /// </summary>
    public static string? Of(string? declared)
    {
        var type = (declared ?? "").Trim().ToUpperInvariant();
        if (type.Length == 0)
        {
            return null;
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
