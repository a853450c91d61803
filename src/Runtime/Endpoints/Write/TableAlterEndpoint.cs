using Datasette.Gen.Runtime.Events;
using Datasette.Gen.Runtime.Http;
using Datasette.Gen.Runtime.Sql;

namespace Datasette.Gen.Runtime.Endpoints.Write;

/// <summary>
/// <c>POST /{db}/{table}/-/alter</c> (write-api spec §12), in Datasette's order within one savepoint:
/// columns added with ALTER TABLE, then one rebuild for every other change, then the rename.
/// </summary>
internal static class TableAlterEndpoint
{
    private static readonly Dictionary<string, string> ApiTypes = new(System.StringComparer.Ordinal)
    {
        ["text"] = "TEXT", ["integer"] = "INTEGER", ["float"] = "REAL", ["blob"] = "BLOB",
    };

    public static Task HandleAsync(DatasetteRequest request, Datasette datasette) =>
        WriteResponses.RunAsync(request, () => AlterAsync(request, datasette));

    private static async Task AlterAsync(DatasetteRequest request, Datasette datasette)
    {
        var target = WriteTable.Resolve(request, datasette);
        if (!request.Allowed("alter-table", target.DatabaseName, target.Name))
        {
            throw WriteApiException.Forbidden("Permission denied: need alter-table");
        }
        target.EnsureMutable();
        if (await WriteRequestBody.ReadJsonAsync(request).ConfigureAwait(false) is not JsonMap data)
        {
            throw WriteApiException.BadRequest("JSON must be a dictionary");
        }
        var operations = AlterTableRequest.Validate(data);
        var table = target.Name;

        var (before, after, name) = await target.Database.WriteInTransactionAsync(connector =>
        {
            var connection = connector.Connection;
            var initial = RowWrites.Schema(connection, table);
            var adds = new List<JsonMap>();
            var changes = new TableChanges();
            string? renameTo = null;
            foreach (var (op, args) in operations.Select(o => (o.Op, o.Args)))
            {
                switch (op)
                {
                    case "add_column":
                        var notNull = PydanticLike.Boolean(args.GetValueOrDefault("not_null")) == true;
                        if (notNull && !((args.TryGetValue("default", out var d) && d is not null) || args.ContainsKey("default_expr")))
                        {
                            throw WriteApiException.BadRequest("add_column args.default or args.default_expr is required when not_null is true");
                        }
                        adds.Add(args);
                        if (!notNull && args.TryGetValue("default", out var literal))
                        {
                            changes.Defaults[(string)args["name"]!] = literal is null ? null : TableSql.DefaultSql(connection, literal);
                        }
                        if (!notNull && args.GetValueOrDefault("default_expr") is string expression)
                        {
                            changes.Defaults[(string)args["name"]!] = TableSql.DefaultExpressionSql(expression);
                        }
                        break;
                    case "rename_table":
                        renameTo = (string)args["to"]!;
                        break;
                    case "rename_column":
                        changes.Rename[(string)args["name"]!] = (string)args["to"]!;
                        break;
                    case "alter_column":
                        var column = (string)args["name"]!;
                        if (args.GetValueOrDefault("type") is string type)
                        {
                            changes.Types[column] = ApiTypes[type];
                        }
                        if (args.GetValueOrDefault("not_null") is { } flag)
                        {
                            changes.NotNull[column] = PydanticLike.Boolean(flag) == true;
                        }
                        if (args.TryGetValue("default", out var newDefault))
                        {
                            changes.Defaults[column] = newDefault is null ? null : TableSql.DefaultSql(connection, newDefault);
                        }
                        if (args.GetValueOrDefault("default_expr") is string newExpression)
                        {
                            changes.Defaults[column] = TableSql.DefaultExpressionSql(newExpression);
                        }
                        break;
                    case "drop_column":
                        changes.Drop.Add((string)args["name"]!);
                        break;
                    case "set_primary_key":
                        changes.PrimaryKey = Strings(args["columns"]);
                        break;
                    case "reorder_columns":
                        changes.ColumnOrder = Strings(args["columns"]);
                        break;
                    case "add_foreign_key":
                        changes.AddForeignKeys.Add(ForeignKey(args));
                        break;
                    case "drop_foreign_key":
                        changes.DropForeignKeys.Add((string)args["column"]!);
                        break;
                    case "set_foreign_keys":
                        changes.ForeignKeys = ((List<object?>)args["foreign_keys"]!).Cast<JsonMap>().Select(ForeignKey).ToList();
                        break;
                }
            }
            foreach (var add in adds)
            {
                var type = ApiTypes[add.GetValueOrDefault("type") as string ?? "text"];
                var notNullDefault = "";
                if (PydanticLike.Boolean(add.GetValueOrDefault("not_null")) == true)
                {
                    notNullDefault = " NOT NULL DEFAULT " + (add.GetValueOrDefault("default_expr") is string expression
                        ? TableSql.DefaultExpressionSql(expression)
                        : TableSql.DefaultSql(connection, add["default"]));
                }
                connection.ExecuteSql($"ALTER TABLE {SqlIdentifier.Quote(table)} ADD COLUMN {SqlIdentifier.Quote((string)add["name"]!)} {type}{notNullDefault}");
            }
            if (changes.Any)
            {
                TableTransform.Apply(connection, table, changes);
            }
            var current = table;
            if (renameTo is not null && renameTo != table)
            {
                connection.ExecuteSql($"ALTER TABLE {SqlIdentifier.Escape(table)} RENAME TO {SqlIdentifier.Escape(renameTo)}");
                current = renameTo;
            }
            return (initial, RowWrites.Schema(connection, current), current);
        }).ConfigureAwait(false);
        target.Database.InvalidateSchema();

        var altered = before != after;
        if (altered)
        {
            await datasette.TrackEventAsync(new AlterTableEvent(request.Actor, target.DatabaseName, name, before, after)).ConfigureAwait(false);
        }
        await WriteResponses.OkAsync(request, 200, writer =>
        {
            writer.WriteString("database", target.DatabaseName);
            writer.WriteString("table", name);
            writer.WriteString("table_url", datasette.AbsoluteUrl(request, datasette.Urls.Table(target.DatabaseName, name)));
            writer.WriteString("table_api_url", datasette.AbsoluteUrl(request, datasette.Urls.Table(target.DatabaseName, name, "json")));
            writer.WriteBoolean("altered", altered);
            writer.WriteString("schema", after);
            writer.WriteString("before_schema", before);
            writer.WriteNumber("operations_applied", operations.Count);
        }).ConfigureAwait(false);
    }

    private static List<string> Strings(object? list) => ((List<object?>)list!).Cast<string>().ToList();

    private static (string Column, string Table, string? OtherColumn) ForeignKey(JsonMap args) =>
        ((string)args["column"]!, (string)args["fk_table"]!, args.GetValueOrDefault("fk_column") as string is { Length: > 0 } column ? column : null);
}
