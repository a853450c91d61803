using System.Collections.Concurrent;
using System.Globalization;
using Datasette.Gen.Runtime.Http;

namespace Datasette.Gen.Runtime.Endpoints.Tables;

/// <summary>
/// The query string of the table page's "View and edit SQL" link, <c>?sql=…&amp;p0=…</c>. A page with default
/// arguments asks for the same SQL on every request, and encoding all of it each time showed in profiles: the
/// query strings of short SQL without parameters are kept, a bounded number of them (anonymous users choose
/// the filters, so the SQL, and must not grow memory).
/// </summary>
internal static class EditSqlLinks
{
    /// <summary>How many query strings are kept; past it they are all dropped (each is cheap to make again).</summary>
    internal const int Capacity = 1024;

    /// <summary>Longer SQL is encoded every time: the kept strings stay small.</summary>
    internal const int MaxKeptSqlLength = 2048;

    private static readonly ConcurrentDictionary<string, string> Kept = new(StringComparer.Ordinal);

    /// <summary>Query strings kept now (tests).</summary>
    internal static int KeptCount => Kept.Count;

    public static string QueryString(string sql, IReadOnlyDictionary<string, object?> parameters)
    {
        if (parameters.Count > 0 || sql.Length > MaxKeptSqlLength)
        {
            return Make(sql, parameters);
        }
        if (Kept.TryGetValue(sql, out var known))
        {
            return known;
        }
        var made = Make(sql, parameters);
        if (Kept.Count >= Capacity)
        {
            Kept.Clear();
        }
        Kept.TryAdd(sql, made);
        return made;
    }

    /// <summary>The query page shows the SQL on one line.</summary>
    private static string Make(string sql, IReadOnlyDictionary<string, object?> parameters)
    {
        var pairs = new List<KeyValuePair<string, string>> { new("sql", sql.Replace("\n", " ", StringComparison.Ordinal)) };
        foreach (var (name, value) in parameters)
        {
            pairs.Add(new(name, Convert.ToString(value, CultureInfo.InvariantCulture) ?? ""));
        }
        return new QueryArgs(pairs).ToQueryString();
    }
}
