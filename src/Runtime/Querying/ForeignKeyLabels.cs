using System.Globalization;
using Datasette.Gen.Runtime.Data;
using Datasette.Gen.Runtime.Http;
using Datasette.Gen.Runtime.Sql;
using Microsoft.Data.Sqlite;

namespace Datasette.Gen.Runtime.Querying;

/// <summary>The labels of one expanded foreign-key column: value key → label (shared between requests: read only).</summary>
internal sealed record ExpandedColumn(string Column, ForeignKey ForeignKey, Dictionary<string, string> Labels);

/// <summary>
/// Foreign-key label expansion (<c>_labels</c>, <c>_label=</c>): which columns expand, and the
/// label of each distinct value on the page, looked up in one query per referenced table.
/// </summary>
internal static class ForeignKeyLabels
{
    /// <summary>The single-column foreign keys of <paramref name="table"/> that the request asks to expand.</summary>
    public static List<ForeignKey> Requested(QueryArgs args, TableInfo table, bool defaultOn)
    {
        var only = args.GetAll("_label");
        var labels = args.Get("_labels");
        var all = labels is null ? defaultOn : QueryArgs.IsTruthy(labels);
        if (only.Count == 0 && !all)
        {
            return new List<ForeignKey>();
        }
        return table.Outgoing.Where(fk => only.Count > 0 ? only.Contains(fk.Column) : all).ToList();
    }

    /// <summary>
    /// Looks up labels for the given values of each foreign key. A target the actor may not view
    /// (<see cref="OtherTables"/>) is skipped like an unreadable one: its column keeps raw values, as
    /// a label would be that table's data.
    /// </summary>
    public static List<ExpandedColumn> Lookup(QueryContext context, Database database, IEnumerable<ForeignKey> keys,
        IReadOnlyDictionary<string, List<object>> valuesByColumn)
    {
        var expanded = new List<ExpandedColumn>();
        foreach (var key in keys)
        {
            var target = OtherTables.Find(context.Permissions, database, key.OtherTable);
            if (target is null)
            {
                continue;
            }
            var labels = new Dictionary<string, string>();
            var values = valuesByColumn.TryGetValue(key.Column, out var found) ? found : new List<object>();
            if (values.Count > 0)
            {
                var labelColumn = LabelColumns.For(context.Config, database, target);
                var parameters = new Dictionary<string, object?>(values.Count);
                for (var i = 0; i < values.Count; i++)
                {
                    parameters[ParameterName(i)] = values[i];
                }
                try
                {
                    // The same page of unchanged data asks for the same labels: kept under the content version (never changed once made).
                    // The key names what the SQL is made of (table, key column, label column; the parameters say how many values), so
                    // the SQL is only written when the labels are not kept.
                    var cacheKey = DerivedResultCache.Key(parameters, "labels", target.Name, key.OtherColumn, labelColumn is null ? "-" : "+" + labelColumn);
                    labels = database.Derived.GetOrCompute(database, cacheKey,
                        () => QueryRunner.Run(database, LabelSql(target.Name, key.OtherColumn, labelColumn, values.Count), parameters, context.Settings.SqlTimeLimitMs, reader =>
                        {
                            var found = new Dictionary<string, string>();
                            while (reader.Read())
                            {
                                var label = labelColumn is null ? Json.SqliteJson.ToText(reader, 0) : Json.SqliteJson.ToText(reader, 1);
                                found[CellValues.Key(reader, 0)] = label ?? "None";
                            }
                            return found;
                        }), static _ => true);
                }
                catch (QueryInterruptedException)
                {
                    continue; // on timeout nothing is expanded, as in Datasette
                }
            }
            expanded.Add(new ExpandedColumn(key.Column, key, labels));
        }
        return expanded;
    }

    private static readonly string[] ParameterNames = Enumerable.Range(0, 128).Select(i => "v" + i.ToString(CultureInfo.InvariantCulture)).ToArray();

    private static string ParameterName(int i) => i < ParameterNames.Length ? ParameterNames[i] : "v" + i.ToString(CultureInfo.InvariantCulture);

    /// <summary>The label of each value: the key column, with the label column when the table has one.</summary>
    private static string LabelSql(string table, string keyColumn, string? labelColumn, int count)
    {
        var select = labelColumn is null ? SqlIdentifier.Quote(keyColumn) : $"{SqlIdentifier.Quote(keyColumn)}, {SqlIdentifier.Quote(labelColumn)}";
        var placeholders = string.Join(", ", Enumerable.Range(0, count).Select(i => ":" + ParameterName(i)));
        return $"select {select} from {SqlIdentifier.Quote(table)} where {SqlIdentifier.Quote(keyColumn)} in ({placeholders})";
    }

    /// <summary>The distinct non-null values of some columns over a result, for the label lookups.</summary>
    public static Dictionary<string, List<object>> DistinctValues(Database database, string sql, IReadOnlyDictionary<string, object?> parameters, IReadOnlyList<string> columns, int timeLimitMs)
    {
        var result = columns.ToDictionary(c => c, _ => new List<object>());
        if (columns.Count == 0)
        {
            return result;
        }
        QueryRunner.Run(database, sql, parameters, timeLimitMs, reader =>
        {
            var ordinals = columns.Select(c => Enumerable.Range(0, reader.FieldCount).FirstOrDefault(i => reader.GetName(i) == c, -1)).ToArray();
            var seen = columns.Select(_ => new HashSet<string>()).ToArray();
            while (reader.Read())
            {
                for (var i = 0; i < ordinals.Length; i++)
                {
                    var ordinal = ordinals[i];
                    if (ordinal < 0 || reader.IsDBNull(ordinal) || !seen[i].Add(CellValues.Key(reader, ordinal)))
                    {
                        continue;
                    }
                    result[columns[i]].Add(reader.GetValue(ordinal));
                }
            }
            return 0;
        });
        return result;
    }

}
