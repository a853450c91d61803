namespace Datasette.Gen.Configuration.Schema;

/// <summary>What changed between a checked-in snapshot and a fresh one, one line per change, for <c>--check</c>.</summary>
public static class SchemaSnapshotDiff
{
    public static IReadOnlyList<string> Describe(SchemaSnapshot before, SchemaSnapshot after)
    {
        var changes = new List<string>();
        Compare(before.Databases, after.Databases, d => d.Name, (name, added) => $"{(added ? "new" : "removed")} database '{name}'", changes, (old, fresh) =>
        {
            var where = $"database '{fresh.Name}'";
            var found = changes.Count;
            Compare(old.Tables, fresh.Tables, t => t.Name, (name, added) => $"{(added ? "new" : "removed")} table or view '{name}' in {where}", changes, (a, b) => DescribeTable(where, a, b, changes));
            Compare(old.Queries, fresh.Queries, q => q.SqlHash, (hash, added) => $"{(added ? "new" : "removed")} stored query SQL (hash {hash}) in {where}", changes, (a, b) =>
            {
                if (a != b)
                {
                    changes.Add($"stored query SQL (hash {b.SqlHash}) in {where}: was {Outcome(a)}, now {Outcome(b)}");
                }
            });
            if (old.SchemaHash != fresh.SchemaHash && changes.Count == found)
            {
                changes.Add($"schema hash of {where} changed (sqlite_master differs)");
            }
        });
        return changes;
    }

    private static void DescribeTable(string where, TableSnapshot before, TableSnapshot after, List<string> changes)
    {
        if (before == after)
        {
            return;
        }
        var name = $"{Kind(after)} '{after.Name}' in {where}";
        if (before.IsView != after.IsView || before.Hidden != after.Hidden)
        {
            changes.Add($"{name}: was a{(before.Hidden ? " hidden" : "")} {Kind(before)}, now a{(after.Hidden ? " hidden" : "")} {Kind(after)}");
        }
        if (before.Columns != after.Columns)
        {
            DescribeColumns(name, before, after, changes);
        }
        if (before.PrimaryKeys != after.PrimaryKeys)
        {
            changes.Add($"{name}: primary keys were [{string.Join(", ", before.PrimaryKeys)}], now [{string.Join(", ", after.PrimaryKeys)}]");
        }
        if (before.ForeignKeys != after.ForeignKeys)
        {
            changes.Add($"{name}: foreign keys were [{ForeignKeys(before)}], now [{ForeignKeys(after)}]");
        }
        if (before.FtsTable != after.FtsTable || before.FtsModule != after.FtsModule || before.FtsContent != after.FtsContent)
        {
            changes.Add($"{name}: full-text search was {Fts(before)}, now {Fts(after)}");
        }
    }

    private static void DescribeColumns(string name, TableSnapshot before, TableSnapshot after, List<string> changes)
    {
        var found = changes.Count;
        Compare(before.Columns, after.Columns, c => c.Name, (column, added) => $"{name}: {(added ? "new" : "removed")} column '{column}'", changes, (a, b) =>
        {
            if (a != b)
            {
                changes.Add($"{name}: column '{b.Name}' was {Column(a)}, now {Column(b)}");
            }
        });
        if (changes.Count == found)
        {
            changes.Add($"{name}: columns were reordered, now ({string.Join(", ", after.Columns.Select(c => c.Name))})");
        }
    }

    private static void Compare<T>(EquatableArray<T> before, EquatableArray<T> after, System.Func<T, string> key, System.Func<string, bool, string> presence, List<string> changes, System.Action<T, T> both)
        where T : notnull
    {
        var old = before.ToDictionary(key, System.StringComparer.Ordinal);
        var fresh = after.ToDictionary(key, System.StringComparer.Ordinal);
        foreach (var name in old.Keys.Union(fresh.Keys).OrderBy(k => k, System.StringComparer.Ordinal))
        {
            var inOld = old.TryGetValue(name, out var a);
            var inFresh = fresh.TryGetValue(name, out var b);
            if (inOld && inFresh)
            {
                both(a!, b!);
            }
            else
            {
                changes.Add(presence(name, inFresh));
            }
        }
    }

    private static string Kind(TableSnapshot table) => table.IsView ? "view" : "table";

    private static string Outcome(QueryCheck check) => check.Ok ? "ok" : $"error \"{check.Error}\"";

    private static string Column(ColumnSnapshot c) =>
        "'" + (c.Type.Length > 0 ? c.Type : "(no type)") + (c.NotNull ? " NOT NULL" : "") + (c.PrimaryKey > 0 ? " PK" + c.PrimaryKey : "") + (c.Hidden > 0 ? " HIDDEN" + c.Hidden : "") + "'";

    private static string ForeignKeys(TableSnapshot table) =>
        string.Join(", ", table.ForeignKeys.Select(f => $"{f.Column} → {f.OtherTable}.{f.OtherColumn}"));

    private static string Fts(TableSnapshot table) =>
        table.FtsModule is not null ? $"{table.FtsModule} over {table.FtsContent ?? "its own content"}" : table.FtsTable is not null ? $"indexed by {table.FtsTable}" : "none";
}
