using System.Text.RegularExpressions;

namespace Datasette.Gen.Runtime.Sql;

/// <summary>Finds :named parameters in SQL, ignoring comments and quoted strings and identifiers.</summary>
internal static partial class NamedParameters
{
    /// <summary>Unique names in order of first appearance.</summary>
    public static List<string> Extract(string sql)
    {
        var stripped = Literals().Replace(sql, " ");
        var names = new List<string>();
        foreach (Match match in Parameter().Matches(stripped))
        {
            var name = match.Groups[1].Value;
            if (!names.Contains(name))
            {
                names.Add(name);
            }
        }
        return names;
    }

    [GeneratedRegex(@"--[^\n]*|/\*.*?\*/|'(?:[^']|'')*'|""(?:[^""]|"""")*""|\[[^\]]*\]|`[^`]*`", RegexOptions.Singleline)]
    private static partial Regex Literals();

    [GeneratedRegex(@"(?<!:):(\w+)")]
    private static partial Regex Parameter();
}
