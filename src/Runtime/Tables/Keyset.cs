using System;
using System.Collections.Generic;
using System.Linq;
using Datasette.Gen.Runtime.Http;
using Datasette.Gen.Runtime.Sql;

namespace Datasette.Gen.Runtime.Tables;

/// <summary>
/// Keyset pagination tokens as Datasette encodes them: tilde-encoded key values joined by
/// commas, prefixed by the sort value (<c>$null</c> for NULL) on sorted tables.
/// </summary>
public static class Keyset
{
    public const string NullToken = "$null";

    public static string Token(IReadOnlyList<string?> key, bool sorted, bool sortIsNull, string? sortValue)
    {
        var parts = key.Select(v => Tilde.Encode(v ?? "None"));
        if (sorted)
        {
            parts = parts.Prepend(sortIsNull ? NullToken : Tilde.Encode(sortValue ?? ""));
        }
        return string.Join(",", parts);
    }

    /// <summary>
    /// The WHERE clause that continues after <paramref name="token"/>, or null when the token
    /// does not fit the key (Datasette then silently ignores it).
    /// </summary>
    public static string? Predicate(string token, IReadOnlyList<string> keyColumns, string? sortColumn, bool descending, Dictionary<string, object?> parameters)
    {
        var components = token.Split(',');
        object? sortValue = null;
        var sortIsNull = false;
        if (sortColumn is not null)
        {
            if (components.Length < 2)
            {
                return null;
            }
            sortIsNull = components[0] == NullToken;
            sortValue = sortIsNull ? null : Tilde.Decode(components[0]);
            components = components[1..];
        }
        if (components.Length != keyColumns.Count)
        {
            return null;
        }
        var keyParams = new string[components.Length];
        for (var i = 0; i < components.Length; i++)
        {
            keyParams[i] = Add(parameters, Tilde.Decode(components[i]));
        }
        var keyPredicate = Lexicographic(keyColumns, keyParams);
        if (sortColumn is null)
        {
            return keyPredicate;
        }
        var column = SqlIdentifier.Quote(sortColumn);
        if (sortIsNull)
        {
            return descending
                ? $"({column} is null and {keyPredicate})"
                : $"({column} is not null or ({column} is null and {keyPredicate}))";
        }
        var value = Add(parameters, sortValue);
        return descending
            ? $"({column} < {value} or {column} is null or ({column} = {value} and {keyPredicate}))"
            : $"({column} > {value} or ({column} = {value} and {keyPredicate}))";
    }

    /// <summary>((a > :a) or (a = :a and b > :b) or …)</summary>
    private static string Lexicographic(IReadOnlyList<string> columns, string[] values)
    {
        var alternatives = new List<string>();
        for (var i = 0; i < columns.Count; i++)
        {
            var terms = new List<string>();
            for (var j = 0; j < i; j++)
            {
                terms.Add($"{SqlIdentifier.Quote(columns[j])} = {values[j]}");
            }
            terms.Add($"{SqlIdentifier.Quote(columns[i])} > {values[i]}");
            alternatives.Add("(" + string.Join(" and ", terms) + ")");
        }
        return "(" + string.Join(" or ", alternatives) + ")";
    }

    private static string Add(Dictionary<string, object?> parameters, object? value)
    {
        var name = "p" + parameters.Count;
        parameters[name] = value;
        return ":" + name;
    }
}
