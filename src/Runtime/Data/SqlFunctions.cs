using System.Text;
using Microsoft.Data.Sqlite;

namespace Datasette.Gen.Runtime.Data;

/// <summary>SQL functions Datasette registers on every connection.</summary>
internal static class SqlFunctions
{
    public static void Register(SqliteConnection connection) =>
        connection.CreateFunction<string?, string?>("escape_fts", EscapeFts, isDeterministic: true);

    /// <summary>
    /// Quotes every search term so FTS operators match literally: balance quotes, keep
    /// "quoted phrases" whole, drop empty tokens, wrap the rest in double quotes.
    /// </summary>
    public static string? EscapeFts(string? query)
    {
        if (query is null)
        {
            return null;
        }
        var quotes = 0;
        foreach (var c in query)
        {
            if (c == '"')
            {
                quotes++;
            }
        }
        if (quotes % 2 == 1)
        {
            query += "\"";
        }
        var tokens = new List<string>();
        var current = new StringBuilder();
        var inPhrase = false;
        foreach (var c in query)
        {
            if (c == '"')
            {
                current.Append(c);
                inPhrase = !inPhrase;
                continue;
            }
            if (!inPhrase && char.IsWhiteSpace(c))
            {
                tokens.Add(current.ToString());
                current.Clear();
                continue;
            }
            current.Append(c);
        }
        tokens.Add(current.ToString());
        var output = new List<string>();
        foreach (var token in tokens)
        {
            if (token.Length == 0 || token == "\"\"")
            {
                continue;
            }
            output.Add(token.StartsWith('"') && token.EndsWith('"') && token.Length > 1 ? token : $"\"{token}\"");
        }
        return string.Join(" ", output);
    }
}
