using System.Text;
using Datasette.Gen.Runtime.Data;
using Datasette.Gen.Runtime.Errors;
using Datasette.Gen.Runtime.Http;
using Datasette.Gen.Runtime.Json;
using Datasette.Gen.Runtime.Querying;
using Datasette.Gen.Runtime.Sql;

namespace Datasette.Gen.Runtime.Endpoints.Write;

/// <summary>
/// <c>GET /{db}/{table}/-/autocomplete?q=</c> (read-api spec §14): up to ten rows whose key or label
/// contains <c>q</c>, for the foreign-key pickers of the table-editing forms. Each search has half a
/// second; one that runs out is retried as an indexed prefix search on the first key, and one that
/// runs out again answers no rows rather than holding the request. Its refusals are JSON, whatever
/// the path, like the write API's: the editing forms read them.
/// </summary>
internal static class TableAutocomplete
{
    private const int TimeLimitMs = 500;
    private const int Limit = 10;

    public static async Task HandleAsync(DatasetteRequest request, Datasette datasette)
    {
        try
        {
            await AnswerAsync(request, datasette).ConfigureAwait(false);
        }
        catch (WriteApiException refused) when (!request.Context.Response.HasStarted)
        {
            await WriteResponses.ErrorAsync(request, refused.Status, refused.Errors).ConfigureAwait(false);
        }
    }

    private static Task AnswerAsync(DatasetteRequest request, Datasette datasette)
    {
        var database = datasette.DatabaseByRoute(request.Route("database") ?? "") ?? throw WriteApiException.NotFound("Database not found");
        var table = database.Schema.Find(request.Route("table") ?? "") ?? throw WriteApiException.NotFound("Table not found");
        if (table.IsView)
        {
            throw WriteApiException.BadRequest("Autocomplete is only available for tables");
        }
        if (!request.Allowed("view-table", database.Name, table.Name))
        {
            throw WriteApiException.Forbidden("You do not have permission to view this table");
        }
        var keys = table.KeyColumns;
        var label = LabelColumns.For(datasette.Config, database, table);
        var q = request.Args.Get("q") ?? "";
        var initial = q.Length == 0 && request.Args.Get("_initial") is { Length: > 0 } flag && QueryArgs.IsTruthy(flag);
        if (q.Length == 0 && !initial)
        {
            return SendAsync(request, keys, label, Array.Empty<object?[]>());
        }

        var columns = keys.Append(label).OfType<string>().Distinct(StringComparer.Ordinal).ToList();
        var select = $"select {string.Join(", ", columns.Select(SqlIdentifier.Escape))} from {SqlIdentifier.Escape(table.Name)}";
        var parameters = new Dictionary<string, object?>
        {
            ["q"] = q,
            ["like"] = "%" + EscapeLike(q) + "%",
            ["prefix"] = EscapeLike(q) + "%",
        };
        var timeLimit = Math.Min(TimeLimitMs, datasette.Settings.SqlTimeLimitMs);
        string sql;
        if (initial)
        {
            sql = $"{select} where 1 = 1 order by {SqlIdentifier.Escape(keys[0])} desc{string.Concat(keys.Skip(1).Select(k => ", " + SqlIdentifier.Escape(k)))} limit {Limit}";
        }
        else
        {
            var searched = label is null || keys.Contains(label) ? keys : keys.Append(label);
            var where = string.Join(" or ", searched.Select(c => Like(c, "like")));
            sql = $"{select} where {where} order by {SearchOrder(keys, label)} limit {Limit}";
        }
        var rows = TryRun(database, sql, parameters, timeLimit, columns.Count);
        if (rows is null && !initial)
        {
            var fallbackWhere = Like(keys[0], "prefix");
            if (PrefixRangeEnd(q) is { } end)
            {
                // A range on the first key lets SQLite use its index; the LIKE keeps the escaped semantics.
                parameters["prefix_end"] = end;
                var first = SqlIdentifier.Escape(keys[0]);
                fallbackWhere = $"{first} >= :q and {first} < :prefix_end and {fallbackWhere}";
            }
            rows = TryRun(database, $"{select} where {fallbackWhere} order by {string.Join(", ", keys.Select(SqlIdentifier.Escape))} limit {Limit}",
                parameters, timeLimit, columns.Count);
        }
        return SendAsync(request, keys, label, rows ?? (IReadOnlyList<object?[]>)Array.Empty<object?[]>(), columns);
    }

    /// <summary>The key match first, then rows whose label matches, shorter labels, then the keys (no label: shorter key text).</summary>
    private static string SearchOrder(IReadOnlyList<string> keys, string? label)
    {
        var clauses = new List<string>();
        if (keys.Count == 1)
        {
            clauses.Add($"case when cast({SqlIdentifier.Escape(keys[0])} as text) = :q then 0 else 1 end");
        }
        if (label is not null)
        {
            var labelLike = Like(label, "like");
            clauses.Add($"case when {labelLike} then 0 else 1 end");
            clauses.Add($"case when {labelLike} then length(cast({SqlIdentifier.Escape(label)} as text)) end");
        }
        else
        {
            clauses.Add($"length(cast({SqlIdentifier.Escape(keys[0])} as text))");
        }
        clauses.AddRange(keys.Select(SqlIdentifier.Escape));
        return string.Join(", ", clauses);
    }

    private static string Like(string column, string parameter) => $"{SqlIdentifier.Escape(column)} like :{parameter} escape char(92)";

    private static string EscapeLike(string value) => value.Replace("\\", "\\\\").Replace("%", "\\%").Replace("_", "\\_");

    /// <summary>
    /// The first text after every text starting with <paramref name="value"/>: its last character
    /// that can be incremented, incremented (by code point, skipping the surrogate range); null if none can.
    /// </summary>
    internal static string? PrefixRangeEnd(string value)
    {
        var runes = value.EnumerateRunes().ToList();
        for (var i = runes.Count - 1; i >= 0; i--)
        {
            var next = runes[i].Value + 1;
            if (next is >= 0xD800 and <= 0xDFFF)
            {
                next = 0xE000;
            }
            if (next <= 0x10FFFF)
            {
                var builder = new StringBuilder();
                foreach (var rune in runes.Take(i))
                {
                    builder.Append(rune.ToString());
                }
                return builder.Append(new Rune(next).ToString()).ToString();
            }
        }
        return null;
    }

    /// <summary>The rows, or null when the time limit cut the query short.</summary>
    private static List<object?[]>? TryRun(Database database, string sql, Dictionary<string, object?> parameters, int timeLimitMs, int width)
    {
        try
        {
            return QueryRunner.Run(database, sql, parameters, timeLimitMs, reader =>
            {
                var rows = new List<object?[]>();
                while (reader.Read())
                {
                    var row = new object?[width];
                    for (var i = 0; i < width; i++)
                    {
                        row[i] = reader.IsDBNull(i) ? null : reader.GetValue(i);
                    }
                    rows.Add(row);
                }
                return rows;
            });
        }
        catch (QueryInterruptedException)
        {
            return null;
        }
    }

    private static Task SendAsync(DatasetteRequest request, IReadOnlyList<string> keys, string? label, IReadOnlyList<object?[]> rows, List<string>? columns = null)
    {
        using var body = new JsonBody();
        var writer = body.Writer;
        writer.WriteStartObject();
        writer.WriteBoolean("ok", true);
        writer.WriteStartArray("rows");
        foreach (var row in rows)
        {
            writer.WriteStartObject();
            writer.WriteStartObject("pks");
            foreach (var key in keys)
            {
                writer.WritePropertyName(key);
                RowJson.WriteObjectValue(writer, row[columns!.IndexOf(key)], jsonInfinity: false);
            }
            writer.WriteEndObject();
            if (label is not null)
            {
                writer.WritePropertyName("label");
                RowJson.WriteObjectValue(writer, row[columns!.IndexOf(label)], jsonInfinity: false);
            }
            writer.WriteEndObject();
        }
        writer.WriteEndArray();
        writer.WriteEndObject();
        return body.SendAsync(request.Context);
    }
}
