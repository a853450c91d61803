using Datasette.Gen.Configuration.Model;
using Datasette.Gen.Runtime.Data;

namespace Datasette.Gen.Runtime.Querying;

/// <summary>Tables hidden from listings: by the schema's rules, or by <c>hidden: true</c> in configuration.</summary>
internal static class HiddenTables
{
    public static HashSet<string> For(DatasetteConfig config, Database database)
    {
        var hidden = new HashSet<string>(System.StringComparer.Ordinal);
        foreach (var table in database.Schema.Tables)
        {
            if (table.IsHidden || config.Table(database.Name, table.Name)?.Hidden == true)
            {
                hidden.Add(table.Name);
            }
        }
        return hidden;
    }
}
