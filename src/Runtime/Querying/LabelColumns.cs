using Datasette.Gen.Configuration.Model;
using Datasette.Gen.Runtime.Data;

namespace Datasette.Gen.Runtime.Querying;

/// <summary>Which column labels a table's rows when a foreign key points at it (Datasette's label_column_for_table).</summary>
internal static class LabelColumns
{
    public static string? For(DatasetteConfig config, Database database, TableInfo table)
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
