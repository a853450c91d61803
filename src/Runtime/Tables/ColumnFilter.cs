using System;
using System.Collections.Generic;
using System.Text.Json;
using Datasette.Gen.Runtime.Http;
using Datasette.Gen.Runtime.Sql;

namespace Datasette.Gen.Runtime.Tables;

/// <summary>
/// One <c>column__op=value</c> argument turned into a WHERE clause with numbered parameters,
/// as Datasette's filters do it.
/// </summary>
public static class ColumnFilter
{
    private static readonly HashSet<string> Operators = new(StringComparer.Ordinal)
    {
        "exact", "not", "contains", "notcontains", "endswith", "startswith", "gt", "gte", "lt", "lte",
        "like", "notlike", "glob", "in", "notin", "arraycontains", "arraynotcontains", "date",
        "isnull", "notnull", "isblank", "notblank",
    };

    /// <summary>Is this argument a column filter: not special (_), or containing __.</summary>
    public static bool IsFilterArgument(string key) => !key.StartsWith('_') || key.Contains("__", StringComparison.Ordinal);

    /// <summary>Adds the clause for one filter argument; unknown operators are ignored.</summary>
    public static void Apply(string key, string value, string table, List<string> clauses, Dictionary<string, object?> parameters)
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
                foreach (var item in ListValues(value))
                {
                    items.Add(Param(item));
                }
                clauses.Add($"{c} {(op == "in" ? "in" : "not in")} ({string.Join(", ", items)})");
                break;
            case "arraycontains":
                clauses.Add($"{Param(value)} in (select value from json_each({SqlIdentifier.Quote(table)}.{c}))");
                break;
            case "arraynotcontains":
                clauses.Add($"{Param(value)} not in (select value from json_each({SqlIdentifier.Quote(table)}.{c}))");
                break;
            case "date": clauses.Add($"date({c}) = {Param(value)}"); break;
            case "isnull": clauses.Add($"{c} is null"); break;
            case "notnull": clauses.Add($"{c} is not null"); break;
            case "isblank": clauses.Add($"({c} is null or {c} = '')"); break;
            case "notblank": clauses.Add($"({c} is not null and {c} != '')"); break;
        }
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
