using System.Text.Json;
using Datasette.Gen.Runtime.Data;
using Datasette.Gen.Runtime.Errors;
using Datasette.Gen.Runtime.Http;
using Datasette.Gen.Runtime.Sql;

namespace Datasette.Gen.Runtime.Querying;

/// <summary>
/// <c>_through={"table", "column", "value"}</c>: rows of this table referenced by rows of another
/// table that match column = value, through that table's foreign key to this one. A table the
/// actor may not view gets the answer a missing one gets (<see cref="OtherTables"/>): otherwise
/// its rows could be probed value by value through this table, and its existence confirmed.
/// </summary>
internal static class Through
{
    public static void Apply(QueryContext context, Database database, TableInfo table, List<string> clauses, Dictionary<string, object?> parameters, List<string> descriptions)
    {
        var args = context.Args;
        foreach (var value in args.GetAll("_through"))
        {
            string throughTable, column;
            JsonElement target;
            try
            {
                using var document = JsonDocument.Parse(value);
                var root = document.RootElement;
                throughTable = root.GetProperty("table").GetString()!;
                column = root.GetProperty("column").GetString()!;
                target = root.GetProperty("value").Clone();
            }
            catch (System.Exception ex) when (ex is JsonException or KeyNotFoundException or System.InvalidOperationException)
            {
                throw DatasetteHttpException.BadRequest("Invalid _through - expected {\"table\", \"column\", \"value\"}");
            }
            var other = OtherTables.Find(context.Permissions, database, throughTable);
            var key = other?.Outgoing.FirstOrDefault(fk => fk.OtherTable == table.Name);
            if (other is null || key is null)
            {
                throw DatasetteHttpException.BadRequest("Invalid _through - could not find corresponding foreign key");
            }
            // Checked, not left to SQLite: a double-quoted name that is no column reads as a string
            // literal there, and "no_such" = 'no_such' would match every row.
            TableQuery.EnsureColumn(other, column);
            var name = "through_" + parameters.Count;
            parameters[name] = target.ValueKind switch
            {
                JsonValueKind.Number when target.TryGetInt64(out var number) => number,
                JsonValueKind.Number => target.GetDouble(),
                JsonValueKind.String => target.GetString(),
                _ => target.GetRawText(),
            };
            // Names quoted only when needed, as Datasette writes them; the real name of the other table, whose permission was checked.
            clauses.Add($"{SqlIdentifier.Escape(key.OtherColumn)} in (select {SqlIdentifier.Escape(key.Column)} from {SqlIdentifier.Escape(other.Name)} where {SqlIdentifier.Escape(column)} = :{name})");
            var shown = target.ValueKind == JsonValueKind.String ? target.GetString() : target.GetRawText();
            descriptions.Add($"{throughTable}.{column} = \"{shown}\"");
        }
    }
}
