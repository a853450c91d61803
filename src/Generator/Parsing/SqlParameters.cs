using System.Text.RegularExpressions;

namespace Datasette.Gen.Generator.Parsing;

/// <summary>
/// The :named parameters of stored-query SQL, found as the runtime finds them
/// (src/Runtime/Sql/NamedParameters.cs): comments and quoted text ignored, first appearance order.
/// </summary>
internal static class SqlParameters
{
    private static readonly Regex Literals = new(@"--[^\n]*|/\*.*?\*/|'(?:[^']|'')*'|""(?:[^""]|"""")*""|\[[^\]]*\]|`[^`]*`", RegexOptions.Singleline | RegexOptions.CultureInvariant);
    private static readonly Regex Parameter = new(@"(?<!:):(\w+)", RegexOptions.CultureInvariant);

    public static List<string> Extract(string sql)
    {
        var names = new List<string>();
        foreach (Match match in Parameter.Matches(Literals.Replace(sql, " ")))
        {
            var name = match.Groups[1].Value;
            if (!names.Contains(name))
            {
                names.Add(name);
            }
        }
        return names;
    }
}
