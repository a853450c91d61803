using System.Text.RegularExpressions;

namespace Datasette.Gen.Runtime.Endpoints.Write;

/// <summary>One column of a create request, validated.</summary>
internal sealed record CreateColumn(string Name, string SqlType, bool NotNull, bool HasDefault, object? Default, string? DefaultExpr, string? FkTable, string? FkColumn);

/// <summary>
/// The body of <c>POST /{db}/-/create</c> checked as Datasette's CreateTableRequest model checks it:
/// unknown top-level keys alone (<c>Invalid keys: …</c>), then every field's errors
/// (<c>columns.0.not_null: Input should be a valid boolean</c>), then the request's rules, first failure only.
/// </summary>
internal sealed partial record CreateTableRequest(
    string Table,
    IReadOnlyList<CreateColumn>? Columns,
    IReadOnlyList<JsonMap>? Rows,
    string? Pk,
    IReadOnlyList<string>? Pks,
    bool Ignore,
    bool Replace,
    bool Alter)
{
    private static readonly string[] Keys = { "table", "rows", "row", "columns", "pk", "pks", "ignore", "replace", "alter" };
    private static readonly string[] ColumnKeys = { "default", "default_expr", "name", "type", "fk_table", "fk_column", "not_null" };

    /// <summary>The SQL of each default_expr name, as Datasette writes it into the schema.</summary>
    public static readonly IReadOnlyDictionary<string, string> DefaultExpressions = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["current_timestamp"] = "CURRENT_TIMESTAMP",
        ["current_date"] = "CURRENT_DATE",
        ["current_time"] = "CURRENT_TIME",
        ["current_unixtime"] = "(CAST(strftime('%s', 'now') AS INTEGER))",
        ["current_unixtime_ms"] = "(CAST((julianday('now') - 2440587.5) * 86400000 AS INTEGER))",
    };

    public static readonly string DefaultExprError = "Input should be 'current_timestamp', 'current_date', 'current_time', 'current_unixtime' or 'current_unixtime_ms'";

    private static readonly IReadOnlyDictionary<string, string> SqlTypes = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["text"] = "TEXT",
        ["integer"] = "INTEGER",
        ["float"] = "REAL",
        ["blob"] = "BLOB",
    };

    [GeneratedRegex(@"^(?!sqlite_)[^\n]+\z")]
    private static partial Regex TableName();

    public static bool IsValidTableName(string name) => TableName().IsMatch(name);

    /// <summary>The rows to insert: <c>row</c> as a list of one, else <c>rows</c>; null with columns.</summary>
    public IReadOnlyList<JsonMap>? RowsToInsert => Rows is { Count: > 0 } ? Rows : null;

    public static CreateTableRequest Validate(JsonMap data)
    {
        var invalid = data.Keys.Where(k => !Keys.Contains(k)).OrderBy(k => k, StringComparer.Ordinal).ToList();
        if (invalid.Count > 0)
        {
            throw WriteApiException.BadRequest($"Invalid keys: {string.Join(", ", invalid)}");
        }
        var errors = new List<string>();
        List<CreateColumn>? columns = null;
        if (data.GetValueOrDefault("columns") is { } columnsValue)
        {
            if (columnsValue is not List<object?> list)
            {
                errors.Add("columns must be a list");
            }
            else if (list.Any(c => c is not JsonMap))
            {
                errors.Add("columns must be a list of objects");
            }
            else
            {
                columns = new List<CreateColumn>();
                for (var i = 0; i < list.Count; i++)
                {
                    if (ValidateColumn((JsonMap)list[i]!, $"columns.{i}", errors) is { } column)
                    {
                        columns.Add(column);
                    }
                }
            }
        }
        var flags = new Dictionary<string, bool>(StringComparer.Ordinal);
        foreach (var key in new[] { "ignore", "replace", "alter" })
        {
            var value = data.GetValueOrDefault(key);
            if (value is null)
            {
                flags[key] = false;
            }
            else if (PydanticLike.Boolean(value) is { } flag)
            {
                flags[key] = flag;
            }
            else
            {
                errors.Add($"{key}: {PydanticLike.NotABoolean}");
            }
        }
        if (errors.Count > 0)
        {
            throw new WriteApiException(400, errors);
        }

        var table = data.GetValueOrDefault("table");
        var rows = data.GetValueOrDefault("rows");
        var row = data.GetValueOrDefault("row");
        var pk = data.GetValueOrDefault("pk");
        var pks = data.GetValueOrDefault("pks");
        if (!PydanticLike.Truthy(table))
        {
            throw WriteApiException.BadRequest("Table is required");
        }
        if (table is not string tableName || !IsValidTableName(tableName))
        {
            throw WriteApiException.BadRequest("Invalid table name");
        }
        if (!(columns is { Count: > 0 }) && !PydanticLike.Truthy(rows) && !PydanticLike.Truthy(row))
        {
            throw WriteApiException.BadRequest("columns, rows or row is required");
        }
        if (PydanticLike.Truthy(rows) && PydanticLike.Truthy(row))
        {
            throw WriteApiException.BadRequest("Cannot specify both rows and row");
        }
        if (columns is { Count: > 0 } && (PydanticLike.Truthy(rows) || PydanticLike.Truthy(row)))
        {
            throw WriteApiException.BadRequest("Cannot specify columns with rows or row");
        }
        if (columns is not null)
        {
            var seen = new HashSet<string>(StringComparer.Ordinal);
            var duplicates = new List<string>();
            foreach (var column in columns)
            {
                if (!seen.Add(column.Name) && !duplicates.Contains(column.Name))
                {
                    duplicates.Add(column.Name);
                }
            }
            if (duplicates.Count > 0)
            {
                throw WriteApiException.BadRequest($"Duplicate column name: {string.Join(", ", duplicates)}");
            }
        }
        if (rows is not null)
        {
            if (rows is not List<object?> rowList)
            {
                throw WriteApiException.BadRequest("rows must be a list");
            }
            if (rowList.Any(r => r is not JsonMap))
            {
                throw WriteApiException.BadRequest("rows must be a list of objects");
            }
        }
        if (PydanticLike.Truthy(row) && row is not JsonMap)
        {
            // Datasette fails later with a 500; a row must be an object like every element of rows.
            throw WriteApiException.BadRequest("rows must be a list of objects");
        }
        if (pk is not null && pk is not string)
        {
            throw WriteApiException.BadRequest("pk must be a string");
        }
        if (PydanticLike.Truthy(pk) && PydanticLike.Truthy(pks))
        {
            throw WriteApiException.BadRequest("Cannot specify both pk and pks");
        }
        if (pks is not null)
        {
            if (pks is not List<object?> pkList)
            {
                throw WriteApiException.BadRequest("pks must be a list");
            }
            if (pkList.Any(p => p is not string))
            {
                throw WriteApiException.BadRequest("pks must be a list of strings");
            }
        }
        if (flags["ignore"] && flags["replace"])
        {
            throw WriteApiException.BadRequest("ignore and replace are mutually exclusive");
        }
        if (data.ContainsKey("ignore") || data.ContainsKey("replace"))
        {
            if (!PydanticLike.Truthy(row) && !PydanticLike.Truthy(rows))
            {
                throw WriteApiException.BadRequest("ignore and replace require row or rows");
            }
            if (!PydanticLike.Truthy(pk) && !PydanticLike.Truthy(pks))
            {
                throw WriteApiException.BadRequest("ignore and replace require pk or pks");
            }
        }
        var rowsList = PydanticLike.Truthy(row) ? new List<JsonMap> { (JsonMap)row! } : (rows as List<object?>)?.Cast<JsonMap>().ToList();
        return new CreateTableRequest(
            tableName,
            columns,
            rowsList,
            pk as string is { Length: > 0 } single ? single : null,
            (pks as List<object?>)?.Cast<string>().ToList() is { Count: > 0 } many ? many : null,
            flags["ignore"],
            flags["replace"],
            flags["alter"]);
    }

    /// <summary>One column: its field errors (with their location) and, without any, its own rules.</summary>
    private static CreateColumn? ValidateColumn(JsonMap column, string at, List<string> errors)
    {
        var before = errors.Count;
        var defaultExpr = column.GetValueOrDefault("default_expr");
        if (defaultExpr is not (null or string))
        {
            errors.Add($"{at}.default_expr: {PydanticLike.NotAString}");
        }
        else if (defaultExpr is string expression && !DefaultExpressions.ContainsKey(expression))
        {
            errors.Add($"{at}.default_expr: {DefaultExprError}");
        }
        foreach (var key in new[] { "fk_table", "fk_column" })
        {
            if (column.GetValueOrDefault(key) is not (null or string))
            {
                errors.Add($"{at}.{key}: {PydanticLike.NotAString}");
            }
        }
        var notNull = false;
        if (column.TryGetValue("not_null", out var notNullValue))
        {
            if (PydanticLike.Boolean(notNullValue) is { } flag)
            {
                notNull = flag;
            }
            else
            {
                errors.Add($"{at}.not_null: {PydanticLike.NotABoolean}");
            }
        }
        foreach (var key in column.Keys.Where(k => !ColumnKeys.Contains(k)))
        {
            errors.Add($"{at}.{key}: {PydanticLike.Extra}");
        }
        if (errors.Count > before)
        {
            return null;
        }
        var hasDefault = column.ContainsKey("default");
        if (hasDefault && column.ContainsKey("default_expr"))
        {
            errors.Add($"{at}: Value error, default and default_expr cannot both be provided");
            return null;
        }
        if (column.ContainsKey("default_expr") && defaultExpr is null)
        {
            errors.Add($"{at}: Value error, default_expr cannot be null");
            return null;
        }
        if (column.GetValueOrDefault("name") is not string { Length: > 0 } name)
        {
            errors.Add("Column name is required");
            return null;
        }
        var type = column.GetValueOrDefault("type");
        var sqlType = "TEXT";
        if (PydanticLike.Truthy(type))
        {
            if (type is not string typeName || !SqlTypes.TryGetValue(typeName, out sqlType!))
            {
                errors.Add($"Unsupported column type: {PydanticLike.Str(type)}");
                return null;
            }
        }
        var fkTable = column.GetValueOrDefault("fk_table") as string;
        var fkColumn = column.GetValueOrDefault("fk_column") as string;
        if (!string.IsNullOrEmpty(fkColumn) && string.IsNullOrEmpty(fkTable))
        {
            errors.Add($"{at}: fk_column requires fk_table");
            return null;
        }
        return new CreateColumn(name, sqlType, notNull, hasDefault, column.GetValueOrDefault("default"), defaultExpr as string,
            string.IsNullOrEmpty(fkTable) ? null : fkTable, string.IsNullOrEmpty(fkColumn) ? null : fkColumn);
    }
}
