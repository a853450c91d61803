using System.Text;
using System.Text.RegularExpressions;
using Datasette.Gen.Runtime.Data;

namespace Datasette.Gen.Runtime.Endpoints.Write;

/// <summary>
/// The execute-write page's statement templates for a table (html-ui.md §8): insert every column but
/// an integer primary key, update and delete by the most id-like column. Parameters are named after
/// the columns, made into valid, distinct parameter names.
/// </summary>
internal static partial class WriteTemplates
{
    public static IEnumerable<(string Label, string Sql)> For(string table, IReadOnlyList<ColumnInfo> columns)
    {
        var names = ParameterNames(columns.Select(c => c.Name).ToList());
        var quoted = Quote(table);
        var key = KeyColumn(table, columns);

        var autoKey = columns.Count(c => c.PrimaryKeyPosition > 0) == 1 && columns.Single(c => c.PrimaryKeyPosition > 0) is { } pk
            && pk.Type.Equals("integer", StringComparison.OrdinalIgnoreCase) ? pk.Name : null;
        var inserted = columns.Where(c => c.Name != autoKey).Select(c => c.Name).ToList();
        yield return ("Insert row", inserted.Count == 0
            ? $"insert into {quoted}\ndefault values"
            : $"insert into {quoted} (\n{string.Join(",\n", inserted.Select(c => "  " + Quote(c)))}\n)\nvalues (\n{string.Join(",\n", inserted.Select(c => "  :" + names[c]))}\n)");

        var set = columns.Where(c => c.Name != key).Select(c => c.Name).ToList();
        var update = new StringBuilder("update ").Append(quoted).Append('\n');
        update.Append(set.Count == 0
            ? $"set {Quote(key)} = :new_{names[key]}"
            : "set " + string.Join(",\n    ", set.Select(c => $"{Quote(c)} = :{names[c]}")));
        update.Append($"\nwhere {Quote(key)} = :{names[key]}");
        yield return ("Update rows", update.ToString());

        yield return ("Delete rows", $"delete from {quoted}\nwhere {Quote(key)} = :{names[key]}");
    }

    /// <summary><c>id</c>, else <c>&lt;table&gt;_id</c>, else the first column (case-insensitively).</summary>
    private static string KeyColumn(string table, IReadOnlyList<ColumnInfo> columns) =>
        columns.FirstOrDefault(c => c.Name.Equals("id", StringComparison.OrdinalIgnoreCase))?.Name
        ?? columns.FirstOrDefault(c => c.Name.Equals(table + "_id", StringComparison.OrdinalIgnoreCase))?.Name
        ?? columns[0].Name;

    /// <summary>Each column's parameter name: lower case, runs of other characters as <c>_</c>, never starting with a digit, distinct.</summary>
    internal static Dictionary<string, string> ParameterNames(IReadOnlyList<string> columns)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var names = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var column in columns)
        {
            var stem = NotNameCharacters().Replace(column.ToLowerInvariant(), "_").Trim('_');
            stem = stem.Length == 0 ? "value" : char.IsAsciiDigit(stem[0]) ? "p_" + stem : stem;
            var name = stem;
            for (var n = 2; !seen.Add(name); n++)
            {
                name = $"{stem}_{n}";
            }
            names[column] = name;
        }
        return names;
    }

    private static string Quote(string identifier) => "\"" + identifier.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";

    [GeneratedRegex("[^a-z0-9_]+")]
    private static partial Regex NotNameCharacters();
}
