using Datasette.Gen.Configuration.Model;
using Datasette.Gen.Runtime.Data;
using Datasette.Gen.Runtime.Errors;
using Datasette.Gen.Runtime.Http;
using Datasette.Gen.Runtime.Json;
using Datasette.Gen.Runtime.Sql;

namespace Datasette.Gen.Runtime.Querying;

/// <summary>
/// One requested facet: its type, column, and the query-string pair (or config entry) that asked for
/// it. A plugin's facet type (register_facet_classes) sets <paramref name="PluginType"/>, which then wins over <paramref name="Type"/>.
/// </summary>
internal sealed record FacetRequest(FacetType Type, string Column, bool FromConfig, string? ArgName, string? ArgValue, string? PluginType = null)
{
    /// <summary>The facet's <c>type</c> in the JSON: column, date, array or the plugin's.</summary>
    public string TypeName => PluginType ?? Facets.TypeName(Type);
}

/// <summary>One value of a facet with its count and the URL that toggles it.</summary>
internal sealed record FacetValue(object Value, object Label, long Count, string ToggleUrl, bool Selected);

/// <summary>A computed facet, as Datasette's facet_results entries.</summary>
internal sealed record FacetResult(string Key, FacetRequest Request, IReadOnlyList<FacetValue> Values, bool Truncated, string ToggleUrl);

/// <summary>
/// Column, date and array facets over the filtered table (<c>_facet</c>, <c>_facet_date</c>,
/// <c>_facet_array</c>, configured facets), each under facet_time_limit_ms.
/// </summary>
internal static class Facets
{
    public static string TypeName(FacetType type) => type switch
    {
        FacetType.Date => "date",
        FacetType.Array => "array",
        _ => "column",
    };

    public static bool HasFacetArguments(QueryArgs args)
    {
        var pairs = args.Pairs;
        for (var i = 0; i < pairs.Count; i++)
        {
            if (pairs[i].Key.StartsWith("_facet", StringComparison.Ordinal))
            {
                return true;
            }
        }
        return false;
    }

    public static List<FacetRequest> Requested(QueryArgs args, TableConfig? config, bool includeConfigured)
    {
        var requests = new List<FacetRequest>();
        if (includeConfigured && config is not null)
        {
            requests.AddRange(config.Facets.Select(f => new FacetRequest(f.Type, f.Column, true, null, null)));
        }
        foreach (var (key, value) in args.Pairs)
        {
            var type = key switch
            {
                "_facet" => FacetType.Column,
                "_facet_date" => FacetType.Date,
                "_facet_array" => FacetType.Array,
                _ => (FacetType?)null,
            };
            if (type is null || value.Length == 0)
            {
                continue;
            }
            var column = value.StartsWith('{') ? ColumnFromJson(value) : value;
            if (!requests.Any(r => r.Type == type && r.Column == column))
            {
                requests.Add(new FacetRequest(type.Value, column, false, key, value));
            }
        }
        return requests;
    }

    public static int Size(QueryArgs args, TableConfig? config, Settings settings)
    {
        var max = settings.MaxReturnedRows;
        var requested = args.Get("_facet_size");
        if (requested == "max")
        {
            return max;
        }
        if (requested is not null && int.TryParse(requested, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var size) && size > 0)
        {
            return Math.Min(size, max);
        }
        return Math.Min(config?.FacetSize?.Resolve(max) ?? settings.DefaultFacetSize, max);
    }

    /// <summary>Computes every facet; those that time out are listed in <paramref name="timedOut"/> instead.</summary>
    public static List<FacetResult> Compute(QueryContext context, Database database, TableInfo table, TableQuery query,
        IReadOnlyList<FacetRequest> facets, int size, List<string> timedOut, HashSet<string>? takenKeys = null)
    {
        var results = new List<FacetResult>();
        var keys = takenKeys ?? new HashSet<string>();
        var baseSql = $"select * from {SqlIdentifier.Escape(table.Name)}{query.FilterWhere}";
        foreach (var facet in facets)
        {
            TableQuery.EnsureColumn(table, facet.Column);
            var key = facet.Column;
            for (var suffix = 2; !keys.Add(key); suffix++)
            {
                key = $"{facet.Column}_{suffix}";
            }
            var c = SqlIdentifier.Quote(facet.Column);
            var sql = facet.Type switch
            {
                FacetType.Date => $"select date({c}) as value, count(*) as count from ({baseSql}) where date({c}) is not null group by date({c}) order by count desc, value limit {size + 1}",
                FacetType.Array => $"select j.value as value, count(distinct t.__row) as count from (select row_number() over () as __row, * from ({baseSql})) t, json_each(t.{c}) j " +
                    $"where json_valid(t.{c}) and json_type(t.{c}) = 'array' group by j.value order by count desc, value limit {size + 1}",
                _ => $"select {c} as value, count(*) as count from ({baseSql}) where {c} is not null group by {c} order by count desc, value limit {size + 1}",
            };
            List<(object Value, string ValueText, long Count, string Key)> rows;
            try
            {
                rows = QueryRunner.Run(database, sql, query.Parameters, TimeLimits.Effective(context.Settings.SqlTimeLimitMs, context.Settings.FacetTimeLimitMs), reader =>
                {
                    var list = new List<(object, string, long, string)>();
                    while (reader.Read())
                    {
                        list.Add((reader.GetValue(0), SqliteJson.ToText(reader, 0) ?? "", reader.GetInt64(1), CellValues.Key(reader, 0)));
                    }
                    return list;
                });
            }
            catch (QueryInterruptedException)
            {
                timedOut.Add(key);
                continue;
            }
            var truncated = rows.Count > size;
            if (truncated)
            {
                rows.RemoveAt(rows.Count - 1);
            }
            var labels = facet.Type == FacetType.Column ? LabelsFor(context, database, table, facet.Column, rows.Select(r => r.Value).ToList()) : null;
            var values = new List<FacetValue>();
            foreach (var row in rows)
            {
                // NULL (the one a subquery's rowid reads as) is selected by Python's str(None), and
                // Datasette's path_with_added_args drops an argument given None rather than adding it.
                var isNull = row.Value is DBNull;
                var (name, selectedValue) = SelectionPair(facet, isNull ? "None" : row.ValueText);
                var selected = context.Args.Pairs.Any(p => p.Key == name && p.Value == selectedValue);
                var toggle = selected
                    ? context.Origin + context.RawPath + RemovePair(context.Args, name, selectedValue)
                    : isNull
                        ? context.Origin + context.RawPath + context.Args.ToQueryString(remove: [name])
                        : context.Origin + context.RawPath + context.Args.ToQueryString(append: new[] { new KeyValuePair<string, string>(name, selectedValue) });
                object label = labels is not null && labels.TryGetValue(row.Key, out var text) ? text : row.Value;
                values.Add(new FacetValue(row.Value, label, row.Count, toggle, selected));
            }
            var facetToggle = facet.ArgName is null
                ? context.RawPath + context.Args.ToQueryString()
                : context.RawPath + RemovePair(context.Args, facet.ArgName, facet.ArgValue!);
            results.Add(new FacetResult(key, facet, values, truncated, facetToggle));
        }
        return results;
    }

    /// <summary>The query-string pair that selects a value: column=value, or an explicit operator.</summary>
    private static (string Name, string Value) SelectionPair(FacetRequest facet, string value) => facet.Type switch
    {
        FacetType.Date => ($"{facet.Column}__date", value),
        FacetType.Array => ($"{facet.Column}__arraycontains", value),
        _ => (facet.Column.StartsWith('_') ? $"{facet.Column}__exact" : facet.Column, value),
    };

    private static string RemovePair(QueryArgs args, string name, string value)
    {
        var kept = args.Pairs.Where(p => !(p.Key == name && p.Value == value)).ToList();
        return new QueryArgs(kept).ToQueryString();
    }

    private static Dictionary<string, string>? LabelsFor(QueryContext context, Database database, TableInfo table, string column, List<object> values)
    {
        var key = table.Outgoing.FirstOrDefault(fk => fk.Column == column);
        if (key is null)
        {
            return null;
        }
        var expanded = ForeignKeyLabels.Lookup(context, database, new[] { key }, new Dictionary<string, List<object>> { [column] = values });
        return expanded.Count == 1 ? expanded[0].Labels : null;
    }

    private static string ColumnFromJson(string value)
    {
        try
        {
            using var document = System.Text.Json.JsonDocument.Parse(value);
            return document.RootElement.TryGetProperty("column", out var column) && column.ValueKind == System.Text.Json.JsonValueKind.String
                ? column.GetString()!
                : throw DatasetteHttpException.BadRequest($"Invalid facet: {value}");
        }
        catch (System.Text.Json.JsonException)
        {
            throw DatasetteHttpException.BadRequest($"Invalid facet: {value}");
        }
    }
}
