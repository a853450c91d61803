using System.Text.Json;
using Datasette.Gen.Configuration.Model;
using Datasette.Gen.Runtime.Data;
using Datasette.Gen.Runtime.Http;
using Datasette.Gen.Runtime.Sql;

namespace Datasette.Gen.Runtime.Querying;

/// <summary>A facet worth offering: its column, type (or a plugin's facet type) and the URL that turns it on.</summary>
internal sealed record FacetSuggestion(string Column, FacetType Type, string ToggleUrl, string? PluginType = null);

/// <summary>
/// Suggests column, date and array facets the way Datasette does, each probe under
/// facet_suggest_time_limit_ms; a probe that fails or times out just suggests nothing.
/// </summary>
internal static class SuggestedFacets
{
    public static List<FacetSuggestion> Compute(QueryContext context, Database database, TableInfo table, TableQuery query,
        IReadOnlyList<FacetRequest> active, int facetSize, long? rowCount)
    {
        // What is worth suggesting depends on the data alone; the toggle URLs on the request.
        var key = DerivedResultCache.Key(query.Parameters, "suggested-facets", table.Name, query.FilterWhere,
            string.Join(",", active.Select(f => f.Type + ":" + f.Column.Length + ":" + f.Column)),
            facetSize.ToString(System.Globalization.CultureInfo.InvariantCulture),
            rowCount?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "");
        var found = database.Derived.GetOrCompute(database, key, () => Find(context, database, table, query, active, facetSize, rowCount), static _ => true);
        var suggestions = new List<FacetSuggestion>(found.Length);
        // The page's own arguments once, each suggestion appending its pair (as ToQueryString's append would).
        string? toggleBase = null;
        foreach (var (column, type) in found)
        {
            var arg = type switch
            {
                FacetType.Date => "_facet_date",
                FacetType.Array => "_facet_array",
                _ => "_facet",
            };
            toggleBase ??= context.Origin + context.RawPath + QueryArgs.BeforePair(context.Args.ToQueryString());
            suggestions.Add(new FacetSuggestion(column, type, toggleBase + arg + "=" + QueryArgs.QuotePlus(column)));
        }
        return suggestions;
    }

    /// <summary>Runs the probes: column facets first, then dates, then arrays, each in column order.</summary>
    private static (string Column, FacetType Type)[] Find(QueryContext context, Database database, TableInfo table, TableQuery query,
        IReadOnlyList<FacetRequest> active, int facetSize, long? rowCount)
    {
        var limit = TimeLimits.Effective(context.Settings.SqlTimeLimitMs, context.Settings.FacetSuggestTimeLimitMs);
        var baseSql = $"select * from {SqlIdentifier.Escape(table.Name)}{query.FilterWhere}";
        var columns = table.Columns.Where(c => c.Hidden == 0).Select(c => c.Name).ToList();
        var suggestions = new List<(string Column, FacetType Type)>();

        foreach (var column in columns.Where(c => !active.Any(f => f.Type == FacetType.Column && f.Column == c)))
        {
            var c = SqlIdentifier.Quote(column);
            var counts = Probe(database, $"select {c} as value, count(*) as n from ({baseSql}) where {c} is not null group by {c} limit {facetSize + 1}",
                query.Parameters, limit, reader => reader.GetInt64(1));
            if (counts is { Count: > 1 } && counts.Count <= facetSize && (rowCount is null || counts.Count < rowCount) && counts.Any(n => n > 1))
            {
                suggestions.Add((column, FacetType.Column));
            }
        }
        foreach (var column in columns.Where(c => !active.Any(f => f.Type == FacetType.Date && f.Column == c)))
        {
            var c = SqlIdentifier.Quote(column);
            var dates = Probe(database, $"select date({c}) from ({baseSql}) where {c} glob '????-??-*' limit 100", query.Parameters, limit,
                reader => reader.IsDBNull(0) ? null : reader.GetString(0));
            if (dates is not null && dates.Any(d => d is not null))
            {
                suggestions.Add((column, FacetType.Date));
            }
        }
        foreach (var column in columns.Where(c => !active.Any(f => f.Type == FacetType.Array && f.Column == c)))
        {
            if (IsArrayOfStrings(database, baseSql, column, query.Parameters, limit))
            {
                suggestions.Add((column, FacetType.Array));
            }
        }
        return suggestions.ToArray();
    }

    public static void Write(Utf8JsonWriter writer, IReadOnlyList<FacetSuggestion> suggestions)
    {
        writer.WriteStartArray("suggested_facets");
        foreach (var suggestion in suggestions)
        {
            writer.WriteStartObject();
            writer.WriteString("name", suggestion.Column);
            if (suggestion.PluginType is { } pluginType)
            {
                writer.WriteString("type", pluginType);
            }
            else if (suggestion.Type != FacetType.Column)
            {
                writer.WriteString("type", suggestion.Type == FacetType.Date ? "date" : "array");
            }
            writer.WriteString("toggle_url", suggestion.ToggleUrl);
            writer.WriteEndObject();
        }
        writer.WriteEndArray();
    }

    /// <summary>All non-empty values among the first 1000 rows are JSON arrays, and the first 100 hold only strings.</summary>
    private static bool IsArrayOfStrings(Database database, string baseSql, string column, IReadOnlyDictionary<string, object?> parameters, int limit)
    {
        var c = SqlIdentifier.Quote(column);
        var notArrays = Probe(database,
            $"select count(*) from (select {c} from ({baseSql}) where {c} is not null and {c} != '' limit 1000) where not (json_valid({c}) and json_type({c}) = 'array')",
            parameters, limit, reader => reader.GetInt64(0));
        var arrays = Probe(database,
            $"select count(*) from (select {c} from ({baseSql}) where {c} is not null and {c} != '' limit 1000)",
            parameters, limit, reader => reader.GetInt64(0));
        if (notArrays is not [0] || arrays is not [> 0])
        {
            return false;
        }
        var nonStrings = Probe(database,
            $"select count(*) from (select {c} from ({baseSql}) where {c} is not null and {c} != '' and json_array_length({c}) > 0 limit 100) t, json_each(t.{c}) j where j.type != 'text'",
            parameters, limit, reader => reader.GetInt64(0));
        return nonStrings is [0];
    }

    /// <summary>Runs one suggestion probe; its date() calls read column values only (see <see cref="QueryRunner.Run{T}"/>'s clockFree).</summary>
    private static List<T>? Probe<T>(Database database, string sql, IReadOnlyDictionary<string, object?> parameters, int limit, Func<Microsoft.Data.Sqlite.SqliteDataReader, T> read)
    {
        try
        {
            return QueryRunner.Run(database, sql, parameters, limit, clockFree: true, read: reader =>
            {
                var values = new List<T>();
                while (reader.Read())
                {
                    values.Add(read(reader));
                }
                return values;
            });
        }
        catch (Exception ex) when (ex is QueryInterruptedException or SqlErrorException)
        {
            return null;
        }
    }
}
