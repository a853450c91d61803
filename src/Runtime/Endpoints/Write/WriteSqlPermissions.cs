using Datasette.Gen.Runtime.Http;
using Datasette.Gen.Runtime.Sql;

namespace Datasette.Gen.Runtime.Endpoints.Write;

/// <summary>
/// Datasette's decision for each operation of user-supplied write SQL (write-api spec §10.2):
/// ignored, rejected outright, refused as unsupported, or allowed only with named permissions.
/// Anything not listed is unsupported, so an operation SQLite adds later is refused, not allowed.
/// </summary>
internal static class WriteSqlPermissions
{
    /// <summary>One permission an operation needs: an action on the database or on one of its tables.</summary>
    internal sealed record Requirement(string Action, string Database, string? Table)
    {
        public override string ToString() => Table is null ? Database : $"{Database}/{Table}";
    }

    /// <summary>What to do with an operation: exactly one of the members says.</summary>
    internal sealed record Decision(bool Ignore, string? Rejection, string? Unsupported, IReadOnlyList<Requirement> Requirements);

    private static readonly HashSet<string> WriteOperations = new(StringComparer.Ordinal)
    {
        "insert", "update", "delete", "create", "alter", "drop", "begin", "commit", "rollback", "savepoint",
        "attach", "detach", "pragma", "analyze", "reindex", "vacuum", "unknown",
    };

    public static bool IsWrite(IReadOnlyList<SqlOperation> operations) => operations.Any(op => WriteOperations.Contains(op.Operation));

    public static Decision Decide(SqlOperation op)
    {
        if (op.Internal || op.Operation is "select" or "function")
        {
            return Ignored;
        }
        if (op.Operation == "vacuum")
        {
            return Reject("VACUUM is not allowed in user-supplied SQL");
        }
        if (op.Operation is "insert" or "update" or "delete" && op.TableKind is "virtual")
        {
            return Reject("Writes to virtual tables are not allowed in user-supplied SQL");
        }
        if (op.Operation is "insert" or "update" or "delete" && op.TableKind is "shadow")
        {
            return Reject("Writes to shadow tables are not allowed in user-supplied SQL");
        }
        var onTable = op.Database is not null && op.Table is not null;
        return (op.Operation, op.TargetType) switch
        {
            ("read", "table") when onTable => Require(op, "view-table"),
            ("insert" or "update", "table") when onTable => Require(op, "insert-row", "update-row", "delete-row"),
            ("delete", "table") when onTable => Require(op, "delete-row"),
            ("create", "table") when op.Database is not null => new Decision(false, null, null, new[] { new Requirement("create-table", op.Database, null) }),
            ("create", "view") when op.Database is not null => new Decision(false, null, null, new[] { new Requirement("create-view", op.Database, null) }),
            ("drop", "view") when onTable => Require(op, "drop-view"),
            ("alter", "table") when onTable => Require(op, "alter-table"),
            ("drop", "table") when onTable => Require(op, "drop-table"),
            ("create" or "drop", "index") when onTable => Require(op, "alter-table"),
            _ => new Decision(false, null, $"Unsupported SQL operation: {op.Operation} {op.TargetType}", Array.Empty<Requirement>()),
        };
    }

    /// <summary>
    /// Throws the first refusal, in the statement's order: 403 for a rejection, an unsupported
    /// operation, a permission on another database, or a missing permission.
    /// </summary>
    public static void Ensure(DatasetteRequest request, string database, IReadOnlyList<SqlOperation> operations)
    {
        foreach (var op in operations)
        {
            var decision = Decide(op);
            if (decision.Ignore)
            {
                continue;
            }
            if ((decision.Rejection ?? decision.Unsupported) is { } refusal)
            {
                throw WriteApiException.Forbidden(refusal);
            }
            if (op.Database != database)
            {
                throw WriteApiException.Forbidden("Writable queries may not access attached databases");
            }
            foreach (var requirement in decision.Requirements)
            {
                if (!request.Allowed(requirement.Action, requirement.Database, requirement.Table))
                {
                    throw WriteApiException.Forbidden($"Permission denied: need {requirement.Action} on {requirement}");
                }
            }
        }
    }

    /// <summary>Whether the actor holds every permission <paramref name="op"/> needs (null: it needs none, so nothing to show).</summary>
    public static bool? AllowedFor(DatasetteRequest request, SqlOperation op, bool isWrite)
    {
        var decision = Decide(op);
        if (decision.Requirements.Count > 0)
        {
            return decision.Requirements.All(r => request.Allowed(r.Action, r.Database, r.Table));
        }
        return isWrite ? false : null;
    }

    private static readonly Decision Ignored = new(true, null, null, Array.Empty<Requirement>());

    private static Decision Reject(string message) => new(false, message, null, Array.Empty<Requirement>());

    private static Decision Require(SqlOperation op, params string[] actions) =>
        new(false, null, null, actions.Select(action => new Requirement(action, op.Database!, op.Table)).ToArray());
}
