using System.Text;
using Datasette.Gen.Runtime.Sql;
using Microsoft.Data.Sqlite;

namespace Datasette.Gen.Runtime.Endpoints.Write;

/// <summary>A column of a table definition to be written as sqlite-utils writes it.</summary>
internal sealed record ColumnDefinition(string Name, string Type, bool NotNull = false, string? DefaultSql = null, string? FkTable = null, string? FkColumn = null);

/// <summary>
/// CREATE TABLE statements in sqlite-utils' layout, which Datasette's create API returns as the
/// schema: double-quoted names, three-space indented columns one per line, an inline
/// <c>PRIMARY KEY</c> for a single key (added first as INTEGER when no column has its name), a
/// trailing <c>PRIMARY KEY (…)</c> line for a compound one.
/// </summary>
internal static class TableSql
{
    public static string CreateTable(string table, IReadOnlyList<ColumnDefinition> columns, IReadOnlyList<string>? primaryKey)
    {
        var items = columns.ToList();
        string? single = null;
        if (primaryKey is { Count: 1 })
        {
            single = items.FirstOrDefault(c => c.Name.Equals(primaryKey[0], StringComparison.OrdinalIgnoreCase))?.Name ?? primaryKey[0];
            if (items.All(c => c.Name != single))
            {
                items.Insert(0, new ColumnDefinition(single, "INTEGER"));
            }
        }
        var lines = items.Select(column =>
        {
            var extras = new List<string>();
            if (column.Name == single)
            {
                extras.Add("PRIMARY KEY");
            }
            if (column.NotNull)
            {
                extras.Add("NOT NULL");
            }
            if (column.DefaultSql is { } defaultSql)
            {
                extras.Add("DEFAULT " + defaultSql);
            }
            if (column.FkTable is { } fkTable)
            {
                extras.Add($"REFERENCES {SqlIdentifier.Quote(fkTable)}({SqlIdentifier.Quote(column.FkColumn!)})");
            }
            return $"   {SqlIdentifier.Quote(column.Name)} {column.Type}{(extras.Count > 0 ? " " + string.Join(" ", extras) : "")}";
        });
        var sql = new StringBuilder($"CREATE TABLE {SqlIdentifier.Quote(table)} (\n");
        sql.Append(string.Join(",\n", lines));
        if (single is null && primaryKey is { Count: > 1 })
        {
            sql.Append(",\n   PRIMARY KEY (").Append(string.Join(", ", primaryKey.Select(SqlIdentifier.Quote))).Append(')');
        }
        return sql.Append("\n)").ToString();
    }

    /// <summary>
    /// sqlite-utils' quote_default_value over Datasette's literal: strings quoted by SQLite's quote(),
    /// numbers as quote() writes them, CURRENT_* keywords as they are, expressions in parentheses.
    /// </summary>
    public static string DefaultSql(SqliteConnection connection, object? literal)
    {
        var text = literal is string s ? Quote(connection, s) : PydanticLike.Str(literal);
        if ((text.StartsWith('\'') && text.EndsWith('\'')) || (text.StartsWith('"') && text.EndsWith('"')))
        {
            return text;
        }
        if (text.ToUpperInvariant() is "CURRENT_TIME" or "CURRENT_DATE" or "CURRENT_TIMESTAMP")
        {
            return text;
        }
        if (literal is string && text.ToUpperInvariant() is "TRUE" or "FALSE" or "NULL")
        {
            return text;
        }
        if (text.EndsWith(')'))
        {
            return "(" + text + ")";
        }
        return Quote(connection, literal);
    }

    /// <summary>A default_expr's SQL as the schema shows it.</summary>
    public static string DefaultExpressionSql(string expression) =>
        CreateTableRequest.DefaultExpressions[expression] is var sql && sql.EndsWith(')') ? "(" + sql + ")" : sql;

    /// <summary>
    /// The column a foreign key to <paramref name="table"/> points at: the one given (which must
    /// exist, rowid aside), else the table's single primary key.
    /// </summary>
    public static string ForeignColumn(SqliteConnection connection, string table, string? column)
    {
        var columns = Columns(connection, table);
        if (column is not null)
        {
            if (column != "rowid" && columns.All(c => c.Name != column))
            {
                throw WriteApiException.BadRequest($"No such column: {table}.{column}");
            }
            return column;
        }
        var keys = columns.Where(c => c.Pk > 0).ToList();
        return keys.Count == 1 ? keys[0].Name : throw WriteApiException.BadRequest($"Could not detect single primary key for table '{table}'");
    }

    /// <summary>name, declared type, notnull, default SQL and pk position of each column (pragma table_info).</summary>
    public static List<(string Name, string Type, bool NotNull, string? Default, int Pk)> Columns(SqliteConnection connection, string table)
    {
        using var command = connection.CreateCommand();
        command.CommandText = "select name, type, \"notnull\", dflt_value, pk from pragma_table_info(:t)";
        command.Parameters.AddWithValue(":t", table);
        using var reader = command.ExecuteReader();
        var columns = new List<(string, string, bool, string?, int)>();
        while (reader.Read())
        {
            columns.Add((reader.GetString(0), reader.IsDBNull(1) ? "" : reader.GetString(1), reader.GetInt64(2) != 0, reader.IsDBNull(3) ? null : reader.GetString(3), (int)reader.GetInt64(4)));
        }
        return columns;
    }

    private static string Quote(SqliteConnection connection, object? value)
    {
        using var command = connection.CreateCommand();
        command.CommandText = "select quote(:v)";
        command.Parameters.AddWithValue(":v", WriteValues.ToSqlite(value));
        return command.ExecuteScalar() as string ?? "NULL";
    }
}
