namespace Datasette.Gen.Runtime.ColumnTypes;

/// <summary>SQLite's type affinities, the "SQLite types" a column type may be restricted to.</summary>
public enum SqliteAffinity
{
    Integer,
    Text,
    Blob,
    Real,
    Numeric,
}

public static class SqliteAffinities
{
    /// <summary>
    /// The affinity of a declared column type (Datasette's <c>SQLiteType.from_declared_type</c>):
    /// empty → BLOB; contains INT → INTEGER; CHAR, CLOB or TEXT → TEXT; BLOB → BLOB; REAL, FLOA or
    /// DOUB → REAL; else NUMERIC. The rule is the shared <see cref="Configuration.Sqlite.SqliteAffinity"/>.
    /// </summary>
    public static SqliteAffinity FromDeclaredType(string? declared) => Configuration.Sqlite.SqliteAffinity.Of(declared) switch
    {
        null => SqliteAffinity.Blob,
        "INTEGER" => SqliteAffinity.Integer,
        "TEXT" => SqliteAffinity.Text,
        "BLOB" => SqliteAffinity.Blob,
        "REAL" => SqliteAffinity.Real,
        _ => SqliteAffinity.Numeric,
    };

    /// <summary>The name Datasette prints: INTEGER, TEXT, BLOB, REAL, NUMERIC.</summary>
    public static string Name(this SqliteAffinity type) => type.ToString().ToUpperInvariant();
}
