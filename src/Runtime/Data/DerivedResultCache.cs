using System.Collections.Concurrent;

namespace Datasette.Gen.Runtime.Data;

/// <summary>
/// Results derived from one database's contents alone (a filtered row count, the facets worth
/// suggesting), kept under the database's <see cref="Database.ContentVersion"/>: the HTML table page
/// computes them on every request, one probe query per column, though they change only when the
/// data does. The version is read before the result's queries run, so a result is never kept under
/// a name older than the data it missed; any commit moves the version, and lookups under the new
/// one miss. Only the current version's entries are kept (a new version replaces them all), at most
/// <see cref="MaxEntries"/> and <see cref="MaxKeyChars"/> characters of keys, so arguments an
/// attacker varies cannot grow it. A result is not kept when its request's answer varies (a time
/// limit cut a query short, or the SQL read the clock or called random()), nor outside a request,
/// where that cannot be told.
/// </summary>
internal sealed class DerivedResultCache
{
    internal const int MaxEntries = 1024;
    internal const long MaxKeyChars = 1L << 20;

    private Generation? _current;

    /// <summary>Entries held now (tests).</summary>
    internal int Count => Volatile.Read(ref _current)?.Entries.Count ?? 0;

    /// <summary>
    /// The result kept for <paramref name="key"/> under <paramref name="database"/>'s current content,
    /// else <paramref name="compute"/>'s, kept when <paramref name="keep"/> says it is a real answer
    /// (not a failure or a time-out) and nothing made the request's answer vary.
    /// </summary>
    public T GetOrCompute<T>(Database database, string key, Func<T> compute, Func<T, bool> keep)
    {
        var scope = RequestScope.Now;
        // Outside a request, or once its answer already varies, nothing computed here could be kept.
        var version = scope is null || scope.AnswerVaries ? null : scope.ContentVersionOf(database);
        if (version is null)
        {
            return compute();
        }
        var generation = Volatile.Read(ref _current);
        if (generation is not null && generation.Version == version && generation.Entries.TryGetValue(key, out var kept))
        {
            return (T)kept!;
        }
        var value = compute();
        if (keep(value) && !scope!.AnswerVaries)
        {
            Add(version, key, value);
        }
        return value;
    }

    /// <summary>
    /// A key of the parts given and the query's parameters, each value with its type (the integer 1
    /// and the text "1" select different rows). Every piece is written with its length first, so no
    /// text an argument holds can make two different queries share a key.
    /// </summary>
    public static string Key(IReadOnlyDictionary<string, object?>? parameters, params string[] parts)
    {
        var builder = new System.Text.StringBuilder();
        foreach (var part in parts)
        {
            Piece(builder, part);
        }
        if (parameters is not null)
        {
            foreach (var (name, value) in parameters)
            {
                Piece(builder, name);
                Piece(builder, value switch
                {
                    null or DBNull => "n",
                    long number => "i" + number.ToString(System.Globalization.CultureInfo.InvariantCulture),
                    int number => "i" + number.ToString(System.Globalization.CultureInfo.InvariantCulture),
                    double real => "r" + real.ToString("R", System.Globalization.CultureInfo.InvariantCulture),
                    byte[] blob => "b" + Convert.ToBase64String(blob),
                    _ => "s" + Convert.ToString(value, System.Globalization.CultureInfo.InvariantCulture),
                });
            }
        }
        return builder.ToString();
    }

    private static void Piece(System.Text.StringBuilder builder, string text) =>
        builder.Append(text.Length).Append(':').Append(text);

    private void Add(string version, string key, object? value)
    {
        var generation = Volatile.Read(ref _current);
        if (generation is null || generation.Version != version)
        {
            // A request that read an older version may arrive last and swap it back: only misses follow.
            var fresh = new Generation(version);
            generation = Interlocked.CompareExchange(ref _current, fresh, generation) == generation ? fresh : Volatile.Read(ref _current)!;
            if (generation.Version != version)
            {
                return;
            }
        }
        if (generation.Entries.Count >= MaxEntries || Interlocked.Add(ref generation.KeyChars, key.Length) > MaxKeyChars)
        {
            // Full: start afresh rather than refuse every new key for the life of this version.
            Interlocked.CompareExchange(ref _current, new Generation(version), generation);
            return;
        }
        generation.Entries.TryAdd(key, value);
    }

    private sealed class Generation(string version)
    {
        public string Version { get; } = version;

        public ConcurrentDictionary<string, object?> Entries { get; } = new(StringComparer.Ordinal);

        public long KeyChars;
    }
}
