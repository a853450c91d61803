using System.Text.Json.Nodes;
using Datasette.Gen.Runtime.Http;

namespace Datasette.Gen.Runtime.ColumnTypes;

/// <summary>
/// A semantic type for a column (Datasette's <c>ColumnType</c>): it can render cells as HTML,
/// validate values written through the write APIs and transform values in JSON output. Plugins
/// register one instance per type (<see cref="Plugins.Hooks.IRegisterColumnTypes"/>); each
/// assignment gets a copy carrying that assignment's <see cref="Config"/>.
/// </summary>
public abstract record ColumnType
{
    /// <summary>Unique identifier: lowercase, no spaces, e.g. <c>email</c>.</summary>
    public abstract string Name { get; }

    /// <summary>A label for people, e.g. "Email address".</summary>
    public abstract string Description { get; }

    /// <summary>The SQLite types this type may be assigned to; null for any column.</summary>
    public virtual IReadOnlyList<SqliteAffinity>? SqliteTypes => null;

    /// <summary>This assignment's configuration (a JSON object), or null.</summary>
    public JsonObject? Config { get; init; }

    /// <summary>HTML for a cell, or null to fall through to the default rendering.</summary>
    public virtual string? RenderCell(object? value, string column, string table, string database, Datasette datasette, DatasetteRequest? request) => null;

    /// <summary>Null when <paramref name="value"/> (a value written through the API) is valid, else the error message.</summary>
    public virtual string? Validate(object? value, Datasette datasette) => null;

    /// <summary>The value JSON output shows for a stored value; the value itself by default.</summary>
    public virtual object? TransformValue(object? value, Datasette datasette) => value;

    /// <summary>Can this type be assigned to a column of <paramref name="type"/>?</summary>
    public bool AppliesTo(SqliteAffinity type)
    {
        if (SqliteTypes is not { } allowed)
        {
            return true;
        }
        foreach (var candidate in allowed)
        {
            if (candidate == type)
            {
                return true;
            }
        }
        return false;
    }
}
