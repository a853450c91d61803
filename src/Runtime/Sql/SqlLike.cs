using System.Text;

namespace Datasette.Gen.Runtime.Sql;

/// <summary>
/// SQLite's default <c>LIKE</c> for text filtered in memory: <c>%</c> is any run of characters,
/// <c>_</c> exactly one, and only ASCII letters compare case-insensitively.
/// </summary>
internal static class SqlLike
{
    public static bool Matches(string text, string pattern)
    {
        var t = text.EnumerateRunes().Select(Fold).ToArray();
        var p = pattern.EnumerateRunes().Select(Fold).ToArray();
        // Iterative wildcard match: remember the last % and retry from one character further on a mismatch.
        int ti = 0, pi = 0, star = -1, resume = 0;
        while (ti < t.Length)
        {
            if (pi < p.Length && p[pi] == '%')
            {
                star = pi++;
                resume = ti;
            }
            else if (pi < p.Length && (p[pi] == '_' || p[pi] == t[ti]))
            {
                pi++;
                ti++;
            }
            else if (star >= 0)
            {
                pi = star + 1;
                ti = ++resume;
            }
            else
            {
                return false;
            }
        }
        while (pi < p.Length && p[pi] == '%')
        {
            pi++;
        }
        return pi == p.Length;
    }

    private static int Fold(Rune rune) => rune.Value is >= 'A' and <= 'Z' ? rune.Value + 32 : rune.Value;
}
