using System;

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
    /// DOUB → REAL; else NUMERIC.
    /// </summary>
    public static SqliteAffinity FromDeclaredType(string? declared)
    {
        if (string.IsNullOrWhiteSpace(declared))
        {
            return SqliteAffinity.Blob;
        }
        var type = declared.Trim().ToUpperInvariant();
        if (type.Contains("INT", StringComparison.Ordinal))
        {
            return SqliteAffinity.Integer;
        }
        if (type.Contains("CHAR", StringComparison.Ordinal) || type.Contains("CLOB", StringComparison.Ordinal) || type.Contains("TEXT", StringComparison.Ordinal))
        {
            return SqliteAffinity.Text;
        }
        if (type.Contains("BLOB", StringComparison.Ordinal))
        {
            return SqliteAffinity.Blob;
        }
        if (type.Contains("REAL", StringComparison.Ordinal) || type.Contains("FLOA", StringComparison.Ordinal) || type.Contains("DOUB", StringComparison.Ordinal))
        {
            return SqliteAffinity.Real;
        }
        return SqliteAffinity.Numeric;
    }

    /// <summary>The name Datasette prints: INTEGER, TEXT, BLOB, REAL, NUMERIC.</summary>
    public static string Name(this SqliteAffinity type) => type.ToString().ToUpperInvariant();
}
