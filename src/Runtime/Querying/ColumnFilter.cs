using System.Text.Json;
using Datasette.Gen.Runtime.Errors;
using Datasette.Gen.Runtime.Http;
using Datasette.Gen.Runtime.Sql;

namespace Datasette.Gen.Runtime.Querying;

/// <summary>
/// One <c>column__op=value</c> argument turned into a WHERE clause with numbered parameters,
/// as Datasette's filters do it.
/// </summary>
internal static class ColumnFilter
{
    private static readonly HashSet<string> Operators = new(StringComparer.Ordinal)
    {
        "exact", "not", "contains", "notcontains", "endswith", "startswith", "gt", "gte", "lt", "lte",
        "like", "notlike", "glob", "in", "notin", "arraycontains", "arraynotcontains", "date",
        "isnull", "notnull", "isblank", "notblank",
    };

    /// <summary>Is this argument a column filter: not special (_), or containing __.</summary>
    public static bool IsFilterArgument(string key) => !key.StartsWith('_') || key.Contains("__", StringComparison.Ordinal);

    /// <summary>The column a filter argument names, or null when its operator is unknown (then it is ignored).</summary>
    public static string? Column(string key)
    {
        var split = key.LastIndexOf("__", StringComparison.Ordinal);
        return split < 0 ? key : Operators.Contains(key[(split + 2)..]) ? key[..split] : null;
    }

    /// <summary>Adds the clause for one filter argument; unknown operators are ignored.</summary>
    public static void Apply(string key, string value, string table, List<string> clauses, Dictionary<string, object?> parameters, List<string>? human = null)
    {
        string column;
        string op;
        var split = key.LastIndexOf("__", StringComparison.Ordinal);
        if (split < 0)
        {
            column = key;
            op = "exact";
        }
        else
        {
            column = key[..split];
            op = key[(split + 2)..];
        }
        if (!Operators.Contains(op))
        {
            return;
        }
        var c = SqlIdentifier.Quote(column);
        string Param(object? v)
        {
            var name = "p" + parameters.Count;
            parameters[name] = v;
            return ":" + name;
        }
        human?.Add(Describe(column, op, value));
        switch (op)
        {
            case "exact": clauses.Add($"{c} = {Param(value)}"); break;
            case "not": clauses.Add($"{c} != {Param(value)}"); break;
            case "contains": clauses.Add($"{c} like {Param($"%{value}%")}"); break;
            case "notcontains": clauses.Add($"{c} not like {Param($"%{value}%")}"); break;
            case "endswith": clauses.Add($"{c} like {Param($"%{value}")}"); break;
            case "startswith": clauses.Add($"{c} like {Param($"{value}%")}"); break;
            case "gt": clauses.Add($"{c} > {Param(Numeric(value))}"); break;
            case "gte": clauses.Add($"{c} >= {Param(Numeric(value))}"); break;
            case "lt": clauses.Add($"{c} < {Param(Numeric(value))}"); break;
            case "lte": clauses.Add($"{c} <= {Param(Numeric(value))}"); break;
            case "like": clauses.Add($"{c} like {Param(value)}"); break;
            case "notlike": clauses.Add($"{c} not like {Param(value)}"); break;
            case "glob": clauses.Add($"{c} glob {Param(value)}"); break;
            case "in":
            case "notin":
                var items = new List<string>();
                foreach (var item in BoundListValues(value))
                {
                    items.Add(Param(item));
                }
                // Datasette's InFilter quotes the column only when it must (escape_sqlite).
                clauses.Add($"{SqlIdentifier.Escape(column)} {(op == "in" ? "in" : "not in")} ({string.Join(", ", items)})");
                break;
            case "arraycontains":
                clauses.Add($"{Param(value)} in (select value from json_each([{table}].[{column}]))");
                break;
            case "arraynotcontains":
                clauses.Add($"{Param(value)} not in (select value from json_each([{table}].[{column}]))");
                break;
            case "date": clauses.Add($"date({c}) = {Param(value)}"); break;
            case "isnull": clauses.Add($"{c} is null"); break;
            case "notnull": clauses.Add($"{c} is not null"); break;
            case "isblank": clauses.Add($"({c} is null or {c} = '')"); break;
            case "notblank": clauses.Add($"({c} is not null and {c} != '')"); break;
        }
    }

    /// <summary>Datasette's English for one filter, as in human_description_en.</summary>
    private static string Describe(string column, string op, string value)
    {
        var quoted = IsDigits(value) ? value : $"\"{value}\"";
        return op switch
        {
            "exact" => $"{column} = {quoted}",
            "not" => $"{column} != {quoted}",
            "contains" or "arraycontains" => $"{column} contains \"{value}\"",
            "notcontains" or "arraynotcontains" => $"{column} does not contain \"{value}\"",
            "endswith" => $"{column} ends with \"{value}\"",
            "startswith" => $"{column} starts with \"{value}\"",
            "gt" => $"{column} > {value}",
            "gte" => $"{column} \u2265 {value}",
            "lt" => $"{column} < {value}",
            "lte" => $"{column} \u2264 {value}",
            "like" => $"{column} like \"{value}\"",
            "notlike" => $"{column} not like \"{value}\"",
            "glob" => $"{column} glob \"{value}\"",
            "in" => $"{column} in {JsonList(ListValues(value))}",
            "notin" => $"{column} not in {JsonList(ListValues(value))}",
            "date" => $"\"{column}\" is on date {value}",
            "isnull" => $"{column} is null",
            "notnull" => $"{column} is not null",
            "isblank" => $"{column} is blank",
            _ => $"{column} is not blank",
        };
    }

    private static string JsonList(List<string> values) => "[" + string.Join(", ", values.ConvertAll(v => $"\"{v}\"")) + "]";

    private static bool IsDigits(string value)
    {
        if (value.Length == 0)
        {
            return false;
        }
        foreach (var ch in value)
        {
            if (ch is < '0' or > '9')
            {
                return false;
            }
        }
        return true;
    }

    /// <summary>Values that are all ASCII digits compare as integers.</summary>
    private static object Numeric(string value)
    {
        if (value.Length is > 0 and < 19)
        {
            foreach (var ch in value)
            {
                if (ch is < '0' or > '9')
                {
                    return value;
                }
            }
            return long.Parse(value, System.Globalization.CultureInfo.InvariantCulture);
        }
        return value;
    }

    /// <summary>
    /// The in/notin values as bound: items of a JSON list keep their JSON type, as json.loads
    /// gives them to Datasette (numbers bind as numbers), comma lists bind as strings.
    /// </summary>
    private static List<object?> BoundListValues(string value)
    {
        var strings = ListValues(value);
        if (!value.StartsWith('['))
        {
            return strings.ConvertAll(v => (object?)v);
        }
        using var document = JsonDocument.Parse(value);
        var values = new List<object?>();
        foreach (var item in document.RootElement.EnumerateArray())
        {
            values.Add(item.ValueKind switch
            {
                JsonValueKind.Number when item.TryGetInt64(out var integer) => integer,
                JsonValueKind.Number => item.GetDouble(),
                JsonValueKind.True => 1L,
                JsonValueKind.False => 0L,
                JsonValueKind.Null => null,
                _ => strings[values.Count],
            });
        }
        return values;
    }

    private static List<string> ListValues(string value)
    {
        var values = new List<string>();
        if (value.StartsWith('['))
        {
            try
            {
                using var document = JsonDocument.Parse(value);
                if (document.RootElement.ValueKind == JsonValueKind.Array)
                {
                    foreach (var item in document.RootElement.EnumerateArray())
                    {
                        values.Add(item.ValueKind == JsonValueKind.String ? item.GetString()! : item.GetRawText());
                    }
                    return values;
                }
            }
            catch (JsonException)
            {
                throw DatasetteHttpException.BadRequest($"Invalid JSON list: {value}");
            }
        }
        foreach (var part in value.Split(','))
        {
            values.Add(part.Trim());
        }
        return values;
    }
}
