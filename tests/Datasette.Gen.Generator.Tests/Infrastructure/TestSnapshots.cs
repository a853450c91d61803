using System.Linq;
using Datasette.Gen.Configuration;
using Datasette.Gen.Configuration.Schema;

namespace Datasette.Gen.Generator.Tests.Infrastructure;

/// <summary>Builds schema snapshots in code and writes them as datasette.schema.json would be written.</summary>
internal static class TestSnapshots
{
    public static string Json(params DatabaseSnapshot[] databases) => SchemaSnapshotJson.Write(new SchemaSnapshot(databases.ToEquatableArray()));

    public static DatabaseSnapshot Database(string name, TableSnapshot[] tables, params (string Sql, string? Error)[] queries) => new(
        name,
        "0000",
        tables.OrderBy(t => t.Name, System.StringComparer.Ordinal).ToEquatableArray(),
        queries.Select(q => new QueryCheck(SchemaSnapshot.HashSql(q.Sql), q.Error)).OrderBy(q => q.SqlHash, System.StringComparer.Ordinal).ToEquatableArray());

    /// <summary>A table; columns are "name" or "name TYPE", and those listed in <paramref name="primaryKeys"/> form the key.</summary>
    public static TableSnapshot Table(string name, string[] columns, string[]? primaryKeys = null, string? ftsTable = null) => new(
        name,
        IsView: false,
        Hidden: false,
        Columns(columns, primaryKeys ?? System.Array.Empty<string>()),
        (primaryKeys ?? System.Array.Empty<string>()).ToEquatableArray(),
        EquatableArray<ForeignKeySnapshot>.Empty,
        ftsTable,
        null,
        null);

    public static TableSnapshot View(string name, params string[] columns) =>
        Table(name, columns) with { IsView = true };

    public static TableSnapshot Fts(string name, string content, params string[] columns) =>
        Table(name, columns, ftsTable: name) with { Hidden = true, FtsModule = "fts5", FtsContent = content };

    private static EquatableArray<ColumnSnapshot> Columns(string[] columns, string[] primaryKeys) => columns
        .Select(c => c.Split(' '))
        .Select(parts => new ColumnSnapshot(parts[0], parts.Length > 1 ? parts[1] : "", false, System.Array.IndexOf(primaryKeys, parts[0]) + 1, 0))
        .ToEquatableArray();
}
