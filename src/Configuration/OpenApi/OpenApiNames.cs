using System.Text;

namespace Datasette.Gen.Configuration.OpenApi;

/// <summary>URL paths, component keys and regular expressions built from database, table and column names.</summary>
public static class OpenApiNames
{
    /// <summary>
    /// A component key (OpenAPI allows <c>[A-Za-z0-9._-]</c>): the name with every other character
    /// replaced by <c>_</c> and, when anything was replaced, six hex digits of its SHA-256 so
    /// two names never share a key. Dots are replaced too, so "db.table" keys cannot collide.
    /// </summary>
    public static string Key(string name)
    {
        var builder = new StringBuilder(name.Length);
        var changed = name.Length == 0;
        foreach (var c in name)
        {
            if (c is (>= 'A' and <= 'Z') or (>= 'a' and <= 'z') or (>= '0' and <= '9') or '_' or '-')
            {
                builder.Append(c);
            }
            else
            {
                builder.Append('_');
                changed = true;
            }
        }
        if (changed)
        {
            builder.Append('-').Append(Hashing.Sha256Text.Hex(name).Substring(0, 6));
        }
        return builder.ToString();
    }

    public static string TableKey(string database, string table) => Key(database) + "." + Key(table);

    /// <summary>A literal for an ECMA-262 regular expression in Unicode mode: only syntax characters are escaped.</summary>
    public static string RegexLiteral(string text)
    {
        var builder = new StringBuilder(text.Length + 4);
        foreach (var c in text)
        {
            if ("^$\\.*+?()[]{}|/".IndexOf(c) >= 0)
            {
                builder.Append('\\');
            }
            builder.Append(c);
        }
        return builder.ToString();
    }
}
