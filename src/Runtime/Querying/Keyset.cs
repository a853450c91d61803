using System.Globalization;
using Datasette.Gen.Configuration.Sqlite;
using Datasette.Gen.Configuration.UrlEncoding;
using Datasette.Gen.Runtime.Data;
using Datasette.Gen.Runtime.Errors;
using Datasette.Gen.Runtime.Http;
using Datasette.Gen.Runtime.Json;
using Datasette.Gen.Runtime.Sql;
using Microsoft.Data.Sqlite;

namespace Datasette.Gen.Runtime.Querying;

/// <summary>
/// Keyset pagination tokens: tilde-encoded key values joined by commas, prefixed by the sort
/// value (<c>$null</c> for NULL) on sorted tables — Datasette's tokens, byte for byte, whenever
/// a value's text reads back as the same value in its column.
/// </summary>
/// <remarks>
/// Datasette writes every value as text and compares the column with that text, which only
/// works where the column's affinity turns the text back into the value. A BLOB (text never
/// equals a blob: the next page starts over, forever), a REAL infinity (<c>inf</c> stays text,
/// greater than every number: pagination stops) or an INTEGER in a column without affinity
/// (text is greater than every number) broke it. Such values are written with their storage
/// class instead (<c>$int.</c>, <c>$real.</c>, <c>$text.</c>, <c>$blob.</c> + hex) and bound as
/// that class, so the comparison in SQL orders them exactly as ORDER BY does.
/// </remarks>
internal static class Keyset
{
    public const string NullToken = "$null";

    private const string IntegerPrefix = "$int.";
    private const string RealPrefix = "$real.";
    private const string TextPrefix = "$text.";
    private const string BlobPrefix = "$blob.";

    /// <summary>The <c>next</c> token after a row whose key values are <paramref name="key"/> and sort value <paramref name="sortValue"/>.</summary>
    public static string Token(TableInfo table, string? sortColumn, IReadOnlyList<object?> key, object? sortValue)
    {
        var keyColumns = table.KeyColumns;
        var parts = new List<string>(key.Count + 1);
        if (sortColumn is not null)
        {
            parts.Add(Encode(sortValue, Affinity(table, sortColumn)));
        }
        for (var i = 0; i < key.Count; i++)
        {
            parts.Add(Encode(key[i], Affinity(table, keyColumns[i])));
        }
        return string.Join(",", parts);
    }

    /// <summary>
    /// The WHERE clause that continues after <paramref name="token"/>, or null when the token
    /// does not fit the key (Datasette then silently ignores it).
    /// </summary>
    public static string? Predicate(string token, TableInfo table, string? sortColumn, bool descending, Dictionary<string, object?> parameters)
    {
        var keyColumns = table.KeyColumns;
        var components = token.Split(',');
        if (components.Length != keyColumns.Count + (sortColumn is null ? 0 : 1))
        {
            return null;
        }
        var offset = sortColumn is null ? 0 : 1;
        var keyValues = new object?[keyColumns.Count];
        for (var i = 0; i < keyValues.Length; i++)
        {
            keyValues[i] = Decode(components[i + offset], Affinity(table, keyColumns[i]));
        }
        var keyPredicate = Lexicographic(keyColumns, keyValues, parameters);
        if (sortColumn is null)
        {
            return keyPredicate;
        }
        var column = SqlIdentifier.Quote(sortColumn);
        var sortValue = Decode(components[0], Affinity(table, sortColumn));
        // NULLs come first ascending and last descending, as in SQLite's ORDER BY.
        if (sortValue is null)
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

    /// <summary>Datasette's text for the value when it reads back as the same value; else the value with its storage class.</summary>
    internal static string Encode(object? value, string? affinity)
    {
        var plain = value switch
        {
            null => null,
            long integer => integer.ToString(CultureInfo.InvariantCulture),
            double real => SqliteJson.PythonFloat(real),
            string text => text,
            _ => null,
        };
        if (plain is not null && SameValue(DecodePlain(plain, affinity), value))
        {
            return TildeEncoding.Encode(plain);
        }
        return value switch
        {
            null => NullToken,
            long integer => IntegerPrefix + integer.ToString(CultureInfo.InvariantCulture),
            double real => RealPrefix + SqliteJson.PythonFloat(real),
            string text => TextPrefix + TildeEncoding.Encode(text),
            byte[] blob => BlobPrefix + Convert.ToHexString(blob),
            _ => throw new ArgumentException($"Not a SQLite value: {value.GetType()}", nameof(value)),
        };
    }

    /// <summary>A token component back to the value it was written from.</summary>
    internal static object? Decode(string component, string? affinity)
    {
        if (component == NullToken)
        {
            return null;
        }
        if (component.StartsWith('$'))
        {
            return DecodeTyped(component) ?? throw DatasetteHttpException.BadRequest($"Invalid _next value: {component}");
        }
        return DecodePlain(TildeEncoding.Decode(component), affinity);
    }

    private static object? DecodeTyped(string component)
    {
        if (component.StartsWith(IntegerPrefix, StringComparison.Ordinal))
        {
            return long.TryParse(component.AsSpan(IntegerPrefix.Length), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var integer) ? integer : null;
        }
        if (component.StartsWith(RealPrefix, StringComparison.Ordinal))
        {
            return component[RealPrefix.Length..] switch
            {
                "inf" => double.PositiveInfinity,
                "-inf" => double.NegativeInfinity,
                var text => ParseFinite(text) is { } real ? real : null,
            };
        }
        if (component.StartsWith(TextPrefix, StringComparison.Ordinal))
        {
            return TildeEncoding.Decode(component[TextPrefix.Length..]);
        }
        if (component.StartsWith(BlobPrefix, StringComparison.Ordinal))
        {
            try
            {
                return Convert.FromHexString(component.AsSpan(BlobPrefix.Length));
            }
            catch (FormatException)
            {
                return null;
            }
        }
        return null;
    }

    /// <summary>What SQLite's affinity makes of the text when comparing it with the column: a number in a numeric column when it reads as one.</summary>
    private static object DecodePlain(string text, string? affinity)
    {
        if (affinity is "INTEGER" or "REAL" or "NUMERIC")
        {
            if (long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var integer))
            {
                return integer;
            }
            if (ParseFinite(text) is { } real)
            {
                return real;
            }
        }
        return text;
    }

    private static double? ParseFinite(string text) =>
        double.TryParse(text, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint | NumberStyles.AllowExponent, CultureInfo.InvariantCulture, out var real)
        && double.IsFinite(real) ? real : null;

    private static bool SameValue(object decoded, object? value) => value switch
    {
        long integer => decoded is long other && other == integer,
        double real => decoded is double other && other.Equals(real),
        string text => decoded is string other && other == text,
        _ => false,
    };

    /// <summary>The column's affinity; rowid (not a declared column) is an integer.</summary>
    private static string? Affinity(TableInfo table, string column)
    {
        foreach (var info in table.Columns)
        {
            if (info.Name == column)
            {
                return SqliteAffinity.Of(info.Type);
            }
        }
        return column == "rowid" ? "INTEGER" : null;
    }

    /// <summary>((a > :a) or (a = :a and b > :b) or …), a NULL key value sorting first.</summary>
    private static string Lexicographic(IReadOnlyList<string> columns, object?[] values, Dictionary<string, object?> parameters)
    {
        var names = new string?[values.Length];
        for (var i = 0; i < values.Length; i++)
        {
            names[i] = values[i] is null ? null : Add(parameters, values[i]);
        }
        var alternatives = new List<string>();
        for (var i = 0; i < columns.Count; i++)
        {
            var terms = new List<string>();
            for (var j = 0; j < i; j++)
            {
                var equal = SqlIdentifier.Quote(columns[j]);
                terms.Add(names[j] is { } name ? $"{equal} = {name}" : $"{equal} is null");
            }
            var column = SqlIdentifier.Quote(columns[i]);
            terms.Add(names[i] is { } greater ? $"{column} > {greater}" : $"{column} is not null");
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
