using Datasette.Gen.Runtime.Data;
using SQLitePCL;

namespace Datasette.Gen.Runtime.Sql;

/// <summary>One thing a statement does, as SQLite's authorizer reported it while compiling it.</summary>
internal sealed record SqlOperation(
    string Operation,
    string TargetType,
    string? Database,
    string? Table,
    string? SqliteSchema,
    string? Target,
    string? Source,
    string? TableKind,
    bool Internal);

/// <summary>
/// What a user-supplied statement would do (write-api spec §10.1), learnt by compiling
/// <c>EXPLAIN sql</c> under the connection's authorizer: the statement is never run here. Compiling
/// on the connection that will execute it, in the same write, means the schema analysed is the
/// schema written to.
/// </summary>
internal static class WriteSqlAnalyzer
{
    private static readonly HashSet<string> SchemaTables = new(StringComparer.OrdinalIgnoreCase)
    {
        "sqlite_master", "sqlite_schema", "sqlite_temp_master", "sqlite_temp_schema",
    };

    // Functions SQLite itself calls while it rewrites the schema for ALTER/DROP.
    private static readonly HashSet<string> SchemaRewriteFunctions = new(StringComparer.OrdinalIgnoreCase)
    {
        "length", "like", "printf", "sqlite_drop_column", "sqlite_rename_column", "sqlite_rename_quotefix",
        "sqlite_rename_table", "sqlite_rename_test", "substr",
    };

    private static readonly Dictionary<int, (string Operation, string TargetType)> SchemaActions = new()
    {
        [1] = ("create", "index"), [2] = ("create", "table"), [3] = ("create", "index"), [4] = ("create", "table"),
        [5] = ("create", "trigger"), [6] = ("create", "view"), [7] = ("create", "trigger"), [8] = ("create", "view"),
        [10] = ("drop", "index"), [11] = ("drop", "table"), [12] = ("drop", "index"), [13] = ("drop", "table"),
        [14] = ("drop", "trigger"), [15] = ("drop", "view"), [16] = ("drop", "trigger"), [17] = ("drop", "view"),
        [29] = ("create", "virtual-table"), [30] = ("drop", "virtual-table"),
    };

    private static readonly Dictionary<int, string> RowActions = new() { [20] = "read", [18] = "insert", [23] = "update", [9] = "delete" };

    private static readonly string[] ActionNames =
    {
        "SQLITE_COPY", "SQLITE_CREATE_INDEX", "SQLITE_CREATE_TABLE", "SQLITE_CREATE_TEMP_INDEX", "SQLITE_CREATE_TEMP_TABLE",
        "SQLITE_CREATE_TEMP_TRIGGER", "SQLITE_CREATE_TEMP_VIEW", "SQLITE_CREATE_TRIGGER", "SQLITE_CREATE_VIEW", "SQLITE_DELETE",
        "SQLITE_DROP_INDEX", "SQLITE_DROP_TABLE", "SQLITE_DROP_TEMP_INDEX", "SQLITE_DROP_TEMP_TABLE", "SQLITE_DROP_TEMP_TRIGGER",
        "SQLITE_DROP_TEMP_VIEW", "SQLITE_DROP_TRIGGER", "SQLITE_DROP_VIEW", "SQLITE_INSERT", "SQLITE_PRAGMA", "SQLITE_READ",
        "SQLITE_SELECT", "SQLITE_TRANSACTION", "SQLITE_UPDATE", "SQLITE_ATTACH", "SQLITE_DETACH", "SQLITE_ALTER_TABLE",
        "SQLITE_REINDEX", "SQLITE_ANALYZE", "SQLITE_CREATE_VTABLE", "SQLITE_DROP_VTABLE", "SQLITE_FUNCTION", "SQLITE_SAVEPOINT",
        "SQLITE_RECURSIVE",
    };

    /// <summary>
    /// The statement's operations, in the order SQLite first reported them. Throws
    /// <see cref="SqlErrorException"/> with SQLite's message when it does not compile, or when
    /// <paramref name="sql"/> holds more than one statement.
    /// </summary>
    public static IReadOnlyList<SqlOperation> Analyze(SqliteConnector connector, string sql, string databaseName)
    {
        var recorded = new List<SqlOperation>();
        var seen = new HashSet<SqlOperation>();
        string? DatabaseFor(string? schema) => schema == "main" ? databaseName : schema;
        void Record(string operation, string targetType, string? schema, string? table, string? target, string? source, bool mapSchema = true)
        {
            var op = new SqlOperation(operation, targetType, mapSchema ? DatabaseFor(schema) : null, table, schema, target, source, null, false);
            if (seen.Add(op))
            {
                recorded.Add(op);
            }
        }
        void Observe(int action, string? first, string? second, string? schema, string? source)
        {
            if (RowActions.TryGetValue(action, out var rowOperation) && first is not null)
            {
                var isSchema = SchemaTables.Contains(first);
                Record(rowOperation, isSchema ? "schema" : "table", schema, isSchema ? null : first, first, source);
            }
            else if (SchemaActions.TryGetValue(action, out var schemaAction) && first is not null)
            {
                var related = schemaAction.TargetType is "index" or "trigger" ? second : first;
                Record(schemaAction.Operation, schemaAction.TargetType, schema, related, first, source);
            }
            else if (action == 26 && second is not null)
            {
                Record("alter", "table", first, second, second, source);
            }
            else if (action == 22 && first is not null)
            {
                Record(first.ToLowerInvariant(), "transaction", null, null, first, source, mapSchema: false);
            }
            else if (action is 24 or 25 && first is not null)
            {
                Record(action == 24 ? "attach" : "detach", "database", null, null, first, source, mapSchema: false);
            }
            else if (action == 19 && first is not null)
            {
                Record("pragma", "pragma", schema, null, first, source, mapSchema: false);
            }
            else if (action == 28)
            {
                Record("analyze", first is null ? "database" : "table", schema, first, first, source);
            }
            else if (action == 27 && first is not null)
            {
                Record("reindex", "index", schema, null, first, source);
            }
            else if (action == 21)
            {
                Record("select", "statement", schema, null, null, source, mapSchema: false);
            }
            else if (action == 31 && second is not null)
            {
                Record("function", "function", schema, null, second, source, mapSchema: false);
            }
            else if (action == 32 && first is not null)
            {
                Record("savepoint", "transaction", schema, null, second is null ? first : $"{first} {second}", source, mapSchema: false);
            }
            else if (action != 33)
            {
                Record("unknown", "unknown", schema, null, action >= 0 && action < ActionNames.Length ? ActionNames[action] : $"SQLITE_{action}", source);
            }
        }

        var handle = connector.Connection.Handle!;
        connector.LastDenial = null;
        connector.AuthorizerObserver = Observe;
        sqlite3_stmt? statement = null;
        try
        {
            var rc = raw.sqlite3_prepare_v2(handle, "EXPLAIN " + sql, out statement, out string remainder);
            if (rc != raw.SQLITE_OK)
            {
                throw new SqlErrorException(connector.Explain(rc, connector.LastErrorMessage()));
            }
            connector.AuthorizerObserver = null;
            EnsureNothingFollows(handle, remainder);
            if (recorded.Count == 0)
            {
                recorded.Add(IsVacuum(statement)
                    ? new SqlOperation("vacuum", "database", databaseName, null, "main", databaseName, null, null, false)
                    : new SqlOperation("unknown", "statement", databaseName, null, null, null, null, null, false));
            }
        }
        finally
        {
            connector.AuthorizerObserver = null;
            statement?.Dispose();
        }
        return Classify(connector, recorded);
    }

    /// <summary>Python's sqlite3 runs one statement; a second one (or anything but comments and space) is refused.</summary>
    private static void EnsureNothingFollows(sqlite3 handle, string remainder)
    {
        if (string.IsNullOrWhiteSpace(remainder))
        {
            return;
        }
        var rc = raw.sqlite3_prepare_v2(handle, remainder, out var next, out string _);
        using (next)
        {
            if (rc != raw.SQLITE_OK || (next is not null && !next.IsInvalid))
            {
                throw new SqlErrorException("You can only execute one statement at a time.");
            }
        }
    }

    // VACUUM compiles without asking the authorizer anything: its program's Vacuum opcode says what it is.
    private static bool IsVacuum(sqlite3_stmt statement)
    {
        while (raw.sqlite3_step(statement) == raw.SQLITE_ROW)
        {
            if (raw.sqlite3_column_text(statement, 1).utf8_to_string() == "Vacuum")
            {
                return true;
            }
        }
        return false;
    }

    /// <summary>Adds each table's kind and marks SQLite's own bookkeeping for DDL as internal.</summary>
    private static List<SqlOperation> Classify(SqliteConnector connector, List<SqlOperation> operations)
    {
        static bool IsRowOperation(SqlOperation op) => op.TargetType == "table" && op.Operation is "read" or "insert" or "update" or "delete" && op.Table is not null;
        var hasSchemaOperation = operations.Any(op => op.Operation is "create" or "alter" or "drop" && op.TargetType is "table" or "index" or "view" or "trigger" or "virtual-table");
        var dropped = operations.Where(op => op.Operation == "drop" && op.TargetType is "table" or "view").Select(op => (op.Database, op.Table)).ToHashSet();
        bool IsDropDelete(SqlOperation op) => op.Operation == "delete" && op.TargetType == "table" && dropped.Contains((op.Database, op.Table));
        var touchesUserTables = operations.Any(op => op.TargetType == "table" && op.Operation is "read" or "insert" or "update" or "delete" && !IsDropDelete(op));
        var kinds = new Dictionary<(string?, string), string?>();
        return operations.Select(op =>
        {
            string? kind = null;
            if (IsRowOperation(op))
            {
                var key = (op.SqliteSchema, op.Table!);
                if (!kinds.TryGetValue(key, out kind))
                {
                    kinds[key] = kind = TableKind(connector, op.SqliteSchema, op.Table!);
                }
            }
            var isInternal = (hasSchemaOperation && op.TargetType == "schema")
                || (hasSchemaOperation && op.Operation == "reindex")
                || (hasSchemaOperation && !touchesUserTables && op.Operation == "function" && op.Target is not null && SchemaRewriteFunctions.Contains(op.Target))
                || IsDropDelete(op);
            return op with { TableKind = kind, Internal = isInternal };
        }).ToList();
    }

    /// <summary>table, view, virtual or shadow (FTS and other virtual tables' storage), from SQLite's own table list.</summary>
    private static string? TableKind(SqliteConnector connector, string? schema, string table)
    {
        using var command = connector.Connection.CreateCommand();
        command.CommandText = "select type from pragma_table_list where schema = :schema and name = :name";
        command.Parameters.AddWithValue(":schema", schema ?? "main");
        command.Parameters.AddWithValue(":name", table);
        return command.ExecuteScalar() as string;
    }
}
