using Datasette.Gen.Configuration.Model;
using Datasette.Gen.Runtime.Data;

namespace Datasette.Gen.Runtime.Querying;

/// <summary>Which column labels a table's rows when a foreign key points at it (Datasette's label_column_for_table).</summary>
internal static class LabelColumns
{
    // Every page with foreign keys asks once per referenced table; the answer changes only with the schema (a new
    // TableInfo) or the configuration, so it is kept with the table.
    private static readonly System.Runtime.CompilerServices.ConditionalWeakTable<TableInfo, Kept> ByTable = new();

    private sealed record Kept(DatasetteConfig Config, string Database, string? Column);

    public static string? For(DatasetteConfig config, Database database, TableInfo table)
    {
        if (ByTable.TryGetValue(table, out var kept) && ReferenceEquals(kept.Config, config) && kept.Database == database.Name)
        {
            return kept.Column;
        }
        var column = Find(config, database, table);
        ByTable.AddOrUpdate(table, new Kept(config, database.Name, column));
        return column;
    }

    private static string? Find(DatasetteConfig config, Database database, TableInfo table)
    {
        if (config.Table(database.Name, table.Name)?.LabelColumn is { } configured)
        {
            return configured;
        }
        var uniqueText = table.Columns
            .Where(c => ColumnDetails.StorageClass(c.Type) == "TEXT"
                && table.Indexes.Any(i => i.Unique && i.Columns.Count == 1 && i.Columns[0] == c.Name))
            .ToList();
        if (uniqueText.Count == 1)
        {
            return uniqueText[0].Name;
        }
        var named = table.Columns.FirstOrDefault(c => c.Name.Equals("name", StringComparison.OrdinalIgnoreCase) || c.Name.Equals("title", StringComparison.OrdinalIgnoreCase));
        if (named is not null)
        {
            return named.Name;
        }
        if (table.Columns.Count == 2)
        {
            var names = table.Columns.Select(c => c.Name).ToArray();
            var keys = names.Count(n => n is "id" or "pk");
            if (keys == 1)
            {
                return names.First(n => n is not ("id" or "pk"));
            }
        }
        return null;
    }
}
