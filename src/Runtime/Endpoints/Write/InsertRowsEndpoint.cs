using Datasette.Gen.Runtime.Events;
using Datasette.Gen.Runtime.Http;
using Datasette.Gen.Runtime.Sql;

namespace Datasette.Gen.Runtime.Endpoints.Write;

/// <summary>
/// <c>POST /{db}/{table}/-/insert</c> and <c>/-/upsert</c> (write-api spec §4, §5): the checks in
/// Datasette's order, then every row written in the request's own savepoint of the writer's next
/// transaction, answered once it committed.
/// </summary>
internal static class InsertRowsEndpoint
{
    private static readonly HashSet<string> Options = new(StringComparer.Ordinal) { "return", "ignore", "replace", "alter" };

    public static Task InsertAsync(DatasetteRequest request, Datasette datasette) =>
        WriteResponses.RunAsync(request, () => HandleAsync(request, datasette, upsert: false));

    public static Task UpsertAsync(DatasetteRequest request, Datasette datasette) =>
        WriteResponses.RunAsync(request, () => HandleAsync(request, datasette, upsert: true));

    private static async Task HandleAsync(DatasetteRequest request, Datasette datasette, bool upsert)
    {
        var target = WriteTable.Resolve(request, datasette);
        var (db, table) = (target.DatabaseName, target.Name);
        if (upsert)
        {
            if (!(request.Allowed("insert-row", db, table) && request.Allowed("update-row", db, table)))
            {
                throw WriteApiException.Forbidden("Permission denied: need both insert-row and update-row");
            }
        }
        else if (!request.Allowed("insert-row", db, table))
        {
            throw WriteApiException.Forbidden("Permission denied");
        }
        target.EnsureMutable();

        var body = await WriteRequestBody.ReadJsonAsync(request).ConfigureAwait(false);
        var (rows, options) = Validate(body, target, upsert, datasette.Settings.MaxInsertRows);
        rows = rows.Select(WriteValues.DecodeRow).ToList();
        await ColumnTypeChecks.EnsureValidAsync(datasette, target, rows).ConfigureAwait(false);

        var ignore = options.Truthy("ignore");
        var replace = options.Truthy("replace");
        var alter = options.Truthy("alter");
        if (upsert && (ignore || replace))
        {
            throw WriteApiException.BadRequest("Upsert does not support ignore or replace");
        }
        if (replace && !request.Allowed("update-row", db, table))
        {
            throw WriteApiException.Forbidden("Permission denied: need update-row to use \"replace\"");
        }
        if (alter && !request.Allowed("alter-table", db, table))
        {
            throw WriteApiException.Forbidden("Permission denied for alter-table");
        }
        var shouldReturn = options.Truthy("return");
        var conflict = replace ? " OR REPLACE" : ignore ? " OR IGNORE" : "";

        var result = await target.Database.WriteInTransactionAsync(connector =>
        {
            var connection = connector.Connection;
            var before = alter ? RowWrites.Schema(connection, table) : null;
            if (alter)
            {
                RowWrites.AddMissingColumns(connection, target, rows);
            }
            byte[]? returned = null;
            if (upsert)
            {
                foreach (var row in rows)
                {
                    RowWrites.UpsertOne(connection, target, row);
                }
                if (shouldReturn)
                {
                    returned = ReadBackByKeys(connection, target, rows);
                }
            }
            else if (shouldReturn)
            {
                var rowids = rows.Select(row => RowWrites.InsertOne(connection, target, row, conflict)).ToList();
                returned = ReadBackInserted(connection, target, rows, rowids);
            }
            else
            {
                RowWrites.InsertAll(connection, table, rows, conflict);
            }
            var after = alter ? RowWrites.Schema(connection, table) : null;
            return (Returned: returned, Before: before, After: after);
        }).ConfigureAwait(false);

        if (alter)
        {
            target.Database.InvalidateSchema();
        }
        await datasette.TrackEventAsync(upsert
            ? new UpsertRowsEvent(request.Actor, db, table, rows.Count)
            : new InsertRowsEvent(request.Actor, db, table, rows.Count, ignore, replace)).ConfigureAwait(false);
        if (result.Before is not null && result.Before != result.After)
        {
            await datasette.TrackEventAsync(new AlterTableEvent(request.Actor, db, table, result.Before, result.After!)).ConfigureAwait(false);
        }
        await WriteResponses.OkAsync(request, upsert ? 200 : 201, writer =>
        {
            if (result.Returned is { } rowsJson)
            {
                writer.WritePropertyName("rows");
                writer.WriteRawValue(rowsJson, skipInputValidation: true);
            }
        }).ConfigureAwait(false);
    }

    /// <summary>Datasette's _validate_data: the first structural problem alone, else every row's problems.</summary>
    private static (List<JsonMap> Rows, JsonMap Options) Validate(object? body, WriteTable target, bool upsert, int maxRows)
    {
        if (body is not JsonMap data)
        {
            throw WriteApiException.BadRequest("JSON must be a dictionary");
        }
        if (!data.ContainsKey("row") && !data.ContainsKey("rows"))
        {
            throw WriteApiException.BadRequest("JSON must have one or other of \"row\" or \"rows\"");
        }
        List<object?> items;
        if (data.TryGetValue("row", out var single))
        {
            if (data.ContainsKey("rows"))
            {
                throw WriteApiException.BadRequest("Cannot use \"row\" and \"rows\" at the same time");
            }
            if (single is not JsonMap)
            {
                throw WriteApiException.BadRequest("\"row\" must be a dictionary");
            }
            items = new List<object?> { single };
            // A single row always comes back, whatever "return" says.
            data["return"] = true;
        }
        else
        {
            items = data["rows"] as List<object?> ?? throw WriteApiException.BadRequest("\"rows\" must be a list");
        }
        if (items.Any(item => item is not JsonMap))
        {
            throw WriteApiException.BadRequest("\"rows\" must be a list of dictionaries");
        }
        if (items.Count > maxRows)
        {
            throw WriteApiException.BadRequest($"Too many rows, maximum allowed is {maxRows}");
        }
        var options = new JsonMap();
        var invalid = new List<string>();
        foreach (var (key, value) in data)
        {
            if (key is "row" or "rows")
            {
                continue;
            }
            options[key] = value;
            if (!Options.Contains(key))
            {
                invalid.Add(key);
            }
        }
        if (invalid.Count > 0)
        {
            invalid.Sort(StringComparer.Ordinal);
            throw WriteApiException.BadRequest($"Invalid parameter: \"{string.Join("\", \"", invalid)}\"");
        }
        if (options.Truthy("ignore") && options.Truthy("replace"))
        {
            throw WriteApiException.BadRequest("Cannot use \"ignore\" and \"replace\" at the same time");
        }

        var rows = items.Cast<JsonMap>().ToList();
        var keys = target.Keys;
        var allowed = new HashSet<string>(target.Table.Columns.Select(c => c.Name), StringComparer.Ordinal);
        allowed.UnionWith(keys);
        var alter = options.Truthy("alter");
        var errors = new List<string>();
        for (var i = 0; i < rows.Count; i++)
        {
            var row = rows[i];
            if (upsert)
            {
                var missing = keys.Where(k => !row.ContainsKey(k)).ToList();
                if (missing.Count > 0)
                {
                    errors.Add($"Row {i} is missing primary key column(s): \"{string.Join("\", \"", missing)}\"");
                }
                var nulls = keys.Where(k => row.TryGetValue(k, out var value) && value is null).ToList();
                if (nulls.Count > 0)
                {
                    errors.Add($"Row {i} has null primary key column(s): \"{string.Join("\", \"", nulls)}\"");
                }
            }
            var unknown = row.Keys.Where(k => !allowed.Contains(k)).ToList();
            if (unknown.Count > 0 && !alter)
            {
                unknown.Sort(StringComparer.Ordinal);
                errors.Add($"Row {i} has invalid columns: {string.Join(", ", unknown)}");
            }
        }
        if (errors.Count > 0)
        {
            throw new WriteApiException(400, errors);
        }
        return (rows, options);
    }

    /// <summary>
    /// The inserted rows as Datasette returns them: re-read by rowid (<c>rowid in (…)</c>, so in rowid
    /// order and without a rowid key). A WITHOUT ROWID table is re-read by primary key instead,
    /// where Datasette fails with "no such column: rowid".
    /// </summary>
    private static byte[] ReadBackInserted(Microsoft.Data.Sqlite.SqliteConnection connection, WriteTable target, List<JsonMap> rows, List<long?> rowids)
    {
        var table = SqlIdentifier.Quote(target.Name);
        if (WithoutRowid(connection, target.Name))
        {
            return ReadBackByKeys(connection, target, rows, includeRowid: false);
        }
        var found = rowids.Where(r => r is not null).Select(r => (object)r!.Value).ToList();
        var placeholders = string.Join(",", found.Select((_, i) => ":p" + i));
        return RowWrites.RowsJson(connection, $"select * from {table} where rowid in ({placeholders})", found);
    }

    /// <summary>Upsert's return: the rows with the submitted keys (plus rowid for rowid tables), as Datasette selects them.</summary>
    private static byte[] ReadBackByKeys(Microsoft.Data.Sqlite.SqliteConnection connection, WriteTable target, List<JsonMap> rows, bool includeRowid = true)
    {
        var keys = target.Keys;
        var values = new List<object>();
        var terms = new List<string>();
        foreach (var row in rows)
        {
            var conditions = new List<string>();
            foreach (var key in keys)
            {
                conditions.Add($"{SqlIdentifier.Quote(key)} = :p{values.Count}");
                values.Add(WriteValues.ToSqlite(row.GetValueOrDefault(key)));
            }
            terms.Add("(" + string.Join(" AND ", conditions) + ")");
        }
        if (terms.Count == 0)
        {
            return "[]"u8.ToArray();
        }
        var select = includeRowid && target.Table.IsRowidTable ? "select rowid, *" : "select *";
        return RowWrites.RowsJson(connection, $"{select} from {SqlIdentifier.Quote(target.Name)} where {string.Join(" OR ", terms)}", values);
    }

    private static bool WithoutRowid(Microsoft.Data.Sqlite.SqliteConnection connection, string table)
    {
        try
        {
            connection.ExecuteSql($"select rowid from {SqlIdentifier.Quote(table)} limit 0");
            return false;
        }
        catch (Microsoft.Data.Sqlite.SqliteException)
        {
            return true;
        }
    }
}

/// <summary>Python truthiness of the option values the write endpoints read.</summary>
internal static class JsonMapOptions
{
    public static bool Truthy(this JsonMap map, string key) => map.TryGetValue(key, out var value) && Truthy(value);

    public static bool Truthy(object? value) => value switch
    {
        null => false,
        bool flag => flag,
        long number => number != 0,
        double number => number != 0,
        System.Numerics.BigInteger number => !number.IsZero,
        string text => text.Length > 0,
        List<object?> list => list.Count > 0,
        JsonMap map => map.Count > 0,
        _ => true,
    };
}
