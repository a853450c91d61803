using System.Text.Json.Nodes;

namespace Datasette.Gen.Runtime.Events;

// Datasette's built-in events (client-urls-events spec §6.2), each with its fields after the actor.

/// <summary>A successful root login through <c>/-/auth-token</c>.</summary>
public sealed record LoginEvent(JsonObject? Actor) : DatasetteEvent(Actor)
{
    public override string Name => "login";

    public override JsonObject Properties() => new();
}

/// <summary><c>POST /-/logout</c>; the actor is who logged out.</summary>
public sealed record LogoutEvent(JsonObject? Actor) : DatasetteEvent(Actor)
{
    public override string Name => "logout";

    public override JsonObject Properties() => new();
}

/// <summary>A token made with <c>POST /-/create-token</c> (not the CLI, not <see cref="Datasette.CreateTokenAsync"/>).</summary>
public sealed record CreateTokenEvent(
    JsonObject? Actor,
    long? ExpiresAfter,
    IReadOnlyList<string> RestrictAll,
    IReadOnlyDictionary<string, IReadOnlyList<string>> RestrictDatabase,
    IReadOnlyDictionary<string, IReadOnlyDictionary<string, IReadOnlyList<string>>> RestrictResource) : DatasetteEvent(Actor)
{
    public override string Name => "create-token";

    /// <summary>The event for a token made with these restrictions (lists copied as they are).</summary>
    public static CreateTokenEvent From(JsonObject? actor, long? expiresAfter, Tokens.TokenRestrictions restrictions)
    {
        var databases = new Dictionary<string, IReadOnlyList<string>>();
        foreach (var (database, actions) in restrictions.Database)
        {
            databases[database] = actions.ToArray();
        }
        var resources = new Dictionary<string, IReadOnlyDictionary<string, IReadOnlyList<string>>>();
        foreach (var (database, byResource) in restrictions.Resource)
        {
            var inner = new Dictionary<string, IReadOnlyList<string>>();
            foreach (var (resource, actions) in byResource)
            {
                inner[resource] = actions.ToArray();
            }
            resources[database] = inner;
        }
        return new CreateTokenEvent(actor, expiresAfter, restrictions.All.ToArray(), databases, resources);
    }

    public override JsonObject Properties()
    {
        var databases = new JsonObject();
        foreach (var (database, actions) in RestrictDatabase)
        {
            databases[database] = Strings(actions);
        }
        var resources = new JsonObject();
        foreach (var (database, byResource) in RestrictResource)
        {
            var inner = new JsonObject();
            foreach (var (resource, actions) in byResource)
            {
                inner[resource] = Strings(actions);
            }
            resources[database] = inner;
        }
        return new JsonObject
        {
            ["expires_after"] = ExpiresAfter is { } seconds ? JsonValue.Create(seconds) : null,
            ["restrict_all"] = Strings(RestrictAll),
            ["restrict_database"] = databases,
            ["restrict_resource"] = resources,
        };
    }

    internal static JsonArray Strings(IEnumerable<string> values)
    {
        var array = new JsonArray();
        foreach (var value in values)
        {
            array.Add((JsonNode)JsonValue.Create(value));
        }
        return array;
    }
}

/// <summary>The table-create API made a table that did not exist before.</summary>
public sealed record CreateTableEvent(JsonObject? Actor, string Database, string Table, string Schema) : DatasetteEvent(Actor)
{
    public override string Name => "create-table";

    public override JsonObject Properties() => new() { ["database"] = Database, ["table"] = Table, ["schema"] = Schema };
}

/// <summary>The drop API dropped a table after confirmation.</summary>
public sealed record DropTableEvent(JsonObject? Actor, string Database, string Table) : DatasetteEvent(Actor)
{
    public override string Name => "drop-table";

    public override JsonObject Properties() => new() { ["database"] = Database, ["table"] = Table };
}

/// <summary>A table's schema changed through the alter, create or insert-with-alter APIs.</summary>
public sealed record AlterTableEvent(JsonObject? Actor, string Database, string Table, string BeforeSchema, string AfterSchema) : DatasetteEvent(Actor)
{
    public override string Name => "alter-table";

    public override JsonObject Properties() => new()
    {
        ["database"] = Database,
        ["table"] = Table,
        ["before_schema"] = BeforeSchema,
        ["after_schema"] = AfterSchema,
    };
}

/// <summary>A write renamed a table (its root page now carries another name).</summary>
public sealed record RenameTableEvent(JsonObject? Actor, string Database, string OldTable, string NewTable) : DatasetteEvent(Actor)
{
    public override string Name => "rename-table";

    public override JsonObject Properties() => new() { ["database"] = Database, ["old_table"] = OldTable, ["new_table"] = NewTable };
}

/// <summary>The insert API (or create with rows); <see cref="NumRows"/> counts the rows requested.</summary>
public sealed record InsertRowsEvent(JsonObject? Actor, string Database, string Table, long NumRows, bool Ignore, bool Replace) : DatasetteEvent(Actor)
{
    public override string Name => "insert-rows";

    public override JsonObject Properties() => new()
    {
        ["database"] = Database,
        ["table"] = Table,
        ["num_rows"] = NumRows,
        ["ignore"] = Ignore,
        ["replace"] = Replace,
    };
}

/// <summary>The upsert API.</summary>
public sealed record UpsertRowsEvent(JsonObject? Actor, string Database, string Table, long NumRows) : DatasetteEvent(Actor)
{
    public override string Name => "upsert-rows";

    public override JsonObject Properties() => new() { ["database"] = Database, ["table"] = Table, ["num_rows"] = NumRows };
}

/// <summary>The row update API; <see cref="Pks"/> are the primary-key values from the URL, as strings.</summary>
public sealed record UpdateRowEvent(JsonObject? Actor, string Database, string Table, IReadOnlyList<string> Pks) : DatasetteEvent(Actor)
{
    public override string Name => "update-row";

    public override JsonObject Properties() => new() { ["database"] = Database, ["table"] = Table, ["pks"] = CreateTokenEvent.Strings(Pks) };
}

/// <summary>The row delete API.</summary>
public sealed record DeleteRowEvent(JsonObject? Actor, string Database, string Table, IReadOnlyList<string> Pks) : DatasetteEvent(Actor)
{
    public override string Name => "delete-row";

    public override JsonObject Properties() => new() { ["database"] = Database, ["table"] = Table, ["pks"] = CreateTokenEvent.Strings(Pks) };
}
