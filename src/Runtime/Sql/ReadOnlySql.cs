using System.Text.RegularExpressions;
using Datasette.Gen.Runtime.Errors;
using Datasette.Gen.Runtime.Http;

namespace Datasette.Gen.Runtime.Sql;

/// <summary>
/// The first of Datasette's three read-only layers: user SQL must be a SELECT (or WITH /
/// EXPLAIN of one) and may use PRAGMA only through the allowed table-valued functions.
/// The other two layers are read-only connections and the time limit.
/// </summary>
internal static partial class ReadOnlySql
{
    private static readonly string[] AllowedPragmas =
    {
        "database_list", "foreign_key_list", "function_list", "index_info", "index_list", "index_xinfo",
        "page_count", "max_page_count", "page_size", "schema_version", "table_info", "table_xinfo", "table_list",
    };

    public static readonly string DisallowedPragmaMessage =
        "Statement contained a disallowed PRAGMA. Allowed pragma functions are " +
        string.Join(", ", System.Array.ConvertAll(AllowedPragmas, p => "pragma_" + p + "()"));

    public static void Validate(string sql)
    {
        var lines = sql.Split('\n');
        var kept = new System.Text.StringBuilder();
        foreach (var line in lines)
        {
            if (!line.Trim().StartsWith("--", System.StringComparison.Ordinal))
            {
                kept.Append(line).Append('\n');
            }
        }
        var text = kept.ToString().Trim().ToLowerInvariant();
        if (!AllowedStart().IsMatch(text))
        {
            throw DatasetteHttpException.BadRequest("Statement must be a SELECT", "Invalid SQL");
        }
        foreach (Match match in PragmaWord().Matches(text))
        {
            var function = match.Groups[1].Value;
            if (function.Length == 0 || System.Array.IndexOf(AllowedPragmas, function) < 0)
            {
                throw DatasetteHttpException.BadRequest(DisallowedPragmaMessage, "Invalid SQL");
            }
        }
    }

    [GeneratedRegex(@"^(\s*(--[^\n]*\n|/\*.*?\*/))*\s*(select|explain\s+select|explain\s+query\s+plan\s+select|with|explain\s+with|explain\s+query\s+plan\s+with)\b", RegexOptions.Singleline)]
    private static partial Regex AllowedStart();

    [GeneratedRegex(@"\bpragma(?:_(\w+))?\b", RegexOptions.Singleline)]
    private static partial Regex PragmaWord();
}
