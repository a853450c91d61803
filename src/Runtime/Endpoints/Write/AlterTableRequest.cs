namespace Datasette.Gen.Runtime.Endpoints.Write;

/// <summary>One validated operation of an alter request: its name and its args.</summary>
internal sealed record AlterOperation(string Op, JsonMap Args);

/// <summary>
/// The body of <c>POST /{db}/{table}/-/alter</c> checked as Datasette's AlterTableRequest model
/// checks it: every problem reported as <c>location: message</c>, e.g.
/// <c>operations.0.add_column.args.name: Field required</c>.
/// </summary>
internal static class AlterTableRequest
{
    private const string AnObject = "Input should be a valid dictionary or object to extract fields from";

    private static readonly string[] Ops =
    {
        "add_column", "rename_column", "rename_table", "alter_column", "drop_column", "set_primary_key", "reorder_columns", "add_foreign_key", "drop_foreign_key", "set_foreign_keys",
    };

    private enum Kind
    {
        RequiredString,
        OptionalString,
        ApiType,
        OptionalApiType,
        Boolean,
        OptionalBoolean,
        Any,
        DefaultExpr,
        StringList,
        ForeignKeys,
    }

    private static readonly Dictionary<string, (string Name, Kind Kind)[]> Fields = new(StringComparer.Ordinal)
    {
        ["add_column"] = new[] { ("default", Kind.Any), ("default_expr", Kind.DefaultExpr), ("name", Kind.RequiredString), ("type", Kind.ApiType), ("not_null", Kind.Boolean) },
        ["rename_column"] = new[] { ("name", Kind.RequiredString), ("to", Kind.RequiredString) },
        ["rename_table"] = new[] { ("to", Kind.RequiredString) },
        ["alter_column"] = new[] { ("default", Kind.Any), ("default_expr", Kind.DefaultExpr), ("name", Kind.RequiredString), ("type", Kind.OptionalApiType), ("not_null", Kind.OptionalBoolean) },
        ["drop_column"] = new[] { ("name", Kind.RequiredString) },
        ["set_primary_key"] = new[] { ("columns", Kind.StringList) },
        ["reorder_columns"] = new[] { ("columns", Kind.StringList) },
        ["add_foreign_key"] = ForeignKeyFields,
        ["drop_foreign_key"] = new[] { ("column", Kind.RequiredString) },
        ["set_foreign_keys"] = new[] { ("foreign_keys", Kind.ForeignKeys) },
    };

    private static (string Name, Kind Kind)[] ForeignKeyFields => new[] { ("column", Kind.RequiredString), ("fk_table", Kind.OptionalString), ("fk_column", Kind.OptionalString) };

    public static List<AlterOperation> Validate(JsonMap data)
    {
        var errors = new List<string>();
        var operations = new List<AlterOperation>();
        if (!data.TryGetValue("operations", out var value))
        {
            errors.Add($"operations: {PydanticLike.Missing}");
        }
        else if (value is not List<object?> list)
        {
            errors.Add("operations: Input should be a valid list");
        }
        else if (list.Count == 0)
        {
            errors.Add("operations: List should have at least 1 item after validation, not 0");
        }
        else
        {
            for (var i = 0; i < list.Count; i++)
            {
                if (ValidateOperation(list[i], $"operations.{i}", errors) is { } operation)
                {
                    operations.Add(operation);
                }
            }
        }
        foreach (var key in data.Keys.Where(k => k != "operations"))
        {
            errors.Add($"{key}: {PydanticLike.Extra}");
        }
        if (errors.Count > 0)
        {
            throw new WriteApiException(400, errors);
        }
        return operations;
    }

    private static AlterOperation? ValidateOperation(object? value, string at, List<string> errors)
    {
        if (value is not JsonMap operation)
        {
            errors.Add($"{at}: {AnObject}");
            return null;
        }
        if (!operation.TryGetValue("op", out var opValue) || opValue is not string op)
        {
            errors.Add($"{at}: Unable to extract tag using discriminator 'op'");
            return null;
        }
        if (!Fields.TryGetValue(op, out var fields))
        {
            errors.Add($"{at}: Input tag '{op}' found using 'op' does not match any of the expected tags: {string.Join(", ", Ops.Select(o => $"'{o}'"))}");
            return null;
        }
        var before = errors.Count;
        var location = $"{at}.{op}";
        JsonMap? args = null;
        if (!operation.TryGetValue("args", out var argsValue))
        {
            errors.Add($"{location}.args: {PydanticLike.Missing}");
        }
        else if (argsValue is not JsonMap map)
        {
            errors.Add($"{location}.args: Input should be a valid dictionary or instance of {ArgsClass(op)}");
        }
        else
        {
            args = ValidateArgs(op, map, fields, $"{location}.args", errors);
        }
        foreach (var key in operation.Keys.Where(k => k is not ("op" or "args")))
        {
            errors.Add($"{location}.{key}: {PydanticLike.Extra}");
        }
        return errors.Count == before && args is not null ? new AlterOperation(op, args) : null;
    }

    private static JsonMap? ValidateArgs(string op, JsonMap args, (string Name, Kind Kind)[] fields, string at, List<string> errors)
    {
        var before = errors.Count;
        foreach (var (name, kind) in fields)
        {
            var present = args.TryGetValue(name, out var value);
            switch (kind)
            {
                case Kind.RequiredString when !present:
                    errors.Add($"{at}.{name}: {PydanticLike.Missing}");
                    break;
                case Kind.RequiredString when value is not string:
                case Kind.OptionalString when present && value is not (null or string):
                    errors.Add($"{at}.{name}: {PydanticLike.NotAString}");
                    break;
                case Kind.ApiType when present && value is not ("text" or "integer" or "float" or "blob"):
                case Kind.OptionalApiType when present && value is not (null or "text" or "integer" or "float" or "blob"):
                    errors.Add($"{at}.{name}: Input should be 'text', 'integer', 'float' or 'blob'");
                    break;
                case Kind.Boolean when present && PydanticLike.Boolean(value) is null:
                case Kind.OptionalBoolean when present && value is not null && PydanticLike.Boolean(value) is null:
                    errors.Add($"{at}.{name}: {PydanticLike.NotABoolean}");
                    break;
                case Kind.DefaultExpr when present && value is not (null or string):
                    errors.Add($"{at}.{name}: {PydanticLike.NotAString}");
                    break;
                case Kind.DefaultExpr when value is string expression && !CreateTableRequest.DefaultExpressions.ContainsKey(expression):
                    errors.Add($"{at}.{name}: {CreateTableRequest.DefaultExprError}");
                    break;
                case Kind.StringList when !present:
                    errors.Add($"{at}.{name}: {PydanticLike.Missing}");
                    break;
                case Kind.StringList when value is not List<object?> list:
                    errors.Add($"{at}.{name}: Input should be a valid list");
                    break;
                case Kind.StringList:
                    var items = (List<object?>)value!;
                    if (items.Count == 0)
                    {
                        errors.Add($"{at}.{name}: List should have at least 1 item after validation, not 0");
                    }
                    for (var i = 0; i < items.Count; i++)
                    {
                        if (items[i] is not string)
                        {
                            errors.Add($"{at}.{name}.{i}: {PydanticLike.NotAString}");
                        }
                    }
                    break;
                case Kind.ForeignKeys when !present:
                    errors.Add($"{at}.{name}: {PydanticLike.Missing}");
                    break;
                case Kind.ForeignKeys when value is not List<object?>:
                    errors.Add($"{at}.{name}: Input should be a valid list");
                    break;
                case Kind.ForeignKeys:
                    var keys = (List<object?>)value!;
                    for (var i = 0; i < keys.Count; i++)
                    {
                        if (keys[i] is not JsonMap key)
                        {
                            errors.Add($"{at}.{name}.{i}: Input should be a valid dictionary or instance of ForeignKeyArgs");
                            continue;
                        }
                        ValidateArgs("add_foreign_key", key, ForeignKeyFields, $"{at}.{name}.{i}", errors);
                    }
                    break;
            }
        }
        foreach (var key in args.Keys.Where(k => fields.All(f => f.Name != k)))
        {
            errors.Add($"{at}.{key}: {PydanticLike.Extra}");
        }
        if (errors.Count > before)
        {
            return null;
        }
        // The models' own rules, once every field is valid.
        var rule = op switch
        {
            "add_column" or "alter_column" when args.ContainsKey("default") && args.ContainsKey("default_expr") => "Value error, default and default_expr cannot both be provided",
            "add_column" or "alter_column" when args.TryGetValue("default_expr", out var expr) && expr is null => "Value error, default_expr cannot be null",
            "alter_column" when !args.Keys.Any(k => k is "type" or "not_null" or "default" or "default_expr") => "Value error, At least one of type, not_null, default or default_expr must be provided",
            "add_foreign_key" when args.GetValueOrDefault("fk_column") is string { Length: > 0 } && args.GetValueOrDefault("fk_table") is not string { Length: > 0 } => "fk_column requires fk_table",
            "add_foreign_key" when args.GetValueOrDefault("fk_table") is not string { Length: > 0 } => "fk_table is required",
            _ => null,
        };
        if (rule is not null)
        {
            errors.Add($"{at}: {rule}");
            return null;
        }
        if (op == "rename_table" && !CreateTableRequest.IsValidTableName((string)args["to"]!))
        {
            errors.Add($"{at}.to: Invalid table name");
            return null;
        }
        return args;
    }

    private static string ArgsClass(string op) => op switch
    {
        "add_foreign_key" => "ForeignKeyArgs",
        _ => string.Concat(op.Split('_').Select(part => char.ToUpperInvariant(part[0]) + part[1..])) + "Args",
    };
}
