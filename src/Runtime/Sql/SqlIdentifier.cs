using System.Text.RegularExpressions;

namespace Datasette.Gen.Runtime.Sql;

/// <summary>Quoting of table and column names in generated SQL.</summary>
internal static partial class SqlIdentifier
{
    private static readonly HashSet<string> Keywords = new(System.StringComparer.OrdinalIgnoreCase)
    {
        "abort", "action", "add", "after", "all", "alter", "analyze", "and", "as", "asc", "attach", "autoincrement",
        "before", "begin", "between", "by", "cascade", "case", "cast", "check", "collate", "column", "commit",
        "conflict", "constraint", "create", "cross", "current_date", "current_time", "current_timestamp", "database",
        "default", "deferrable", "deferred", "delete", "desc", "detach", "distinct", "drop", "each", "else", "end",
        "escape", "except", "exclusive", "exists", "explain", "fail", "for", "foreign", "from", "full", "glob", "group",
        "having", "if", "ignore", "immediate", "in", "index", "indexed", "initially", "inner", "insert", "instead",
        "intersect", "into", "is", "isnull", "join", "key", "left", "like", "limit", "match", "natural", "no", "not",
        "notnull", "null", "of", "offset", "on", "or", "order", "outer", "plan", "pragma", "primary", "query", "raise",
        "recursive", "references", "regexp", "reindex", "release", "rename", "replace", "restrict", "right", "rollback",
        "row", "savepoint", "select", "set", "table", "temp", "temporary", "then", "to", "transaction", "trigger",
        "union", "unique", "update", "using", "vacuum", "values", "view", "virtual", "when", "where", "with", "without",
    };

    /// <summary>The name as is when it is a plain identifier, else double-quoted.</summary>
    public static string Escape(string name) =>
        PlainIdentifier().IsMatch(name) && !Keywords.Contains(name) ? name : Quote(name);

    /// <summary>Always double-quoted, embedded quotes doubled.</summary>
    public static string Quote(string name) => "\"" + name.Replace("\"", "\"\"") + "\"";

    [GeneratedRegex("^[A-Za-z_][A-Za-z0-9_]*$")]
    private static partial Regex PlainIdentifier();
}
